#include "experimentactions.h"

#include "experimentfileactions.h"
#include "experimentlistpanel.h"
#include "experimenttablemodel.h"
#include "settingsdiffdialog.h"
#include "slurmcontroller.h"
#include "sweepcontroller.h"

#include "common/storageerror.h"
#include "experiment/experimentvalidator.h"
#include "stats/randomnessstudy.h"
#include "store/workspace.h"

#include <QAction>
#include <QDesktopServices>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QUrl>

namespace seedscape {

ExperimentActions::ExperimentActions(QWidget* window, ExperimentListPanel* list,
                                     const ExperimentTableModel* experiments, const SweepController* sweeps,
                                     const SlurmController* slurm)
    : QObject(window), m_window(window), m_list(list), m_experiments(experiments), m_sweeps(sweeps),
      m_slurm(slurm),
      m_files(new ExperimentFileActions(window, [this](const QString& name) { return busyWith(name); }))
{
    connect(m_files, &ExperimentFileActions::message, this, &ExperimentActions::message);
}

void ExperimentActions::setWorkspace(const QString& folder)
{
    m_workspace = folder;
    m_files->setWorkspace(folder);
}

void ExperimentActions::addTo(QMenu* menu)
{
    QAction* create = menu->addAction(tr("&New experiment…"), QKeySequence::New, this,
                                      [this] { Q_EMIT newRequested(false); });
    QAction* variant = menu->addAction(tr("&Duplicate as variant…"), QKeySequence(tr("Ctrl+D")), this,
                                       [this] { Q_EMIT newRequested(true); });
    menu->addAction(tr("Edit &definition"), this, &ExperimentActions::definitionRequested);
    QAction* notes = menu->addAction(tr("Edit &notes and tags"), this, &ExperimentActions::notesRequested);
    QAction* compare = menu->addAction(tr("&Compare settings…"), this, [this] { openSettingsDiff(); });
    compare->setObjectName(QStringLiteral("compareSettings"));
    QAction* study = menu->addAction(tr("Study randomness &sources…"), this, [this] {
        const QString name = m_list->selectedExperiment();
        const int row = m_experiments->rowOf(name);
        const std::optional<Experiment>& base =
            row >= 0 ? m_experiments->entry(row).experiment : std::optional<Experiment>();
        const QStringList sources = base ? RandomnessStudy::sources(*base) : QStringList();
        if (!sources.isEmpty() &&
            QMessageBox::question(
                m_window, tr("Study randomness sources"),
                tr("Create %1 variants of %2 that each let one source of randomness vary (%3), "
                   "%4 seeds each, and train them?")
                    .arg(sources.size())
                    .arg(name, sources.join(QStringLiteral(", ")))
                    .arg(base->seeds.count)) != QMessageBox::Yes)
            return;
        createRandomnessStudy(name); // the one confirmed, whatever is selected after the dialog
    });
    study->setObjectName(QStringLiteral("studySources"));
    menu->addSeparator();
    QAction* rename =
        menu->addAction(tr("&Rename…"), this, [this] { m_files->askRename(m_list->selectedExperiment()); });
    rename->setObjectName(QStringLiteral("renameExperiment"));
    rename->setShortcut(Qt::Key_F2);
    QAction* remove = menu->addAction(tr("De&lete…"), this, [this] {
        const QString name = m_list->selectedExperiment();
        const auto found = m_experiments->statistics().find(name);
        m_files->askDelete(name, found == m_experiments->statistics().end() ? 0 : found->second.seedCount());
    });
    remove->setObjectName(QStringLiteral("deleteExperiment"));
    // Delete only from the table: in a text field the key deletes text.
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_list->view()->addAction(remove);
    QAction* reveal =
        menu->addAction(tr("Show in &folder"), this, [this] { revealFolder(m_list->selectedExperiment()); });
    reveal->setObjectName(QStringLiteral("revealExperiment"));
    auto* run = new QAction(tr("&Run"), this);
    connect(run, &QAction::triggered, this, &ExperimentActions::runRequested);
    m_list->setContextActions(
        {run, variant, notes, compare, study, nullptr, rename, remove, reveal, nullptr, create});
}

QString ExperimentActions::busyWith(const QString& experiment) const
{
    if (m_sweeps->involves(experiment))
        return tr("%1 is in the running sweep; cancel it first.").arg(experiment);
    // Jobs submitted before the workspace was opened are known once the first poll ends.
    if (!m_slurm->knowsJobs() &&
        QFileInfo(Workspace(m_workspace).resultsFolder(experiment) + QStringLiteral("/slurm")).isDir())
        return tr("Slurm jobs of %1 are being checked; try again in a moment.").arg(experiment);
    for (const SlurmJobStatus::Job& job : m_slurm->jobs())
        if (job.job.experiment == experiment && !SlurmController::hasEnded(job))
            return tr("Slurm job %1 is still training %2's seeds; wait for it or cancel it first.")
                .arg(job.job.jobId, experiment);
    return {};
}

void ExperimentActions::revealFolder(const QString& experiment)
{
    if (m_workspace.isEmpty())
        return;
    // The results folder once seeds exist; the workspace (where its file is) before.
    const QString results = Workspace(m_workspace).resultsFolder(experiment);
    const QString folder = !experiment.isEmpty() && QFileInfo(results).isDir() ? results : m_workspace;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        Q_EMIT message(tr("No file manager opened %1.").arg(folder));
}

bool ExperimentActions::createRandomnessStudy(const QString& name)
{
    const int row = m_experiments->rowOf(name);
    if (row >= 0 && m_experiments->entry(row).fileMissing) {
        Q_EMIT message(
            tr("The experiment file of %1 is missing: restore it on the Definition tab to study its "
               "randomness sources.")
                .arg(name));
        return false;
    }
    if (row < 0 || !m_experiments->entry(row).experiment) {
        Q_EMIT message(tr("Select an experiment with a definition to study its randomness sources."));
        return false;
    }
    const Experiment base = *m_experiments->entry(row).experiment; // a copy: the table is rescanned below
    if (RandomnessStudy::sources(base).isEmpty()) {
        Q_EMIT message(tr("%1 runs your program, which owns its randomness: vary its sources in the program.")
                           .arg(base.name));
        return false;
    }
    QStringList made;
    try {
        const Workspace workspace(m_workspace);
        const std::vector<Experiment> variants = RandomnessStudy::variants(base, workspace.takenNames());
        for (const Experiment& variant : variants) // all or nothing: a name too long writes none
            if (const auto problem = ExperimentValidator::validateName(variant.name)) {
                Q_EMIT message(tr("%1: %2").arg(variant.name, problem->message));
                return false;
            }
        for (const Experiment& variant : variants) {
            workspace.save(variant);
            made << variant.name;
        }
    } catch (const StorageError& e) {
        Q_EMIT message(e.message());
        if (made.isEmpty())
            return false;
    }
    Q_EMIT studyCreated(base.name, made);
    return true;
}

QDialog* ExperimentActions::openSettingsDiff()
{
    std::vector<Experiment> all;
    QStringList chosen;
    for (int row = 0; row < m_experiments->rowCount(); ++row)
        if (const auto& experiment = m_experiments->entry(row).experiment) {
            all.push_back(*experiment);
            if (!m_experiments->hidden().contains(experiment->name))
                chosen << experiment->name;
        }
    if (all.size() < 2) {
        Q_EMIT message(tr("Comparing settings needs two experiments that can be read."));
        return nullptr;
    }
    if (chosen.size() < 2) {
        const QString selected = m_list->selectedExperiment();
        chosen = {selected.isEmpty() ? all[0].name : selected};
        for (const Experiment& e : all)
            if (chosen.size() < 2 && e.name != chosen.front())
                chosen << e.name;
    }
    auto* dialog = new SettingsDiffDialog(all, chosen, m_window);
    dialog->setObjectName(QStringLiteral("settingsDiff"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

} // namespace seedscape
