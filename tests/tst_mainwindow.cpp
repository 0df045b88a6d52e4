// Drives the real main window offscreen: opens workspaces, selects experiments, checks the models.
#include "csvpreviewmodel.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "plot/learningcurveview.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"
#include "seedtablemodel.h"
#include "sweepcontroller.h"

#include "stats/experimentstatistics.h"
#include "store/atomicfile.h"
#include "store/experimentresults.h"
#include "store/sampleworkspace.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensSampleWorkspaceAndPreviewsData();
    void selectingAnotherExperimentShowsItsData();
    void brokenExperimentShowsItsError();
    void rememberedAsRecent();
    void seedsFromAnotherProcessAppearLive();
    void runFromTheWindowFillsThePlot();
    void cancelFromTheWindowKeepsTheWindowResponsive();

private:
    static QString quickWorkspace(const QTemporaryDir& dir, int epochs, int seeds);
};

QString TestMainWindow::quickWorkspace(const QTemporaryDir& dir, int epochs, int seeds)
{
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    AtomicFile::write(workspace + QStringLiteral("/quick.experiment.json"),
                      QStringLiteral(R"({"format": 1, "name": "quick",
        "dataset": {"path": "%1", "target": "progression"}, "model": {"hidden": [16]}, "training": {"epochs": %2},
        "seeds": {"count": %3}})")
                          .arg(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/diabetes.csv"))
                          .arg(epochs)
                          .arg(seeds)
                          .toUtf8());
    return workspace;
}

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestMainWindow::opensSampleWorkspaceAndPreviewsData()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    MainWindow window;
    QAbstractItemModelTester experimentTester(window.experimentModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester previewTester(window.previewModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(window.openWorkspace(dir.path()));
    window.show();
    QCOMPARE(window.experimentModel()->rowCount(), 4);
    QCOMPARE(window.experimentModel()->index(0, ExperimentTableModel::Name).data().toString(),
             QStringLiteral("breast-cancer-mlp"));
    QCOMPARE(window.experimentModel()->index(1, ExperimentTableModel::Seeds).data().toString(),
             QStringLiteral("0/16"));
    QCOMPARE(window.experimentModel()->index(1, ExperimentTableModel::Status).data().toString(),
             QStringLiteral("not run"));
    // The first experiment is selected and its data previewed.
    QCOMPARE(window.previewModel()->columnCount(), 31);
    QCOMPARE(window.previewModel()->rowCount(), 50);
    QCOMPARE(window.previewModel()->headerData(0, Qt::Vertical).toInt(), 2); // the file's line
    // Headers name the target and say what each column holds, as detected from the rows shown.
    QCOMPARE(window.previewModel()->headerData(30, Qt::Horizontal).toString(),
             QStringLiteral("benign (target)\nwhole number, 2 values"));
    QCOMPARE(window.previewModel()->headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("mean_radius\nnumber"));
    QVERIFY2(window.datasetSummary().contains(QStringLiteral("569 rows")),
             qPrintable(window.datasetSummary()));
    QVERIFY(window.datasetSummary().contains(QStringLiteral("binary")));
}

void TestMainWindow::selectingAnotherExperimentShowsItsData()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    auto* view = window.findChild<QTableView*>(QStringLiteral("experimentView"));
    QVERIFY(view);
    QSignalSpy resets(window.previewModel(), &QAbstractItemModel::modelReset);
    view->selectRow(1); // diabetes-mlp
    QVERIFY(resets.count() >= 1);
    QCOMPARE(window.previewModel()->columnCount(), 11);
    QVERIFY(window.datasetSummary().contains(QStringLiteral("442 rows")));
    QVERIFY(window.datasetSummary().contains(QStringLiteral("regression")));
    QVERIFY(window.datasetSummary().contains(QStringLiteral("266 train / 88 validation / 88 test")));
}

void TestMainWindow::brokenExperimentShowsItsError()
{
    QTemporaryDir dir;
    AtomicFile::write(dir.filePath(QStringLiteral("bad.experiment.json")),
                      R"({"format": 1, "name": "bad", "dataset": {"path": "missing.csv", "target": "y"}})");
    AtomicFile::write(dir.filePath(QStringLiteral("worse.experiment.json")), "{\"format\": 7}");
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    QCOMPARE(window.experimentModel()->rowCount(), 2);
    // A valid file whose data is missing: the summary names the file.
    QVERIFY2(window.datasetSummary().contains(QStringLiteral("missing.csv: file not found")),
             qPrintable(window.datasetSummary()));
    QCOMPARE(window.previewModel()->rowCount(), 0);
    // An unreadable experiment file is listed with its error.
    const QString error = window.experimentModel()->index(1, ExperimentTableModel::Dataset).data().toString();
    QVERIFY2(error.contains(QStringLiteral("format 7 is newer")), qPrintable(error));
}

void TestMainWindow::rememberedAsRecent()
{
    QTemporaryDir a, b;
    MainWindow window;
    QVERIFY(window.openWorkspace(a.path()));
    QVERIFY(window.openWorkspace(b.path()));
    const QStringList recent = QSettings().value(QStringLiteral("workspaces/recent")).toStringList();
    QCOMPARE(recent.value(0), QDir(b.path()).absolutePath());
    QCOMPARE(recent.value(1), QDir(a.path()).absolutePath());
}

void TestMainWindow::seedsFromAnotherProcessAppearLive()
{
    QTemporaryDir dir;
    const QString experiment = dir.filePath(QStringLiteral("live.json"));
    AtomicFile::write(experiment,
                      QStringLiteral(R"({"format": 1, "name": "live",
        "dataset": {"path": "%1", "target": "progression"}, "model": {"hidden": [16]}, "training": {"epochs": 3}})")
                          .arg(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/diabetes.csv"))
                          .toUtf8());
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace));
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 0);

    // seedscape-cli writes seeds into the open workspace; the window picks them up by itself.
    QProcess cli;
    cli.start(QStringLiteral(SEEDSCAPE_CLI),
              {QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
               QStringLiteral("--seeds"), QStringLiteral("5")});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 5, 20000);
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::KEnsemble), 10); // C(5, 3)
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::FullEnsemble), 1);

    // And the plot exports exactly what is on screen.
    QVERIFY(window.exportScatter(dir.filePath(QStringLiteral("plot.pdf"))));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("plot.pdf"))).size() > 1000);
}

void TestMainWindow::runFromTheWindowFillsThePlot()
{
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY(window.openWorkspace(quickWorkspace(dir, 3, 4)));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QSignalSpy seeds(window.sweeps(), &SweepController::seedEnded);
    QVERIFY(window.runExperiments(0));
    QVERIFY(window.sweeps()->isRunning());
    QVERIFY(!window.runExperiments(0)); // one sweep at a time
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.first().at(0).toBool(), false);
    QCOMPARE(seeds.count(), 4);
    QCOMPARE(window.sweeps()->finishedSeeds(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 4, 20000);
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::KEnsemble), 4); // C(4, 3)

    // The other views follow: seed spread, ensemble size, and the learning curves of every seed.
    QTRY_COMPARE(window.spreadView()->plottedPoints(), 4);
    QCOMPARE(window.ensembleSizeView()->plottedPoints(), 4); // k = 1..4
    QTRY_COMPARE(window.learningCurveView()->seedLines(), 4);
    QCOMPARE(window.learningCurveView()->meanCurve().size(), size_t(3)); // 3 epochs

    // The Seeds tab lists every stored seed; clicking a seed in the scatter selects its row there.
    QTRY_COMPARE(window.seedModel()->rowCount(), 4);
    QAbstractItemModelTester seedTester(window.seedModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(window.seedModel()->experiment(), QStringLiteral("quick"));
    QCOMPARE(window.seedModel()->index(0, SeedTableModel::Epochs).data().toInt(), 3);
    QCOMPARE(window.seedModel()->index(0, SeedTableModel::Engine).data().toString(),
             QStringLiteral("batched"));
    const ScatterData::Point& clickedSeed = window.scatterView()->data().series[0].points[2];
    QCOMPARE(clickedSeed.kind, ScatterData::Kind::Seed);
    QSignalSpy clicked(window.scatterView(), &ScatterPlotView::pointClicked);
    Q_EMIT window.scatterView()->pointClicked(QStringLiteral("quick"), clickedSeed.seeds);
    auto* seedView = window.findChild<QTableView*>(QStringLiteral("seedView"));
    QVERIFY(seedView);
    const QModelIndex selectedSeed = seedView->selectionModel()->selectedRows().value(0);
    QCOMPARE(seedView->model()->index(selectedSeed.row(), SeedTableModel::Seed).data().toString(),
             QString::number(clickedSeed.seeds.front()));

    // The table shows the sweep's statistics, as `stats` computes them.
    ExperimentTableModel* model = window.experimentModel();
    QTRY_COMPARE(model->index(0, ExperimentTableModel::Seeds).data().toString(), QStringLiteral("4/4"));
    QCOMPARE(model->index(0, ExperimentTableModel::Status).data().toString(), QStringLiteral("done"));
    const auto results = ExperimentResults::loadWorkspace(window.workspacePath());
    const ExperimentStatistics expected = ExperimentStatistics::compute(results.front(), {});
    QCOMPARE(model->index(0, ExperimentTableModel::ValidationMean).data(Qt::UserRole).toDouble(),
             expected.validation.mean);
    QCOMPARE(model->index(0, ExperimentTableModel::EnsembleTest).data(Qt::UserRole).toDouble(),
             expected.ensembleTest);
    QVERIFY(model->index(0, ExperimentTableModel::ValidationMean)
                .data()
                .toString()
                .contains(QStringLiteral(" ± ")));

    // Unchecking an experiment takes it off the plot.
    QVERIFY(model->setData(model->index(0, ExperimentTableModel::Name), Qt::Unchecked, Qt::CheckStateRole));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 0, 20000);
    QVERIFY(model->setData(model->index(0, ExperimentTableModel::Name), Qt::Checked, Qt::CheckStateRole));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 4, 20000);
}

void TestMainWindow::cancelFromTheWindowKeepsTheWindowResponsive()
{
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY(window.openWorkspace(quickWorkspace(dir, 5000, 4)));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QSignalSpy progress(window.sweeps(), &SweepController::progressChanged);
    QVERIFY(window.runExperiments(-1));
    // The event loop keeps running while every core trains: epochs arrive as queued signals.
    QTRY_VERIFY_WITH_TIMEOUT(!window.sweeps()->runningSeeds().empty() &&
                                 window.sweeps()->runningSeeds().begin()->second.epoch > 2,
                             30000);
    window.sweeps()->pause();
    QVERIFY(window.sweeps()->isPaused());
    QTest::qWait(300);
    const int epochBefore = window.sweeps()->runningSeeds().begin()->second.epoch;
    QTest::qWait(300);
    QVERIFY(window.sweeps()->runningSeeds().begin()->second.epoch <=
            epochBefore + 1); // paused: at most the epoch in flight ends
    window.sweeps()->resume();
    window.sweeps()->cancel();
    QVERIFY(ended.wait(30000));
    QCOMPARE(ended.first().at(0).toBool(), true);
    QVERIFY(window.sweeps()->runningSeeds().empty());
    QVERIFY(progress.count() > 3);
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 0); // nothing half-done was stored
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
