#include "definitionpanel.h"

#include "experimentdialog.h"
#include "experimenteditor.h"
#include "problemtext.h"
#include "sweepcontroller.h"

#include "common/atomicfile.h"
#include "common/countednoun.h"
#include "common/inputerror.h"
#include "common/storageerror.h"
#include "experiment/experimentfingerprint.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace seedscape {

namespace {

constexpr int kAutosaveDelayMs = 400; // saves once typing pauses, not on every key

} // namespace

DefinitionPanel::DefinitionPanel(const SweepController* sweeps, QWidget* parent)
    : QWidget(parent), m_sweeps(sweeps), m_editor(new ExperimentEditor), m_status(new QLabel),
      m_variantBar(new QFrame), m_variantMessage(new QLabel),
      m_makeVariant(new QPushButton(tr("Make a variant with this change"))),
      m_restoreFile(new QPushButton(tr("Restore the experiment file"))), m_autosave(new QTimer(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_status->setObjectName(QStringLiteral("definitionStatus"));
    m_status->setWordWrap(true);
    m_restoreFile->setObjectName(QStringLiteral("restoreExperimentFile"));
    m_restoreFile->setToolTip(
        tr("Writes NAME.experiment.json back from the definition its seeds were trained with"));
    connect(m_restoreFile, &QPushButton::clicked, this, &DefinitionPanel::restoreFile);
    layout->addWidget(m_restoreFile, 0, Qt::AlignLeft);
    layout->addWidget(m_editor, 1);
    // Under the form: the bar and the status come and go, and change height, as you type; above
    // it they moved every field, so a click aimed at one landed on another.
    layout->addWidget(buildVariantBar());
    layout->addWidget(m_status);
    m_editor->setNameEditable(false); // the name is the file's and the results folder's
    m_editor->setExtraRule([this](const Experiment& e) { return keepsStoredSeedsComparable(e); });
    m_autosave->setObjectName(QStringLiteral("autosaveTimer"));
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(kAutosaveDelayMs);
    connect(m_autosave, &QTimer::timeout, this, &DefinitionPanel::save);
    connect(m_editor, &ExperimentEditor::changed, this, &DefinitionPanel::edited);
    // The status's "marked in red" is true now. Only while the form has problems: a save already
    // waiting keeps its time, and a failed save's message stays.
    connect(m_editor, &ExperimentEditor::heldBackShown, this, [this] {
        if (!m_autosave->isActive() && !m_editor->isValid())
            edited();
    });
    // A seed that ends is stored (or not): counted now, and again from the folder.
    connect(m_sweeps, &SweepController::seedEnded, this,
            [this](const QString& experiment, quint64 seed, bool finished) {
                if (!m_saved || experiment != m_saved->name)
                    return;
                // Seeds by number, not a count: a count read from the folder may already hold this
                // seed, and adding it again would say 3 stored seeds where there are 2.
                if (finished && m_storedSeeds)
                    m_storedSeeds->insert(seed);
                const std::optional<std::set<quint64>> known = m_storedSeeds;
                countStoredSeeds();
                m_storedSeeds = known; // the seeds only grow during a sweep: the last ones hold meanwhile
            });
    showEntry({}, nullptr);
}

QWidget* DefinitionPanel::buildVariantBar()
{
    QFrame* frame = m_variantBar;
    frame->setObjectName(QStringLiteral("variantBar"));
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setStyleSheet(QStringLiteral("#variantBar { background: #fff4d6; }"));
    m_variantMessage->setObjectName(QStringLiteral("variantMessage"));
    m_variantMessage->setWordWrap(true); // a plain box layout: safe, unlike a QFormLayout row
    m_makeVariant->setObjectName(QStringLiteral("makeVariant"));
    auto* discard = new QPushButton(tr("Discard change"));
    discard->setObjectName(QStringLiteral("discardChange"));
    discard->setToolTip(tr("Puts the settings back as the experiment's file holds them"));
    auto* layout = new QHBoxLayout(frame);
    layout->addWidget(m_variantMessage, 1);
    layout->addWidget(m_makeVariant);
    layout->addWidget(discard);
    connect(m_makeVariant, &QPushButton::clicked, this, &DefinitionPanel::makeVariant);
    connect(discard, &QPushButton::clicked, this, &DefinitionPanel::discardChange);
    frame->setVisible(false);
    return frame;
}

std::optional<FieldProblem> DefinitionPanel::keepsStoredSeedsComparable(const Experiment& e) const
{
    if (!m_saved || experimentFingerprint(e) == experimentFingerprint(*m_saved))
        return std::nullopt;
    const QString name = m_saved->name;
    if (!m_storedSeeds) // counted in a moment: nothing is saved until then
        return FieldProblem{
            QStringLiteral("results"),
            tr("Counting the stored seeds, to know whether this change keeps them comparable…")};
    const int stored = static_cast<int>(m_storedSeeds->size());
    const bool training = std::any_of(m_sweeps->runningSeeds().begin(), m_sweeps->runningSeeds().end(),
                                      [&](const auto& running) { return running.second.experiment == name; });
    if (stored == 0 && !training)
        return std::nullopt;
    const QString seeds = stored == 0   ? tr("the seeds training now")
                          : stored == 1 ? tr("the stored seed")
                                        : tr("the %1 stored seeds").arg(stored);
    return FieldProblem{QStringLiteral("results"),
                        tr("This change makes %1 incomparable (trained with the saved settings). Only "
                           "the seed count and seed list can change here.")
                            .arg(seeds)};
}

void DefinitionPanel::showEntry(const QString& workspaceFolder, const WorkspaceEntry* shown)
{
    // A copy: saving the waiting edit makes the window rescan its entries, which may replace *shown.
    const std::optional<WorkspaceEntry> entry = shown ? std::optional<WorkspaceEntry>(*shown) : std::nullopt;
    saveNow();
    m_workspace = workspaceFolder;
    m_missingFile = entry && entry->fileMissing ? entry->importedName : QString();
    m_restoreFile->setVisible(!m_missingFile.isEmpty());
    if (!entry || !entry->experiment) {
        m_saved.reset();
        m_editor->setEnabled(false);
        m_editor->hide(); // an empty form would list its own problems ("name: must not be empty")
        if (entry && entry->fileMissing)
            m_status->setText(
                tr("The experiment file of %1 is missing (removed outside Seedscape, or by a git "
                   "checkout). Its seeds are in every plot and statistic, and its results keep "
                   "the definition they were trained with: restore the file to see, edit and "
                   "run it again.")
                    .arg(entry->importedName.toHtmlEscaped()));
        else if (entry && entry->isImported())
            m_status->setText(tr("%1 was imported (seedscape-cli import): Seedscape did not train it, so it "
                                 "has no definition to edit or run. Its seeds are in every plot and "
                                 "statistic; Rename and Delete (Experiment menu) work as for any other.")
                                  .arg(entry->importedName.toHtmlEscaped()));
        else
            m_status->setText(entry ? ProblemText::html(entry->error, m_status)
                                    : tr("No experiment selected."));
        return;
    }
    m_saved = entry->experiment;
    countStoredSeeds();
    m_editor->setEnabled(true);
    m_editor->show();
    m_editor->setWorkspace(m_workspace, {});
    m_editor->setExperiment(*entry->experiment);
}

void DefinitionPanel::restoreFile()
{
    const QString name = m_missingFile;
    try {
        Workspace(m_workspace).restoreExperimentFile(name);
    } catch (const InputError& e) {
        m_status->setText(ProblemText::html(tr("Not restored: %1").arg(e.message()), m_status));
        return;
    } catch (const StorageError& e) {
        m_status->setText(ProblemText::html(tr("Not restored: %1").arg(e.message()), m_status));
        return;
    }
    m_restoreFile->hide();
    Q_EMIT fileRestored(name);
}

void DefinitionPanel::countStoredSeeds()
{
    m_storedSeeds.reset();
    const int count = ++m_count;
    QPointer<DefinitionPanel> self(this);
    QThreadPool::globalInstance()->start([self, count, workspace = m_workspace, name = m_saved->name] {
        std::set<quint64> stored;
        try {
            // Failed seeds have no scores to make incomparable: fixing what they failed with is
            // the usual next step (StoredDefinition::checkComparable lets it run).
            stored = ResultStore(Workspace(workspace).resultsFolder(name)).finishedSeeds();
        } catch (const StorageError&) {
            // An unreadable workspace saves nothing anyway; save() says why.
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, count, stored] {
                if (self && count == self->m_count) {
                    self->m_storedSeeds = stored;
                    self->m_editor->recheck();
                }
            },
            Qt::QueuedConnection);
    });
}

bool DefinitionPanel::takeNotes(const Experiment& fromFile)
{
    if (!m_saved || m_saved->name != fromFile.name)
        return false;
    Experiment withTheseNotes = *m_saved;
    withTheseNotes.tags = fromFile.tags;
    withTheseNotes.notes = fromFile.notes;
    if (!(withTheseNotes == fromFile))
        return false;
    m_saved = fromFile;
    m_editor->keepNotes(fromFile.tags, fromFile.notes);
    return true;
}

bool DefinitionPanel::hasWaitingEdit() const
{
    return m_autosave->isActive();
}

void DefinitionPanel::saveNow()
{
    if (m_autosave->isActive()) {
        m_autosave->stop();
        save();
    }
}

void DefinitionPanel::edited()
{
    const std::optional<Experiment> edited = m_editor->experiment();
    showVariantBar();
    if (!m_saved)
        return;
    // The bar says what the comparability rule found; the red marks in the form, the rest.
    const int marked = static_cast<int>(m_editor->problems().size()) - (m_editor->extraProblem() ? 1 : 0);
    if (m_editor->isCheckingData()) {
        m_autosave->stop(); // saved once the data is known to load
        m_status->setText(tr("Checking the data…"));
    } else if (!edited && marked == 0) {
        m_autosave->stop();
        m_status->setText(tr("Not saved: make a variant with this change, or discard it."));
    } else if (!edited) {
        m_autosave->stop();
        // A message waiting for the typing to end is not red yet.
        m_status->setText(ProblemText::html(
            (m_editor->holdsBackAProblem() ? tr("Not saved: %1, marked in red when you leave the field.")
                                           : tr("Not saved: %1, marked in red."))
                .arg(countedNoun(marked, tr("problem"))),
            m_status));
    } else if (*edited == *m_saved) {
        m_autosave->stop();
        m_status->setText(tr("Saved. Changes are saved as you type."));
    } else {
        m_status->setText(tr("Saving…"));
        m_autosave->start();
    }
}

void DefinitionPanel::save()
{
    const std::optional<Experiment> edited = m_editor->experiment();
    if (!edited || !m_saved || edited->name != m_saved->name || *edited == *m_saved)
        return;
    try {
        const Workspace workspace(m_workspace);
        // Renamed or deleted meanwhile: saving would bring back its file without its results.
        if (!workspace.contains(edited->name)) {
            m_status->setText(
                ProblemText::html(tr("Not saved: %1 was renamed or deleted.").arg(edited->name), m_status));
            return;
        }
        workspace.save(*edited);
    } catch (const StorageError& e) {
        m_status->setText(ProblemText::html(e.message(), m_status));
        return;
    }
    m_saved = edited;
    m_status->setText(tr("Saved at %1. Changes are saved as you type.")
                          .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
    Q_EMIT experimentSaved(*edited);
}

void DefinitionPanel::showVariantBar()
{
    const std::optional<FieldProblem>& problem = m_editor->extraProblem();
    m_variantBar->setVisible(m_saved && problem);
    if (!m_saved || !problem)
        return;
    m_variantMessage->setText(problem->message);
    // Not while the seeds are counted, nor while the form has problems of its own.
    const bool ready = m_storedSeeds && m_editor->experimentDespiteExtraRule();
    m_makeVariant->setEnabled(ready);
    if (ready)
        m_makeVariant->setToolTip(tr("Saves the edited settings as a new experiment; this one keeps its "
                                     "settings and its stored seeds"));
    else
        m_makeVariant->setToolTip(m_storedSeeds ? tr("Fix the problems marked in red first")
                                                : tr("Counting the stored seeds…"));
}

void DefinitionPanel::makeVariant()
{
    const std::optional<Experiment> edited = m_editor->experimentDespiteExtraRule();
    if (!edited || !m_saved)
        return;
    Experiment variant = *edited;
    try {
        const Workspace workspace(m_workspace);
        QStringList taken = workspace.takenNames();
        variant.name = ExperimentDialog::variantName(m_saved->name, taken);
        while (workspace.contains(variant.name) ||
               workspace.isImported(variant.name)) { // an unreadable file holds the name: never replaced
            taken << variant.name;
            variant.name = ExperimentDialog::variantName(m_saved->name, taken);
        }
        if (const std::optional<QString> problem = Workspace::nameProblem(variant.name))
            throw StorageError(QStringLiteral("%1: %2").arg(variant.name, *problem));
        workspace.save(variant);
    } catch (const StorageError& e) {
        m_status->setText(ProblemText::html(tr("The variant was not made: %1").arg(e.message()), m_status));
        return;
    }
    const Experiment original = *m_saved;
    m_editor->setExperiment(original); // the shown experiment, as its file still holds it
    m_status->setText(tr("Made %1 with this change; %2 keeps its settings and stored seeds.")
                          .arg(variant.name, original.name));
    Q_EMIT variantCreated(variant.name);
}

void DefinitionPanel::discardChange()
{
    if (m_saved)
        m_editor->setExperiment(*m_saved);
}

} // namespace seedscape
