#include "notespanel.h"

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "experiment/experimentvalidator.h"
#include "problemtext.h"
#include "store/workspace.h"
#include "tagcompleter.h"

#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopedValueRollback>
#include <QTimer>
#include <QVBoxLayout>

namespace seedscape {

NotesPanel::NotesPanel(QWidget* parent)
    : QWidget(parent), m_tags(new QLineEdit), m_notes(new QPlainTextEdit), m_status(new QLabel),
      m_autosave(new QTimer(this))
{
    m_tags->setObjectName(QStringLiteral("tagsEdit"));
    m_tags->setPlaceholderText(tr("baseline, lr sweep, for the paper"));
    m_tags->setToolTip(tr("Tags, separated by commas. Filter the table by one with #tag. "
                          "Stored in the experiment file as \"tags\"."));
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(
        tr("What this experiment tries, what you changed and why, what you concluded…"));
    m_notes->setToolTip(tr("Stored in the experiment file as \"notes\"."));
    m_status->setObjectName(QStringLiteral("notesStatus"));
    m_status->setWordWrap(false);
    m_autosave->setObjectName(QStringLiteral("notesAutosave"));
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(600);
    connect(m_autosave, &QTimer::timeout, this, &NotesPanel::save);
    connect(m_tags, &QLineEdit::textEdited, this, &NotesPanel::edited);
    connect(m_tags, &QLineEdit::editingFinished, this, &NotesPanel::saveNow);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &NotesPanel::edited);
    m_tags->setCompleter(new TagCompleter(this));

    auto* form = new QFormLayout;
    form->addRow(tr("Tags:"), m_tags);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Notes:")));
    layout->addWidget(m_notes, 1);
    layout->addWidget(m_status);
    showEntry({}, nullptr);
}

QStringList NotesPanel::parseTags(const QString& text)
{
    QStringList tags;
    for (const QString& part : text.split(QLatin1Char(','))) {
        const QString tag = part.simplified();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags << tag;
    }
    return tags;
}

void NotesPanel::setKnownTags(const QStringList& tags)
{
    static_cast<TagCompleter*>(m_tags->completer())->setTags(tags);
}

QString NotesPanel::status() const
{
    return m_status->text();
}

void NotesPanel::showEntry(const QString& workspaceFolder, const WorkspaceEntry* entry)
{
    // Copied first: saving below may re-read the workspace, which replaces what entry points to.
    const std::optional<Experiment> shown = entry ? entry->experiment : std::nullopt;
    if (shown && workspaceFolder == m_workspace && shown->name == m_experiment) {
        // The same experiment, read again: only a change made elsewhere replaces what is shown,
        // never text not yet saved ("a, " saved as the tag "a" stays as typed; a refused tag stays).
        if (m_saving || m_dirty ||
            (parseTags(m_tags->text()) == shown->tags && m_notes->toPlainText() == shown->notes))
            return;
    } else {
        saveNow();
    }
    m_workspace = workspaceFolder;
    m_experiment = shown ? shown->name : QString();
    m_filling = true;
    m_tags->setText(shown ? shown->tags.join(QStringLiteral(", ")) : QString());
    m_notes->setPlainText(shown ? shown->notes : QString());
    m_filling = false;
    m_dirty = false;
    m_tags->setEnabled(shown.has_value());
    m_notes->setEnabled(shown.has_value());
    m_status->setText(shown ? tr("Saved as you type, in %1's experiment file.").arg(m_experiment)
                      : entry && entry->fileMissing
                          ? tr("The experiment file of %1 is missing: restore it on the Definition tab to "
                               "keep tags and notes in it.")
                                .arg(entry->importedName)
                      : entry && entry->isImported()
                          ? tr("%1 was imported: it has no experiment file to keep tags "
                               "and notes in.")
                                .arg(entry->importedName)
                          : tr("Select an experiment to write its notes."));
}

void NotesPanel::edited()
{
    if (m_filling || m_experiment.isEmpty())
        return;
    m_dirty = true;
    m_autosave->start();
    m_status->setText(tr("Saving…"));
}

void NotesPanel::saveNow()
{
    if (m_autosave->isActive() || m_dirty) {
        m_autosave->stop();
        save();
    }
}

void NotesPanel::save()
{
    if (m_experiment.isEmpty() || m_saving)
        return;
    // What is typed now: saving the Definition tab first (aboutToSave) re-reads the workspace.
    const QString name = m_experiment;
    QStringList tags = parseTags(m_tags->text());
    const QString notes = m_notes->toPlainText();
    std::vector<FieldProblem> problems;
    ExperimentValidator::validateTags(tags, problems);
    const bool tagsRefused = !problems.empty();
    QScopedValueRollback<bool> saving(m_saving, true);
    Q_EMIT aboutToSave(name);
    try {
        // The file as it is now, so nothing the Definition tab saved is written over.
        const Workspace workspace(m_workspace);
        Experiment experiment = workspace.experiment(name);
        if (tagsRefused)
            tags = experiment.tags; // the notes are saved all the same; the tags stay as they were
        if (experiment.tags != tags || experiment.notes != notes) {
            experiment.tags = tags;
            experiment.notes = notes;
            workspace.save(experiment);
        }
    } catch (const InputError& e) {
        m_status->setText(ProblemText::html(tr("Not saved: %1").arg(e.message()), this));
        return;
    } catch (const StorageError& e) {
        m_status->setText(ProblemText::html(tr("Not saved: %1").arg(e.message()), this));
        return;
    }
    if (tagsRefused) { // still to be saved once the tag is mended
        m_status->setText(ProblemText::html(
            tr("Notes saved; the tags are not: a tag %1.").arg(problems.front().message), this));
    } else {
        m_dirty = false;
        m_status->setText(
            tr("Saved at %1.").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
    }
    Q_EMIT saved(name);
}

} // namespace seedscape
