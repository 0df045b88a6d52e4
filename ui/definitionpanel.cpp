#include "definitionpanel.h"

#include "experimenteditor.h"
#include "sweepcontroller.h"

#include "common/atomicfile.h"
#include "experiment/experimentfingerprint.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLabel>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace seedscape {

namespace {

constexpr int kAutosaveDelayMs = 400; // saves once typing pauses, not on every key

QString inRed(const QString& text)
{
    return QStringLiteral("<span style='color:#b00020'>%1</span>").arg(text.toHtmlEscaped());
}

} // namespace

DefinitionPanel::DefinitionPanel(const SweepController* sweeps, QWidget* parent)
    : QWidget(parent), m_sweeps(sweeps), m_editor(new ExperimentEditor), m_status(new QLabel),
      m_autosave(new QTimer(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_status->setObjectName(QStringLiteral("definitionStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addWidget(m_editor, 1);
    m_editor->setNameEditable(false); // the name is the file's and the results folder's
    m_editor->setExtraRule([this](const Experiment& e) { return keepsStoredSeedsComparable(e); });
    m_autosave->setObjectName(QStringLiteral("autosaveTimer"));
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(kAutosaveDelayMs);
    connect(m_autosave, &QTimer::timeout, this, &DefinitionPanel::save);
    connect(m_editor, &ExperimentEditor::changed, this, &DefinitionPanel::edited);
    // A seed that ends is stored (or not): counted now, and again from the folder.
    connect(m_sweeps, &SweepController::seedEnded, this,
            [this](const QString& experiment, quint64, bool finished) {
                if (!m_saved || experiment != m_saved->name)
                    return;
                if (finished && m_storedSeeds)
                    ++*m_storedSeeds;
                const std::optional<int> known = m_storedSeeds;
                countStoredSeeds();
                m_storedSeeds = known; // the count only grows during a sweep: the last one holds meanwhile
            });
    showEntry({}, nullptr);
}

std::optional<FieldProblem> DefinitionPanel::keepsStoredSeedsComparable(const Experiment& e) const
{
    if (!m_saved || experimentFingerprint(e) == experimentFingerprint(*m_saved))
        return std::nullopt;
    const QString name = m_saved->name;
    if (!m_storedSeeds) // counted in a moment: nothing is saved until then
        return FieldProblem{QStringLiteral("results"), tr("counting the stored seeds…")};
    const int stored = *m_storedSeeds;
    const bool training = std::any_of(m_sweeps->runningSeeds().begin(), m_sweeps->runningSeeds().end(),
                                      [&](const auto& running) { return running.second.experiment == name; });
    if (stored == 0 && !training)
        return std::nullopt;
    return FieldProblem{QStringLiteral("results"),
                        tr("%n stored seed(s) were trained with the saved settings, so only the seed count "
                           "can change here. To try other settings, use Experiment ▸ Duplicate as variant "
                           "(Ctrl+D).",
                           nullptr, stored)};
}

void DefinitionPanel::showEntry(const QString& workspaceFolder, const WorkspaceEntry* shown)
{
    // A copy: saving the waiting edit makes the window rescan its entries, which may replace *shown.
    const std::optional<WorkspaceEntry> entry = shown ? std::optional<WorkspaceEntry>(*shown) : std::nullopt;
    saveNow();
    m_workspace = workspaceFolder;
    if (!entry || !entry->experiment) {
        m_saved.reset();
        m_editor->setEnabled(false);
        m_status->setText(entry ? inRed(entry->error) : tr("No experiment selected."));
        return;
    }
    m_saved = entry->experiment;
    countStoredSeeds();
    m_editor->setEnabled(true);
    m_editor->setWorkspace(m_workspace, {});
    m_editor->setExperiment(*entry->experiment);
}

void DefinitionPanel::countStoredSeeds()
{
    m_storedSeeds.reset();
    const int count = ++m_count;
    QPointer<DefinitionPanel> self(this);
    QThreadPool::globalInstance()->start([self, count, workspace = m_workspace, name = m_saved->name] {
        int stored = 0;
        try {
            stored = static_cast<int>(
                ResultStore(Workspace(workspace).resultsFolder(name)).recordedSeeds().size());
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
    if (!m_saved)
        return;
    if (m_editor->isCheckingData()) {
        m_autosave->stop(); // saved once the data is known to load
        m_status->setText(tr("Checking the data…"));
    } else if (!edited) {
        m_autosave->stop();
        m_status->setText(tr("<span style='color:#b00020'>Not saved: %n problem(s), marked in red.</span>",
                             nullptr, static_cast<int>(m_editor->problems().size())));
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
        Workspace(m_workspace).save(*edited);
    } catch (const StorageError& e) {
        m_status->setText(inRed(e.message()));
        return;
    }
    m_saved = edited;
    m_status->setText(tr("Saved at %1. Changes are saved as you type.")
                          .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
    Q_EMIT experimentSaved(*edited);
}

} // namespace seedscape
