#include "mainwindow.h"

#include "aboutdialog.h"
#include "comparepanel.h"
#include "csvpreviewmodel.h"
#include "datasetpanel.h"
#include "definitionpanel.h"
#include "experimentactions.h"
#include "experimentdialog.h"
#include "experimentfileactions.h"
#include "experimentfiltermodel.h"
#include "experimentlistpanel.h"
#include "experimenttablelayout.h"
#include "experimenttablemodel.h"
#include "exportactions.h"
#include "gettingstarteddialog.h"
#include "notespanel.h"
#include "plot/learningcurveview.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"
#include "plotcontextmenu.h"
#include "runqueueview.h"
#include "seedspanel.h"
#include "seedtablemodel.h"
#include "slurmcontroller.h"
#include "slurmjobsview.h"
#include "slurmsubmitdialog.h"
#include "sweepcontroller.h"
#include "sweepstatus.h"
#include "windowmemory.h"
#include "workspacemenu.h"
#include "workspacesnapshot.h"
#include "workspacewatcher.h"

#include "common/countednoun.h"
#include "common/storageerror.h"
#include "slurm/slurmclient.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

namespace seedscape {

namespace {

constexpr int kOpenedMessageMs = 15000; // "N experiments in FOLDER" after opening a workspace

QString hiddenKey(const QString& workspace)
{
    return QStringLiteral("workspaces/hidden/") +
           QString::fromLatin1(workspace.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_experiments(new ExperimentTableModel(this)),
      m_list(new ExperimentListPanel(m_experiments)), m_seedsPanel(new SeedsPanel),
      m_compare(new ComparePanel), m_tabs(new QTabWidget), m_splitter(new QSplitter(Qt::Vertical)),
      m_scatter(new ScatterPlotView), m_spread(new StatisticsPlotView(StatisticsPlotView::Kind::Spread)),
      m_ensembleSize(new StatisticsPlotView(StatisticsPlotView::Kind::EnsembleSize)),
      m_learningCurves(new LearningCurveView),
      m_watcher(new WorkspaceWatcher(
          [this] {
              const QString selected = m_experiments->nameAt(selectedRow());
              return WorkspaceWatcher::Focus{selected, m_experiments->hidden()};
          },
          this)),
      m_sweeps(new SweepController(this)), m_sweepStatus(new SweepStatus(m_sweeps, m_experiments, this)),
      m_data(new DatasetPanel), m_definition(new DefinitionPanel(m_sweeps)), m_notes(new NotesPanel),
      m_workspaceMenu(new WorkspaceMenu(this)),
      m_exports(
          new ExportActions(m_experiments, {m_scatter, m_spread, m_ensembleSize, m_learningCurves}, this)),
      m_slurm(new SlurmController(this)),
      m_experimentActions(new ExperimentActions(this, m_list, m_experiments, m_sweeps, m_slurm)),
      m_confirmCancel([this](const QString& question) {
          QMessageBox box(QMessageBox::Question, tr("Cancel the sweep"), question,
                          QMessageBox::Yes | QMessageBox::No, this);
          box.setDefaultButton(QMessageBox::No);
          // A sweep that ends while the question is open leaves nothing to cancel: the question goes.
          connect(m_sweeps, &SweepController::sweepEnded, &box, &QMessageBox::reject);
          return box.exec() == QMessageBox::Yes;
      })
{
    setWindowTitle(tr("Seedscape"));
    buildTabs();

    m_splitter->setObjectName(QStringLiteral("tableAndTabs"));
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 3);
    setCentralWidget(m_splitter);
    m_tableLayout = new ExperimentTableLayout(m_splitter, m_list, m_experiments, this);

    // Seeds written by a sweep (here or by seedscape-cli in another process) show up live.
    connect(m_watcher, &WorkspaceWatcher::experimentFilesChanged, this, &MainWindow::rescanExperiments);
    connect(m_watcher, &WorkspaceWatcher::snapshotReady, this,
            [this](std::shared_ptr<WorkspaceSnapshot> snapshot) { showSnapshot(std::move(*snapshot)); });
    connect(m_list->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex&) {
                m_firstLook = false; // chosen: kept
                showExperiment(selectedRow());
                showDefinition(selectedRow());
                m_notes->showEntry(m_workspacePath, entryAt(selectedRow()));
                m_scatter->selectPoint(m_experiments->nameAt(selectedRow()), {});
                m_watcher->refreshSoon(); // the scatter follows the selected experiment's group
            });
    connect(m_experiments, &ExperimentTableModel::visibilityChanged, this, [this] {
        saveHidden();
        m_watcher->refreshSoon();
    });
    // "Make a variant with this change" saved a new experiment: show it as New experiment does.
    connect(m_definition, &DefinitionPanel::variantCreated, this, [this](const QString& name) {
        rescanExperiments();
        selectExperiment(name);
        statusBar()->showMessage(tr("Created %1 with your change; the stored seeds stay with the original. "
                                    "Press Run (Ctrl+R) to train its seeds.")
                                     .arg(name));
    });
    connect(m_definition, &DefinitionPanel::fileRestored, this, [this](const QString& name) {
        rescanExperiments();
        selectExperiment(name);
        statusBar()->showMessage(tr("Restored %1 from the definition its seeds were trained with.")
                                     .arg(Workspace(m_workspacePath).experimentFile(name)));
    });
    connect(m_definition, &DefinitionPanel::experimentSaved, this, [this] {
        rescanExperiments();
        showExperiment(selectedRow());
        m_watcher->refreshSoon();
    });
    // Notes and the definition live in one file: a waiting definition edit is saved first.
    connect(m_notes, &NotesPanel::aboutToSave, m_definition, &DefinitionPanel::saveNow);
    connect(m_notes, &NotesPanel::saved, this, &MainWindow::rescanExperiments, Qt::QueuedConnection);
    connect(fileActions(), &ExperimentFileActions::renamed, this, &MainWindow::experimentRenamed);
    connect(fileActions(), &ExperimentFileActions::deleted, this, &MainWindow::rescanExperiments);
    connect(m_experimentActions, &ExperimentActions::message, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(m_experimentActions, &ExperimentActions::newRequested, this, &MainWindow::openExperimentDialog);
    connect(m_experimentActions, &ExperimentActions::runRequested, this,
            [this] { runExperiments(selectedRow()); });
    connect(m_experimentActions, &ExperimentActions::studyCreated, this, &MainWindow::runRandomnessStudy);
    connect(m_experimentActions, &ExperimentActions::definitionRequested, this,
            [this] { m_tabs->setCurrentWidget(m_definition); });
    connect(m_experimentActions, &ExperimentActions::notesRequested, this, [this] {
        m_tabs->setCurrentWidget(m_notes);
        m_notes->tagsEdit()->setFocus();
    });
    auto* plotMenu = new PlotContextMenu(m_exports, this);
    for (PlotPage* page :
         std::initializer_list<PlotPage*>{m_scatter, m_spread, m_ensembleSize, m_learningCurves})
        plotMenu->attach(page);
    connect(plotMenu, &PlotContextMenu::message, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(m_exports, &ExportActions::message, this,
            [this](const QString& text) { statusBar()->showMessage(text); });

    connect(m_slurm, &SlurmController::jobsChanged, this, &MainWindow::showSlurmJobs);
    connect(m_slurm, &SlurmController::seedsArrived, m_watcher, &WorkspaceWatcher::refreshSoon);
    connect(m_slurm, &SlurmController::message, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(m_slurm, &SlurmController::submitted, this, [this](const QString&, const QString& message) {
        m_revealJobs = true;
        statusBar()->showMessage(message);
    });
    connect(m_slurm, &SlurmController::submitFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Not submitted: %1").arg(message));
    });

    connect(m_sweeps, &SweepController::seedEnded, m_watcher, &WorkspaceWatcher::refreshSoon);
    connect(m_sweeps, &SweepController::seedsResumed, this, [this](int seeds) {
        statusBar()->showMessage(seeds == 1 ? tr("Continuing 1 seed from its checkpoint.")
                                            : tr("Continuing %1 seeds from their checkpoints.").arg(seeds));
    });
    // Running seeds' learning curves grow epoch by epoch, before the seed is stored.
    connect(m_sweeps, &SweepController::epochEnded, m_learningCurves, &LearningCurveView::addEpoch);
    connect(m_sweeps, &SweepController::seedEnded, m_learningCurves, &LearningCurveView::endSeed);
    // and they stand on the scatter where their latest epoch scored.
    connect(m_sweeps, &SweepController::epochEnded, m_scatter, &ScatterPlotView::showRunningSeed);
    connect(m_sweeps, &SweepController::seedEnded, m_scatter, &ScatterPlotView::endRunningSeed);
    connect(m_sweeps, &SweepController::sweepEnded, m_watcher, &WorkspaceWatcher::refreshNow);
    buildMenus();
    resize(1240, 760);
}

void MainWindow::buildTabs()
{
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    // Each tab's object name is how the window remembers it: an index would shift when tabs are added.
    const auto addTab = [this](QWidget* page, const char* objectName, const QString& title) {
        page->setObjectName(QLatin1String(objectName));
        m_tabs->addTab(page, title);
    };
    addTab(m_scatter, "scatterView", tr("Validation vs test"));
    addTab(m_spread, "spreadView", tr("Seed spread"));
    addTab(m_ensembleSize, "ensembleSizeView", tr("Ensemble size"));
    addTab(m_learningCurves, "learningCurveView", tr("Learning curves"));
    addTab(m_compare, "comparePanel", tr("Compare"));
    addTab(m_seedsPanel, "seedsPanel", tr("Seeds"));
    addTab(m_definition, "definitionPanel", tr("Definition"));
    addTab(m_notes, "notesPanel", tr("Notes"));
    addTab(m_data, "dataPanel", tr("Data"));
    connect(m_scatter, &ScatterPlotView::pointClicked, this, &MainWindow::selectPoint);
    connect(m_seedsPanel, &SeedsPanel::seedChosen, this,
            [this](quint64 seed) { m_scatter->selectPoint(seedModel()->experiment(), {seed}); });
    connect(m_compare, &ComparePanel::experimentChosen, this, &MainWindow::selectExperiment);
    connect(m_seedsPanel, &SeedsPanel::message, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
}

void MainWindow::buildMenus()
{
    menuBar()->addMenu(m_workspaceMenu);
    connect(m_workspaceMenu, &WorkspaceMenu::openRequested, this, &MainWindow::openWorkspace);
    connect(m_workspaceMenu, &WorkspaceMenu::message, this,
            [this](const QString& text) { statusBar()->showMessage(text); });

    QMenu* exports = menuBar()->addMenu(tr("E&xport"));
    exports->addAction(tr("&Plot…"), QKeySequence(tr("Ctrl+E")), this,
                       [this] { m_exports->choosePlotFile(currentPage()); });
    exports->addAction(tr("Plot &data (CSV, JSON)…"), this,
                       [this] { m_exports->choosePlotDataFile(currentPage()); });
    exports->addAction(tr("&Statistics table (CSV, JSON)…"), m_exports, &ExportActions::chooseStatisticsFile);
    exports->addAction(tr("&Report (HTML or PDF)…"), m_exports, &ExportActions::chooseReportFile);
    QMenu* experiments = menuBar()->addMenu(tr("&Experiment"));
    QMenu* runs = menuBar()->addMenu(tr("&Run"));
    QToolBar* toolbar = addToolBar(tr("Runs"));
    toolbar->setObjectName(QStringLiteral("runToolBar"));
    QAction* run = runs->addAction(tr("&Run selected experiment"), QKeySequence(tr("Ctrl+R")), this,
                                   [this] { runExperiments(selectedRow()); });
    QAction* runAll = runs->addAction(tr("Run &all experiments"), QKeySequence(tr("Ctrl+Shift+R")), this,
                                      [this] { runExperiments(-1); });
    QAction* pause = runs->addAction(tr("&Pause"), this, [this] {
        if (m_sweeps->isRunning())
            m_sweeps->isPaused() ? m_sweeps->resume() : m_sweeps->pause();
        else if (m_sweepStatus->canRunAgain())
            runAgain();
    });
    pause->setObjectName(QStringLiteral("pauseAction"));
    QAction* cancel = runs->addAction(tr("&Cancel"), this, &MainWindow::cancelSweep);
    cancel->setObjectName(QStringLiteral("cancelAction"));
    for (QAction* action : {run, runAll, pause, cancel})
        toolbar->addAction(action);
    m_sweepStatus->setActions(run, runAll, pause, cancel);
    runs->addSeparator();
    // Enabled with or without Slurm: without it, it says what is missing.
    QAction* submit = runs->addAction(tr("Submit to &Slurm…"), this, [this] { openSlurmDialog(); });
    submit->setObjectName(QStringLiteral("submitToSlurm"));
    m_experimentActions->addTo(experiments);
    connect(runQueue()->slurmJobs(), &SlurmJobsView::cancelRequested, m_slurm, &SlurmController::cancelJob);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* filter = view->addAction(tr("&Filter experiments"), QKeySequence::Find, m_list,
                                      &ExperimentListPanel::focusFilter);
    filter->setObjectName(QStringLiteral("filterExperiments"));
    QAction* showRuns = runsDock()->toggleViewAction();
    showRuns->setText(tr("&Runs panel"));
    showRuns->setObjectName(QStringLiteral("showRunsPanel"));
    view->addAction(showRuns);
    // Every tab from the keyboard: Ctrl+1 … Ctrl+9, the focus on the tab bar, where the arrows
    // move between tabs and Tab goes into the page.
    view->addSeparator();
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction* go = view->addAction(m_tabs->tabText(i), this, [this, i] {
            m_tabs->setCurrentIndex(i);
            m_tabs->tabBar()->setFocus(Qt::ShortcutFocusReason);
        });
        go->setObjectName(QStringLiteral("show_") + m_tabs->widget(i)->objectName());
        if (i < 9)
            go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Getting started"), this, [this] { openGettingStarted(); });
    help->addAction(tr("&About Seedscape"), this, [this] { openAbout(); });
}

QString MainWindow::selectedExperiment() const
{
    return m_experiments->nameAt(selectedRow());
}

void MainWindow::experimentRenamed(const QString& oldName, const QString& newName)
{
    if (m_experiments->hidden().contains(oldName)) { // an unchecked experiment stays unchecked
        QSet<QString> hidden = m_experiments->hidden();
        hidden.remove(oldName);
        hidden.insert(newName);
        m_experiments->setHidden(hidden);
        saveHidden();
    }
    const bool wasSelected = selectedExperiment() == oldName;
    rescanExperiments();
    if (wasSelected)
        selectExperiment(newName);
}

void MainWindow::saveHidden()
{
    // Which experiments the plots show is part of the workspace's state: kept for next time.
    if (!m_workspacePath.isEmpty())
        QSettings().setValue(hiddenKey(m_workspacePath),
                             QStringList(m_experiments->hidden().begin(), m_experiments->hidden().end()));
}

QDialog* MainWindow::openSettingsDiff()
{
    return m_experimentActions->openSettingsDiff();
}

ExperimentFileActions* MainWindow::fileActions() const
{
    return m_experimentActions->files();
}

void MainWindow::setCancelConfirmation(std::function<bool(const QString&)> confirm)
{
    m_confirmCancel = std::move(confirm);
}

void MainWindow::cancelSweep()
{
    if (!m_sweeps->isRunning())
        return;
    // Seeds still being prepared lose nothing. A built-in model's seed keeps its last checkpoint
    // and continues from it; a program's seed loses what its program did.
    int programs = 0, builtIn = 0;
    for (const auto& [seed, running] : m_sweeps->runningSeeds())
        ++(running.program ? programs : builtIn);
    if (programs + builtIn > 0 && !m_confirmCancel(SweepStatus::cancelQuestion(builtIn, programs)))
        return;
    if (m_sweeps->isRunning()) // it may have ended while the question was open
        m_sweeps->cancel();
}

bool MainWindow::runAgain()
{
    // The same experiments by name, read as they are now: the sweep trains the seeds still missing.
    std::vector<Experiment> chosen;
    for (const SweepController::QueuedExperiment& queued : m_sweeps->queue()) {
        const int row = m_experiments->rowOf(queued.name);
        if (row >= 0 && m_experiments->entry(row).experiment)
            chosen.push_back(*m_experiments->entry(row).experiment);
    }
    QString error;
    if (chosen.empty())
        error = tr("The experiments of the cancelled sweep are no longer in the workspace.");
    else if (m_sweeps->start(m_workspacePath, chosen, &error)) {
        m_sweepStatus->update(); // the actions and the Runs dock at once, before the first seed
        return true;
    }
    statusBar()->showMessage(error);
    return false;
}

QDockWidget* MainWindow::runsDock() const
{
    return m_sweepStatus->runsDock();
}

QDialog* MainWindow::openAbout()
{
    auto* dialog = new AboutDialog(m_workspacePath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QDialog* MainWindow::openGettingStarted()
{
    auto* dialog = new GettingStartedDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::saveWorkspaceState() const
{
    if (m_workspacePath.isEmpty())
        return;
    WindowMemory memory;
    memory.geometry = saveGeometry();
    memory.docks = saveState();
    memory.splitter = m_splitter->saveState();
    memory.columns = m_list->view()->horizontalHeader()->saveState();
    memory.experiment = m_experiments->nameAt(selectedRow());
    memory.tab = m_tabs->currentWidget() ? m_tabs->currentWidget()->objectName() : QString();
    memory.save(m_workspacePath);
}

bool MainWindow::restoreWorkspaceState()
{
    const WindowMemory memory = WindowMemory::load(m_workspacePath);
    if (!memory.geometry.isEmpty())
        restoreGeometry(memory.geometry);
    if (!memory.docks.isEmpty())
        restoreState(memory.docks);
    m_sweepStatus->hideRunsIfIdle(); // the dock as it was left, unless nothing runs now
    m_tableLayout->restore(memory.splitter, memory.columns);
    if (auto* tab = m_tabs->findChild<QWidget*>(memory.tab); tab && m_tabs->indexOf(tab) >= 0)
        m_tabs->setCurrentWidget(tab);
    // An unreadable file's row has no name: an empty one matches it, not "none saved".
    if (memory.experiment.isEmpty() || m_experiments->rowOf(memory.experiment) < 0)
        return false;
    selectExperiment(memory.experiment);
    return true;
}

void MainWindow::selectFirstWithSeeds()
{
    m_firstLook = false;
    const std::map<QString, ExperimentStatistics>& statistics = m_experiments->statistics();
    if (statistics.empty() || statistics.count(selectedExperiment()))
        return;
    const ExperimentFilterModel* rows = m_list->filterModel(); // as sorted and filtered on screen
    for (int row = 0; row < rows->rowCount(); ++row) {
        const QString name = m_experiments->nameAt(rows->mapToSource(rows->index(row, 0)).row());
        if (statistics.count(name)) {
            selectExperiment(name);
            return;
        }
    }
}

SlurmSubmitDialog* MainWindow::openSlurmDialog()
{
    QString missing;
    if (!SlurmClient::available(&missing)) {
        auto* box = new QMessageBox(QMessageBox::Information, tr("Submit to Slurm"),
                                    tr("Submitting to Slurm needs Slurm's commands on this machine."),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("slurmMissing"));
        box->setInformativeText(missing + QLatin1Char('.'));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return nullptr;
    }
    const int row = selectedRow();
    const WorkspaceEntry* entry = entryAt(row);
    if (m_workspacePath.isEmpty() || !entry || !entry->experiment) {
        statusBar()->showMessage(tr("Select an experiment that can be read to submit it to Slurm."));
        return nullptr;
    }
    m_definition->saveNow(); // what is submitted is the definition as shown
    auto* dialog =
        new SlurmSubmitDialog(m_slurm, entry->experiment->name, entry->experiment->seeds.count, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::showSlurmJobs()
{
    runQueue()->setSlurmJobs(m_slurm->jobs(), m_slurm->queueProblem(), m_slurm->cancelling());
    const bool onTheirWay =
        std::any_of(m_slurm->jobs().begin(), m_slurm->jobs().end(),
                    [](const SlurmJobStatus::Job& j) { return !SlurmController::hasEnded(j); });
    m_sweepStatus->setSlurmActive(onTheirWay);
    if (onTheirWay && std::exchange(m_revealJobs, false))
        m_sweepStatus->showRuns();
}

const WorkspaceEntry* MainWindow::entryAt(int row) const
{
    return row >= 0 && row < m_experiments->rowCount() ? &m_experiments->entry(row) : nullptr;
}

int MainWindow::selectedRow() const
{
    return m_list->selectedRow();
}

void MainWindow::selectPoint(const QString& experiment, const std::vector<quint64>& seeds)
{
    m_list->selectExperiment(experiment);
    if (seeds.size() == 1 && seedModel()->experiment() == experiment)
        m_seedsPanel->selectSeed(seeds.front());
    m_scatter->selectPoint(experiment, seeds);
}

bool MainWindow::runExperiments(int row)
{
    std::vector<Experiment> chosen;
    for (int r = 0; r < m_experiments->rowCount(); ++r)
        if ((row < 0 || r == row) && m_experiments->entry(r).experiment)
            chosen.push_back(*m_experiments->entry(r).experiment);
    QString error;
    if (chosen.empty() && row >= 0 && m_experiments->entry(row).fileMissing)
        error = tr("The experiment file of %1 is missing: restore it on the Definition tab to run it.")
                    .arg(m_experiments->entry(row).importedName);
    else if (chosen.empty() && row >= 0 && m_experiments->entry(row).isImported())
        error =
            tr("%1 was imported: it has no definition to run.").arg(m_experiments->entry(row).importedName);
    else if (chosen.empty())
        error = tr("Choose an experiment that can be read.");
    else if (m_sweeps->start(m_workspacePath, chosen, &error)) {
        m_sweepStatus->update(); // the actions and the Runs dock at once, before the first seed
        return true;
    }
    statusBar()->showMessage(error);
    return false;
}

bool MainWindow::openWorkspace(const QString& folder)
{
    try {
        const Workspace workspace(folder);
        m_definition->saveNow(); // the last edit in the old workspace is kept
        m_notes->saveNow();
        saveWorkspaceState(); // and how its window looked
        m_workspacePath = workspace.path();
        m_experiments->setEntries({}); // another workspace: new rows, even where names repeat
        m_experiments->setEntries(workspace.scan());
        offerKnownTags();
        m_experimentActions->setWorkspace(m_workspacePath);
        const QStringList hidden = QSettings().value(hiddenKey(m_workspacePath)).toStringList();
        m_experiments->setHidden(QSet<QString>(hidden.begin(), hidden.end()));
        m_tableLayout->startWorkspace();
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return false;
    }
    setWindowTitle(tr("%1 — Seedscape").arg(m_workspacePath));
    // For a while only: experiments added or deleted from outside would make the count stale.
    statusBar()->showMessage(
        tr("%1 in %2").arg(countedNoun(m_experiments->rowCount(), tr("experiment")), m_workspacePath),
        kOpenedMessageMs);
    m_workspaceMenu->setCurrent(m_workspacePath);
    m_exports->setWorkspace(m_workspacePath);
    m_watcher->watch(m_workspacePath);
    m_watcher->refreshNow();
    m_revealJobs = true; // jobs submitted earlier and still on their way
    m_slurm->setWorkspace(m_workspacePath);
    m_sweepStatus->forgetRunAgain(); // the cancelled sweep was another workspace's
    if (m_experiments->rowCount() > 0)
        m_list->view()->selectRow(0);
    else
        showExperiment(-1);
    m_firstLook = !restoreWorkspaceState();
    return true;
}

void MainWindow::rescanExperiments()
{
    if (m_workspacePath.isEmpty())
        return;
    const QString selected = m_experiments->nameAt(selectedRow());
    const int rowsBefore = m_experiments->rowCount();
    try {
        m_experiments->setEntries(Workspace(m_workspacePath).scan());
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return;
    }
    if (m_experiments->rowCount() > rowsBefore)
        m_tableLayout->rowsAdded();
    offerKnownTags();
    const int row = m_experiments->rowOf(selected);
    m_notes->showEntry(m_workspacePath, entryAt(row)); // changed elsewhere, unless being typed
    if (row < 0 && !selected.isEmpty()) {
        // Renamed, deleted or hidden by the filter: no tab keeps showing (or saving) it.
        showExperiment(selectedRow());
        showDefinition(selectedRow());
        m_notes->showEntry(m_workspacePath, entryAt(selectedRow()));
    } else if (row >= 0 && row != selectedRow())
        selectExperiment(selected); // the rows were rebuilt: select the same experiment again
    else if (row >= 0 && !m_definition->hasWaitingEdit() &&
             m_experiments->entry(row).experiment != m_definition->saved() &&
             !(m_experiments->entry(row).experiment &&
               m_definition->takeNotes(*m_experiments->entry(row).experiment))) {
        showExperiment(row); // its file was changed by someone else
        showDefinition(row);
    }
}

void MainWindow::offerKnownTags()
{
    QStringList tags;
    for (int r = 0; r < m_experiments->rowCount(); ++r)
        if (const auto& experiment = m_experiments->entry(r).experiment)
            tags << experiment->tags;
    tags.removeDuplicates();
    tags.sort(Qt::CaseInsensitive);
    m_notes->setKnownTags(tags);
}

void MainWindow::selectExperiment(const QString& name)
{
    m_list->selectExperiment(name);
}

void MainWindow::showDefinition(int row)
{
    m_definition->showEntry(m_workspacePath, entryAt(row));
}

void MainWindow::runRandomnessStudy(QString base, QStringList variants)
{
    // Taken by value: a sender's references may point into the rows the rescan replaces.
    rescanExperiments();
    selectExperiment(base);
    std::vector<Experiment> chosen;
    for (const QString& name : variants)
        if (const int row = m_experiments->rowOf(name); row >= 0 && m_experiments->entry(row).experiment)
            chosen.push_back(*m_experiments->entry(row).experiment);
    QString error;
    if (!m_sweeps->start(m_workspacePath, chosen, &error)) {
        statusBar()->showMessage(
            tr("Created %1; not run: %2").arg(variants.join(QStringLiteral(", ")), error));
        return;
    }
    m_sweepStatus->update();
    m_tabs->setCurrentWidget(m_compare); // where the study's spreads appear as its seeds finish
}

ExperimentDialog* MainWindow::openExperimentDialog(bool variant)
{
    if (m_workspacePath.isEmpty())
        return nullptr;
    QStringList taken;
    try {
        taken = Workspace(m_workspacePath).takenNames(); // imported ones too
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return nullptr;
    }
    const int row = selectedRow();
    const std::optional<Experiment> selected = row >= 0 ? m_experiments->entry(row).experiment : std::nullopt;
    if (variant && !selected) {
        statusBar()->showMessage(tr("Select an experiment to duplicate."));
        return nullptr;
    }
    auto* dialog = new ExperimentDialog(
        variant ? tr("Duplicate as variant") : tr("New experiment"), m_workspacePath, taken,
        ExperimentDialog::startFrom(selected ? &*selected : nullptr, variant, taken), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!variant) // a new experiment's suggested patience follows its epochs; a variant changes one thing
        dialog->setPatienceFollowsEpochs(true);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addExperiment(dialog->experiment()); });
    dialog->open();
    return dialog;
}

bool MainWindow::addExperiment(const Experiment& experiment)
{
    try {
        const Workspace workspace(m_workspacePath);
        if (workspace.contains(experiment.name) || workspace.isImported(experiment.name)) {
            statusBar()->showMessage(
                tr("The workspace already has an experiment named %1.").arg(experiment.name));
            return false;
        }
        workspace.save(experiment);
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return false;
    }
    rescanExperiments();
    selectExperiment(experiment.name);
    statusBar()->showMessage(tr("Created %1. Press Run (Ctrl+R) to train its seeds.").arg(experiment.name));
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_definition->saveNow(); // nothing typed is lost by closing the window
    m_notes->saveNow();
    saveWorkspaceState();
    QMainWindow::closeEvent(event);
}

void MainWindow::showSnapshot(WorkspaceSnapshot snapshot)
{
    const auto damaged = snapshot.damaged.find(snapshot.focus);
    m_seedsPanel->setSeeds(snapshot.focus, std::move(snapshot.seeds),
                           damaged == snapshot.damaged.end() ? QStringList() : damaged->second);
    m_compare->showSnapshot(snapshot, *m_experiments);
    // Colours by the experiment's place in the workspace, not among the plotted: unchecking one
    // experiment leaves the others' colours, and every view agrees.
    if (!snapshot.coloursProblem.isEmpty()) // once: the file is whole again afterwards
        statusBar()->showMessage(snapshot.coloursProblem);
    m_learningCurves->setColours(snapshot.colours);
    m_scatter->setColours(snapshot.colours);
    m_spread->setColours(snapshot.colours);
    m_ensembleSize->setColours(snapshot.colours);
    m_experiments->setColours(snapshot.colours);
    m_learningCurves->setData(std::move(snapshot.curves));
    // The selected experiment's group in every plot, also before its first seed.
    const QString group = snapshot.scatter.group.key;
    int finishedSeeds = 0;
    for (const auto& [name, statistics] : snapshot.statistics)
        finishedSeeds += int(statistics.seeds.size());
    m_scatter->setData(std::move(snapshot.scatter));
    m_spread->setData(snapshot.plotted, group);
    m_ensembleSize->setHighlighted(snapshot.focus);
    m_ensembleSize->setData(std::move(snapshot.plotted), group);
    m_experiments->setStatistics(std::move(snapshot.statistics), std::move(snapshot.picks),
                                 std::move(snapshot.failedOnly), std::move(snapshot.damaged));
    m_experiments->setCheckpoints(std::move(snapshot.checkpoints));
    m_tableLayout->statisticsShown();
    m_sweepStatus->seedsCounted(finishedSeeds);
    if (m_firstLook)
        selectFirstWithSeeds();
}

ExperimentEditor* MainWindow::definitionEditor() const
{
    return m_definition->editor();
}

PlotPage* MainWindow::currentPage() const
{
    auto* page = dynamic_cast<PlotPage*>(m_tabs->currentWidget());
    return page ? page : m_scatter;
}

QString MainWindow::currentPlotName() const
{
    return currentPage()->name();
}

bool MainWindow::exportPlot(const QString& path, QSize size, int dpi)
{
    return m_exports->exportPlot(currentPage(), path, size, dpi);
}

bool MainWindow::exportPlotData(const QString& path)
{
    return m_exports->exportPlotData(currentPage(), path);
}

bool MainWindow::exportStatistics(const QString& path)
{
    return m_exports->exportStatistics(path);
}

bool MainWindow::exportReport(const QString& path)
{
    return m_exports->exportReport(path);
}

SeedTableModel* MainWindow::seedModel() const
{
    return m_seedsPanel->model();
}

RunQueueView* MainWindow::runQueue() const
{
    return m_sweepStatus->runQueue();
}

CsvPreviewModel* MainWindow::previewModel() const
{
    return m_data->previewModel();
}

QString MainWindow::datasetSummary() const
{
    return m_data->summary();
}

void MainWindow::showExperiment(int row)
{
    m_data->showEntry(m_workspacePath, entryAt(row));
}

} // namespace seedscape
