#include "notespanel.h"

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "experiment/experimentvalidator.h"
#include "problemtext.h"
#include "store/workspace.h"

#include <QCompleter>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStringListModel>
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
    auto* completer = new QCompleter(new QStringListModel(this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_tags->setCompleter(completer);

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
    static_cast<QStringListModel*>(m_tags->completer()->model())->setStringList(tags);
}

QString NotesPanel::status() const
{
    return m_status->text();
}

void NotesPanel::showEntry(const QString& workspaceFolder, const WorkspaceEntry* entry)
{
    const bool readable = entry && entry->experiment;
    if (readable && workspaceFolder == m_workspace && entry->experiment->name == m_experiment) {
        // The same experiment, read again: only a change made elsewhere replaces what is shown,
        // never the text being typed ("a, " saved as the tag "a" stays as typed).
        if (m_autosave->isActive() || (parseTags(m_tags->text()) == entry->experiment->tags &&
                                       m_notes->toPlainText() == entry->experiment->notes))
            return;
    } else {
        saveNow();
    }
    m_workspace = workspaceFolder;
    m_experiment = readable ? entry->experiment->name : QString();
    m_filling = true;
    m_tags->setText(readable ? entry->experiment->tags.join(QStringLiteral(", ")) : QString());
    m_notes->setPlainText(readable ? entry->experiment->notes : QString());
    m_filling = false;
    m_tags->setEnabled(readable);
    m_notes->setEnabled(readable);
    m_status->setText(readable ? tr("Saved as you type, in %1's experiment file.").arg(m_experiment)
                               : tr("Select an experiment to write its notes."));
}

void NotesPanel::edited()
{
    if (m_filling || m_experiment.isEmpty())
        return;
    m_autosave->start();
    m_status->setText(tr("Saving…"));
}

void NotesPanel::saveNow()
{
    if (m_autosave->isActive()) {
        m_autosave->stop();
        save();
    }
}

void NotesPanel::save()
{
    if (m_experiment.isEmpty())
        return;
    const QStringList tags = parseTags(m_tags->text());
    std::vector<FieldProblem> problems;
    ExperimentValidator::validateTags(tags, problems);
    if (!problems.empty()) {
        m_status->setText(ProblemText::html(tr("Not saved: a tag %1.").arg(problems.front().message), this));
        return;
    }
    Q_EMIT aboutToSave(m_experiment);
    try {
        // The file as it is now, so nothing the Definition tab saved is written over.
        const Workspace workspace(m_workspace);
        Experiment experiment = workspace.experiment(m_experiment);
        if (experiment.tags == tags && experiment.notes == m_notes->toPlainText()) {
            m_status->setText(tr("Saved as you type, in %1's experiment file.").arg(m_experiment));
            return;
        }
        experiment.tags = tags;
        experiment.notes = m_notes->toPlainText();
        workspace.save(experiment);
    } catch (const InputError& e) {
        m_status->setText(ProblemText::html(tr("Not saved: %1").arg(e.message()), this));
        return;
    } catch (const StorageError& e) {
        m_status->setText(ProblemText::html(tr("Not saved: %1").arg(e.message()), this));
        return;
    }
    m_status->setText(
        tr("Saved at %1.").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
    Q_EMIT saved(m_experiment);
}

} // namespace seedscape
