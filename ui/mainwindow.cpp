#include "mainwindow.h"

#include "csvpreviewmodel.h"
#include "definitionpanel.h"
#include "experimentdialog.h"
#include "experimenteditor.h"
#include "experimenttablemodel.h"
#include "plot/exportplotdialog.h"
#include "plot/learningcurveview.h"
#include "plot/plotexporter.h"
#include "plot/qcustomplot_include.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"
#include "progressstrip.h"
#include "runqueueview.h"
#include "seedtablemodel.h"
#include "sweepcontroller.h"
#include "workspacesnapshot.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "data/csvreader.h"
#include "data/preparedata.h"
#include "experiment/experimentnames.h"
#include "report/htmlreport.h"
#include "stats/datatable.h"
#include "stats/statisticsjson.h"
#include "stats/workspacestatistics.h"
#include "store/sampleworkspace.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace seedscape {

namespace {

constexpr int kPreviewRows = 50;
constexpr int kRefreshDelayMs = 150; // files arrive in pairs and bursts: wait for the burst to end
constexpr int kRecentCount = 8;
constexpr int kProgressIntervalMs = 40;
const char* const kRecentKey = "workspaces/recent";

QString hiddenKey(const QString& workspace)
{
    return QStringLiteral("workspaces/hidden/") +
           QString::fromLatin1(workspace.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

QString describePreparedData(const PreparedData& p, const Experiment& e)
{
    const Dataset& d = p.dataset;
    QString text = QObject::tr("<b>%1</b> — %2 rows, %3 features, target <i>%4</i>, task <b>%5</b>")
                       .arg(d.sourceFile.toHtmlEscaped())
                       .arg(d.rowCount())
                       .arg(d.featureCount())
                       .arg(d.targetName.toHtmlEscaped(), names::task(d.task));
    if (isClassification(d.task))
        text += QObject::tr(" (classes: %1)").arg(d.classNames.join(QStringLiteral(", ")).toHtmlEscaped());
    text += QObject::tr("<br>Split: %1 train / %2 validation / %3 test rows")
                .arg(p.split.train.size())
                .arg(p.split.validation.size())
                .arg(p.split.test.size());
    text += e.dataset.split.usesColumn()
                ? QObject::tr(" from column <i>%1</i>").arg(e.dataset.split.column.toHtmlEscaped())
                : QObject::tr(" (split seed %1%2)")
                      .arg(e.dataset.split.seed)
                      .arg(isClassification(d.task) ? QObject::tr(", stratified") : QString());
    text += QObject::tr("; metric <b>%1</b>").arg(names::metric(effectiveMetric(e.metric, d.task)));
    for (const QString& w : d.warnings)
        text += QStringLiteral("<br><span style='color:#a05a00'>⚠ %1</span>").arg(w.toHtmlEscaped());
    return text;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_experiments(new ExperimentTableModel(this)),
      m_preview(new CsvPreviewModel(this)), m_sortedExperiments(new QSortFilterProxyModel(this)),
      m_seeds(new SeedTableModel(this)), m_sortedSeeds(new QSortFilterProxyModel(this)),
      m_seedView(new QTableView), m_experimentView(new QTableView), m_previewView(new QTableView),
      m_summary(new QLabel), m_tabs(new QTabWidget), m_scatter(new ScatterPlotView),
      m_spread(new StatisticsPlotView(StatisticsPlotView::Kind::Spread)),
      m_ensembleSize(new StatisticsPlotView(StatisticsPlotView::Kind::EnsembleSize)),
      m_learningCurves(new LearningCurveView), m_watcher(new QFileSystemWatcher(this)),
      m_refreshTimer(new QTimer(this)), m_sweeps(new SweepController(this)),
      m_sweepProgress(new ProgressStrip), m_runQueue(new RunQueueView), m_progressTimer(new QTimer(this)),
      m_sweepLabel(new QLabel), m_definition(new DefinitionPanel(m_sweeps))
{
    setWindowTitle(tr("Seedscape"));
    m_experimentView->setObjectName(QStringLiteral("experimentView"));
    m_sortedExperiments->setSourceModel(m_experiments);
    m_sortedExperiments->setSortRole(Qt::UserRole); // numbers sort as numbers
    m_experimentView->setModel(m_sortedExperiments);
    m_experimentView->setSortingEnabled(true);
    m_experimentView->sortByColumn(ExperimentTableModel::Name, Qt::AscendingOrder);
    m_experimentView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_experimentView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_experimentView->setWordWrap(false);
    m_experimentView->verticalHeader()->hide();
    m_previewView->setObjectName(QStringLiteral("previewView"));
    m_previewView->setModel(m_preview);
    m_summary->setObjectName(QStringLiteral("datasetSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* details = new QWidget;
    auto* layout = new QVBoxLayout(details);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_previewView, 1);

    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_scatter->setObjectName(QStringLiteral("scatterView"));
    m_tabs->addTab(m_scatter, tr("Validation vs test"));
    m_tabs->addTab(m_spread, tr("Seed spread"));
    m_tabs->addTab(m_ensembleSize, tr("Ensemble size"));
    m_tabs->addTab(m_learningCurves, tr("Learning curves"));
    m_sortedSeeds->setSourceModel(m_seeds);
    m_sortedSeeds->setSortRole(Qt::UserRole);
    m_seedView->setObjectName(QStringLiteral("seedView"));
    m_seedView->setModel(m_sortedSeeds);
    m_seedView->setSortingEnabled(true);
    m_seedView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_seedView->verticalHeader()->hide();
    m_seedView->horizontalHeader()->setStretchLastSection(true);
    m_tabs->addTab(m_seedView, tr("Seeds"));
    connect(m_scatter, &ScatterPlotView::pointClicked, this, &MainWindow::selectPoint);
    connect(m_seedView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                const SeedResult& seed = m_seeds->seedAt(m_sortedSeeds->mapToSource(current).row());
                m_scatter->selectPoint(m_seeds->experiment(), {seed.seed});
            });

    connect(m_definition, &DefinitionPanel::experimentSaved, this, [this] {
        rescanExperiments();
        showExperiment(selectedRow());
        m_refreshTimer->start();
    });
    m_tabs->addTab(m_definition, tr("Definition"));
    m_tabs->addTab(details, tr("Data"));

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_experimentView);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    // Seeds written by a sweep (here or by seedscape-cli in another process) show up live.
    m_refreshTimer->setObjectName(QStringLiteral("refreshTimer"));
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshPlots);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString& folder) {
        if (folder == m_workspacePath)
            m_rescanPending = true; // an experiment file was added, changed or removed
        watchResults();
        m_refreshTimer->start();
    });

    connect(m_experimentView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex&) {
                showExperiment(selectedRow());
                showDefinition(selectedRow());
                m_scatter->selectPoint(m_experiments->nameAt(selectedRow()), {});
                m_refreshTimer->start(); // the plot follows the selected experiment's metric
            });
    connect(m_experiments, &ExperimentTableModel::visibilityChanged, this, [this] {
        // Which experiments the plots show is part of the workspace's state: kept for next time.
        if (!m_workspacePath.isEmpty())
            QSettings().setValue(hiddenKey(m_workspacePath),
                                 QStringList(m_experiments->hidden().begin(), m_experiments->hidden().end()));
        m_refreshTimer->start();
    });
    m_sweepProgress->setObjectName(QStringLiteral("sweepProgress"));
    m_sweepProgress->setMaximumWidth(260);
    m_sweepProgress->setVisible(false);
    m_sweepLabel->setObjectName(QStringLiteral("sweepLabel"));
    // A fixed width: a label whose size follows its text asks the whole window to lay itself out
    // again on every update, and that costs more than all the plots.
    m_sweepLabel->setFixedWidth(m_sweepLabel->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 36);
    statusBar()->addPermanentWidget(m_sweepLabel);
    statusBar()->addPermanentWidget(m_sweepProgress);
    m_progressTimer->setObjectName(QStringLiteral("progressTimer"));
    m_progressTimer->setSingleShot(true);
    m_progressTimer->setInterval(kProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &MainWindow::showSweepProgress);
    connect(m_sweeps, &SweepController::progressChanged, this, [this] {
        if (!m_progressTimer->isActive())
            m_progressTimer->start();
    });
    auto* queueDock = new QDockWidget(tr("Runs"), this);
    queueDock->setObjectName(QStringLiteral("runsDock"));
    queueDock->setWidget(m_runQueue);
    m_runQueue->setMinimumWidth(420); // seeds are 20-digit numbers, and the bars need room beside them
    addDockWidget(Qt::RightDockWidgetArea, queueDock);
    queueDock->hide();
    connect(m_sweeps, &SweepController::seedEnded, m_refreshTimer, qOverload<>(&QTimer::start));
    connect(m_sweeps, &SweepController::sweepEnded, this, [this](bool cancelled) {
        statusBar()->showMessage(cancelled ? tr("Sweep cancelled; every finished seed is kept.")
                                           : tr("Sweep finished."));
        showSweepProgress();
        refreshPlots();
    });

    buildMenus();
    resize(1240, 760);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&Workspace"));
    file->addAction(tr("&New workspace…"), this, &MainWindow::chooseNewWorkspace);
    file->addAction(tr("&Open or create…"), QKeySequence::Open, this, &MainWindow::chooseWorkspace);
    file->addAction(tr("Open &sample workspace"), this, &MainWindow::openSampleWorkspace);
    m_recentMenu = file->addMenu(tr("&Recent"));
    file->addAction(tr("Re&load"), QKeySequence::Refresh, this, &MainWindow::reloadWorkspace);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    rebuildRecentMenu();

    QMenu* exports = menuBar()->addMenu(tr("E&xport"));
    exports->addAction(tr("&Plot…"), QKeySequence(tr("Ctrl+E")), this, &MainWindow::chooseExportFile);
    exports->addAction(tr("Plot &data (CSV, JSON)…"), this, [this] { chooseExportDataFile(false); });
    exports->addAction(tr("&Statistics table (CSV, JSON)…"), this, [this] { chooseExportDataFile(true); });
    exports->addAction(tr("&Report (HTML)…"), this, &MainWindow::chooseReportFile);

    QMenu* experiments = menuBar()->addMenu(tr("&Experiment"));
    experiments->addAction(tr("&New experiment…"), QKeySequence::New, this,
                           [this] { openExperimentDialog(false); });
    experiments->addAction(tr("&Duplicate as variant…"), QKeySequence(tr("Ctrl+D")), this,
                           [this] { openExperimentDialog(true); });
    experiments->addAction(tr("Edit &definition"), this, [this] { m_tabs->setCurrentWidget(m_definition); });

    QMenu* runs = menuBar()->addMenu(tr("&Run"));
    QToolBar* toolbar = addToolBar(tr("Runs"));
    toolbar->setObjectName(QStringLiteral("runToolBar"));
    m_runAction = runs->addAction(tr("&Run selected experiment"), QKeySequence(tr("Ctrl+R")), this,
                                  [this] { runExperiments(selectedRow()); });
    m_runAllAction = runs->addAction(tr("Run &all experiments"), QKeySequence(tr("Ctrl+Shift+R")), this,
                                     [this] { runExperiments(-1); });
    m_pauseAction = runs->addAction(
        tr("&Pause"), this, [this] { m_sweeps->isPaused() ? m_sweeps->resume() : m_sweeps->pause(); });
    m_cancelAction = runs->addAction(tr("&Cancel"), this, [this] { m_sweeps->cancel(); });
    for (QAction* action : {m_runAction, m_runAllAction, m_pauseAction, m_cancelAction})
        toolbar->addAction(action);
    showSweepProgress();
}

int MainWindow::selectedRow() const
{
    const QModelIndex current = m_experimentView->currentIndex();
    return current.isValid() ? m_sortedExperiments->mapToSource(current).row() : -1;
}

void MainWindow::selectPoint(const QString& experiment, const std::vector<quint64>& seeds)
{
    for (int row = 0; row < m_experiments->rowCount(); ++row)
        if (m_experiments->nameAt(row) == experiment) {
            const QModelIndex index = m_sortedExperiments->mapFromSource(m_experiments->index(row, 0));
            if (m_experimentView->currentIndex().row() != index.row())
                m_experimentView->selectRow(index.row());
        }
    if (seeds.size() == 1 && m_seeds->experiment() == experiment) {
        const int row = m_seeds->rowOf(seeds.front());
        if (row >= 0)
            m_seedView->selectRow(m_sortedSeeds->mapFromSource(m_seeds->index(row, 0)).row());
    }
    m_scatter->selectPoint(experiment, seeds);
}

bool MainWindow::runExperiments(int row)
{
    std::vector<Experiment> chosen;
    for (int r = 0; r < m_experiments->rowCount(); ++r)
        if ((row < 0 || r == row) && m_experiments->entry(r).experiment)
            chosen.push_back(*m_experiments->entry(r).experiment);
    QString error;
    if (chosen.empty())
        error = tr("Choose an experiment that can be read.");
    else if (m_sweeps->start(m_workspacePath, chosen, &error))
        return true;
    statusBar()->showMessage(error);
    return false;
}

void MainWindow::showSweepProgress()
{
    const bool running = m_sweeps->isRunning();
    QSet<QString> runningExperiments;
    for (const auto& [seed, r] : m_sweeps->runningSeeds())
        runningExperiments.insert(r.experiment);
    m_experiments->setRunning(runningExperiments);
    m_runAction->setEnabled(!running);
    m_runAllAction->setEnabled(!running);
    m_pauseAction->setEnabled(running);
    m_cancelAction->setEnabled(running);
    m_pauseAction->setText(m_sweeps->isPaused() ? tr("Resume") : tr("Pause"));
    m_sweepProgress->setVisible(running);
    m_runQueue->update(*m_sweeps);
    if (running)
        findChild<QDockWidget*>(QStringLiteral("runsDock"))->show();
    if (!running) {
        m_sweepLabel->clear();
        return;
    }
    // Progress in seeds, with the running seeds' epochs counted as fractions of a seed. The Runs
    // dock shows each seed; the status bar only the whole.
    double done = m_sweeps->finishedSeeds();
    for (const auto& [seed, r] : m_sweeps->runningSeeds())
        if (r.epochs > 0)
            done += static_cast<double>(r.epoch) / r.epochs;
    m_sweepProgress->setProgress(
        static_cast<int>(done * 100), std::max(1, m_sweeps->wantedSeeds()) * 100,
        tr("%1 of %2 seeds").arg(m_sweeps->finishedSeeds()).arg(m_sweeps->wantedSeeds()));
    const double left = m_sweeps->secondsLeft();
    QString text = m_sweeps->isPaused() ? tr("paused")
                                        : tr("%n seed(s) training", nullptr,
                                             static_cast<int>(m_sweeps->runningSeeds().size()));
    if (std::isfinite(left) && !m_sweeps->isPaused())
        text += tr(" · about %1 s left").arg(std::lround(left));
    m_sweepLabel->setText(text);
}

bool MainWindow::openWorkspace(const QString& folder)
{
    try {
        const Workspace workspace(folder);
        m_definition->saveNow(); // the last edit in the old workspace is kept
        m_workspacePath = workspace.path();
        m_experiments->setEntries({}); // another workspace: new rows, even where names repeat
        m_experiments->setEntries(workspace.scan());
        const QStringList hidden = QSettings().value(hiddenKey(m_workspacePath)).toStringList();
        m_experiments->setHidden(QSet<QString>(hidden.begin(), hidden.end()));
        if (!m_watcher->directories().isEmpty())
            m_watcher->removePaths(m_watcher->directories());
        m_experimentView->resizeColumnsToContents();
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return false;
    }
    setWindowTitle(tr("%1 — Seedscape").arg(m_workspacePath));
    statusBar()->showMessage(
        tr("%n experiment(s) in %1", nullptr, m_experiments->rowCount()).arg(m_workspacePath));
    rememberRecent(m_workspacePath);
    watchResults();
    refreshPlots();
    if (m_experiments->rowCount() > 0)
        m_experimentView->selectRow(0);
    else
        showExperiment(-1);
    return true;
}

void MainWindow::reloadWorkspace()
{
    if (!m_workspacePath.isEmpty())
        openWorkspace(m_workspacePath);
}

void MainWindow::chooseNewWorkspace()
{
    const QString folder = QFileDialog::getSaveFileName(
        this, tr("New workspace: name its folder"), QDir::homePath() + QStringLiteral("/seedscape-workspace"),
        QString(), nullptr, QFileDialog::ShowDirsOnly);
    if (folder.isEmpty())
        return;
    if (QFileInfo(folder).exists() && !QDir(folder).isEmpty()) {
        QMessageBox::warning(
            this, tr("New workspace"),
            tr("%1 already exists and is not empty. Use Workspace ▸ Open to open it.").arg(folder));
        return;
    }
    openWorkspace(folder);
}

void MainWindow::rescanExperiments()
{
    m_rescanPending = false;
    if (m_workspacePath.isEmpty())
        return;
    const QString selected = m_experiments->nameAt(selectedRow());
    try {
        m_experiments->setEntries(Workspace(m_workspacePath).scan());
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return;
    }
    const int row = m_experiments->rowOf(selected);
    if (row >= 0 && row != selectedRow())
        selectExperiment(selected); // the rows were rebuilt: select the same experiment again
    else if (row >= 0 && !m_definition->hasWaitingEdit() &&
             m_experiments->entry(row).experiment != m_definition->saved()) {
        showExperiment(row); // its file was changed by someone else
        showDefinition(row);
    }
}

void MainWindow::selectExperiment(const QString& name)
{
    const int row = m_experiments->rowOf(name);
    if (row >= 0)
        m_experimentView->selectRow(m_sortedExperiments->mapFromSource(m_experiments->index(row, 0)).row());
}

void MainWindow::showDefinition(int row)
{
    m_definition->showEntry(
        m_workspacePath, row >= 0 && row < m_experiments->rowCount() ? &m_experiments->entry(row) : nullptr);
}

ExperimentDialog* MainWindow::openExperimentDialog(bool variant)
{
    if (m_workspacePath.isEmpty())
        return nullptr;
    QStringList taken;
    try {
        taken = Workspace(m_workspacePath).experimentNames();
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return nullptr;
    }
    const int row = selectedRow();
    const std::optional<Experiment> selected = row >= 0 ? m_experiments->entry(row).experiment : std::nullopt;
    Experiment start;
    if (variant) {
        if (!selected) {
            statusBar()->showMessage(tr("Select an experiment to duplicate."));
            return nullptr;
        }
        start = *selected;
        start.name = ExperimentDialog::variantName(selected->name, taken);
    } else {
        if (selected) // a new experiment usually asks another question of the same data
            start.dataset = selected->dataset;
        int n = 1;
        while (taken.contains(QStringLiteral("experiment-%1").arg(n)))
            ++n;
        start.name = QStringLiteral("experiment-%1").arg(n);
    }
    auto* dialog = new ExperimentDialog(variant ? tr("Duplicate as variant") : tr("New experiment"),
                                        m_workspacePath, taken, start, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addExperiment(dialog->experiment()); });
    dialog->open();
    return dialog;
}

bool MainWindow::addExperiment(const Experiment& experiment)
{
    try {
        const Workspace workspace(m_workspacePath);
        if (workspace.contains(experiment.name)) {
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
    QMainWindow::closeEvent(event);
}

void MainWindow::chooseWorkspace()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open or create a workspace folder"), m_workspacePath);
    if (!folder.isEmpty())
        openWorkspace(folder);
}

void MainWindow::openSampleWorkspace()
{
    const QString folder = SampleWorkspace::defaultFolder();
    try {
        SampleWorkspace::create(folder);
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return;
    }
    openWorkspace(folder);
}

void MainWindow::rememberRecent(const QString& folder)
{
    QSettings settings;
    QStringList recent = settings.value(QString::fromLatin1(kRecentKey)).toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    settings.setValue(QString::fromLatin1(kRecentKey), recent.mid(0, kRecentCount));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QString::fromLatin1(kRecentKey)).toStringList();
    for (const QString& folder : recent)
        m_recentMenu->addAction(folder, this, [this, folder] { openWorkspace(folder); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::watchResults()
{
    const QString results = m_workspacePath + QStringLiteral("/results");
    QDir().mkpath(results);
    QStringList folders = {m_workspacePath, results};
    for (const QString& name : QDir(results).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        folders << results + QLatin1Char('/') + name;
    const QStringList watched = m_watcher->directories();
    QStringList missing;
    for (const QString& folder : folders)
        if (!watched.contains(folder))
            missing << folder;
    if (!missing.isEmpty())
        m_watcher->addPaths(missing);
}

void MainWindow::refreshPlots()
{
    if (m_rescanPending)
        rescanExperiments();
    // Reading results and scoring ensembles happen on a pool thread; only drawing happens here.
    const QString folder = m_workspacePath;
    const int generation = ++m_refreshGeneration;
    const QString selected = m_experiments->nameAt(selectedRow());
    const QSet<QString> hidden = m_experiments->hidden();
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, folder, generation, selected, hidden] {
        auto snapshot =
            std::make_shared<WorkspaceSnapshot>(WorkspaceSnapshot::build(folder, selected, hidden));
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, snapshot] {
                if (self &&
                    generation == self->m_refreshGeneration) // a newer refresh is on its way otherwise
                    self->showSnapshot(std::move(*snapshot));
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showSnapshot(WorkspaceSnapshot snapshot)
{
    m_seeds->setSeeds(snapshot.focus, std::move(snapshot.seeds));
    m_learningCurves->setData(snapshot.focus, snapshot.focusMetric, std::move(snapshot.curves));
    m_scatter->setData(std::move(snapshot.scatter));
    m_spread->setData(snapshot.plotted);
    m_ensembleSize->setData(std::move(snapshot.plotted));
    m_experiments->setStatistics(std::move(snapshot.statistics));
}

ExperimentEditor* MainWindow::definitionEditor() const
{
    return m_definition->editor();
}

QCustomPlot* MainWindow::currentPlot() const
{
    QWidget* page = m_tabs->currentWidget();
    if (page == m_spread)
        return m_spread->plot();
    if (page == m_ensembleSize)
        return m_ensembleSize->plot();
    if (page == m_learningCurves)
        return m_learningCurves->plot();
    return m_scatter->plot();
}

QString MainWindow::currentPlotName() const
{
    QWidget* page = m_tabs->currentWidget();
    return page == m_spread           ? QStringLiteral("spread")
           : page == m_ensembleSize   ? QStringLiteral("ensemble-size")
           : page == m_learningCurves ? QStringLiteral("curves")
                                      : QStringLiteral("scatter");
}

bool MainWindow::writeExport(const QString& path, const QByteArray& bytes)
{
    try {
        AtomicFile::write(path, bytes);
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path));
    return true;
}

bool MainWindow::exportPlot(const QString& path, QSize size, int dpi)
{
    QCustomPlot* plot = currentPlot();
    if (size.isEmpty())
        size = plot->isVisible() && plot->width() > 1 ? plot->size() : QSize(900, 560);
    try {
        PlotExporter::save(plot, path, size.width(), size.height(), dpi);
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path));
    return true;
}

bool MainWindow::exportPlotData(const QString& path)
{
    const QString plot = currentPlotName();
    const DataTable table =
        plot == QStringLiteral("spread")          ? DataTable::spread(m_spread->data())
        : plot == QStringLiteral("ensemble-size") ? DataTable::ensembleSize(m_ensembleSize->data())
        : plot == QStringLiteral("curves")
            ? DataTable::learningCurves(m_learningCurves->experiment(), m_learningCurves->curves())
            : DataTable::scatter(m_scatter->data());
    return writeExport(path, table.encodeFor(path));
}

std::vector<ExperimentStatistics> MainWindow::checkedStatistics() const
{
    std::vector<ExperimentStatistics> chosen;
    for (int row = 0; row < m_experiments->rowCount(); ++row) {
        const QString name = m_experiments->nameAt(row);
        const auto found = m_experiments->statistics().find(name);
        if (!name.isEmpty() && !m_experiments->hidden().contains(name) &&
            found != m_experiments->statistics().end())
            chosen.push_back(found->second);
    }
    return chosen;
}

bool MainWindow::exportStatistics(const QString& path)
{
    std::vector<ExperimentStatistics> chosen = checkedStatistics();
    if (path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        return writeExport(path,
                           StatisticsJson::toJson(WorkspaceStatistics::fromExperiments(std::move(chosen)),
                                                  WorkspaceSnapshot::statisticsOptions()));
    return writeExport(path, DataTable::statistics(chosen).toCsv());
}

bool MainWindow::exportReport(const QString& path)
{
    constexpr int kFigureWidth = 880, kFigureHeight = 520;
    HtmlReport report;
    report.title = tr("Seedscape report: %1").arg(QFileInfo(m_workspacePath).fileName());
    report.workspace = m_workspacePath;
    report.statistics = WorkspaceStatistics::fromExperiments(checkedStatistics());
    for (const ExperimentStatistics& e : report.statistics.experiments) {
        const int row = m_experiments->rowOf(e.name);
        if (row >= 0 && m_experiments->entry(row).experiment)
            report.definitions.push_back(*m_experiments->entry(row).experiment);
    }
    const QString metric = names::metric(m_scatter->data().metric);
    const std::pair<QCustomPlot*, QString> figures[] = {
        {m_scatter->plot(),
         tr("Validation vs test (%1): single seeds (small), %2-seed ensembles (medium) and the "
            "ensemble of all seeds (large) of each experiment; dotted y = x, dashed trend of "
            "single seeds, solid trend of ensembles.")
             .arg(metric)
             .arg(m_scatter->data().k)},
        {m_spread->plot(),
         tr("Seed spread: each experiment's single-seed validation scores, their mean with the "
            "Student-t 95% interval, and the all-seed ensemble (diamond).")},
        {m_ensembleSize->plot(),
         tr("Ensemble size: mean validation score of k-seed ensembles for k = 1..N, with the "
            "min–max band.")},
        {m_learningCurves->plot(),
         tr("Learning curves of %1: validation score per epoch of every seed, their mean "
            "and min–max band.")
             .arg(m_learningCurves->experiment())}};
    try {
        for (const auto& [plot, caption] : figures) {
            if (plot == m_learningCurves->plot() && m_learningCurves->seedLines() == 0)
                continue;
            report.figures.push_back({caption, PlotExporter::encode(plot, PlotExporter::Format::Svg,
                                                                    kFigureWidth, kFigureHeight, 96, path)});
        }
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return false;
    }
    report.note = tr("k-ensembles and the ensemble-size curve use at most %1 and %2 subsets per experiment "
                     "(all of them below that); `seedscape-cli stats` gives the full computation.")
                      .arg(WorkspaceSnapshot::statisticsOptions().subsetLimit)
                      .arg(WorkspaceSnapshot::statisticsOptions().curveSubsetLimit);
    return writeExport(path, report.toHtml());
}

void MainWindow::chooseExportFile()
{
    ExportPlotDialog dialog(m_workspacePath + QStringLiteral("/%1.png").arg(currentPlotName()),
                            currentPlot()->size(), this);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    if (!exportPlot(dialog.path(), dialog.size(), dialog.dpi()))
        QMessageBox::warning(this, tr("Export"), statusBar()->currentMessage());
}

void MainWindow::chooseExportDataFile(bool statistics)
{
    const QString name =
        statistics ? QStringLiteral("statistics") : currentPlotName() + QStringLiteral("-data");
    const QString path = QFileDialog::getSaveFileName(
        this, statistics ? tr("Export the statistics table") : tr("Export the plot's data"),
        m_workspacePath + QLatin1Char('/') + name + QStringLiteral(".csv"), tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (!(statistics ? exportStatistics(path) : exportPlotData(path)))
        QMessageBox::warning(this, tr("Export"), statusBar()->currentMessage());
}

void MainWindow::chooseReportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export a report"), m_workspacePath + QStringLiteral("/report.html"), tr("HTML (*.html)"));
    if (!path.isEmpty() && !exportReport(path))
        QMessageBox::warning(this, tr("Export"), statusBar()->currentMessage());
}

QString MainWindow::datasetSummary() const
{
    return m_summary->text();
}

void MainWindow::showExperiment(int row)
{
    m_preview->clear();
    if (row < 0 || row >= m_experiments->rowCount()) {
        m_summary->setText(tr("No experiment selected."));
        return;
    }
    const WorkspaceEntry& entry = m_experiments->entry(row);
    if (!entry.experiment) {
        m_summary->setText(
            QStringLiteral("<span style='color:#b00020'>%1</span>").arg(entry.error.toHtmlEscaped()));
        return;
    }
    const Experiment& e = *entry.experiment;
    const QString path = e.dataset.resolvedPath(m_workspacePath);
    try {
        m_summary->setText(describePreparedData(PreparedData::prepare(path, e.dataset), e));
        m_preview->setTable(CsvReader::readPreview(path, kPreviewRows), e.dataset.target);
    } catch (const InputError& error) {
        m_summary->setText(
            QStringLiteral("<span style='color:#b00020'>%1</span>").arg(error.message().toHtmlEscaped()));
    }
}

} // namespace seedscape
