// Running seeds on the validation-vs-test scatter: a batched group's seeds all end together, so the
// window draws each seed where its latest epoch scored until its stored point replaces it.
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "plot/scatterplotview.h"
#include "sweepcontroller.h"
#include "workspacesnapshot.h"

#include "support/experimentbuilder.h"
#include "support/sampledata.h"

#include "stats/scatterdata.h"
#include "store/experimentresults.h"
#include "store/labelsfile.h"
#include "store/predictionimporter.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "plot/qcustomplot_include.h"

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

// alpha (5 seeds) and beta (4 seeds), imported: one comparison group, RMSE.
std::vector<ExperimentResults> importAlphaAndBeta(const QTemporaryDir& dir)
{
    const QString folder = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/regression_rmse");
    PredictionImporter::importInto(Workspace(dir.path()), folder + QStringLiteral("/predictions.csv"),
                                   folder + QStringLiteral("/labels.csv"), Task::Regression, Metric::RMSE);
    return ExperimentResults::loadWorkspace(dir.path());
}

QStringList legendNames(QCustomPlot* plot)
{
    QStringList names;
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i)))
            names << item->plottable()->name();
    return names;
}

} // namespace

class TestRunningSeeds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void experimentsStartedWithoutSeedsAwaitThem();
    void aRunningSeedIsDrawnUntilItsPointArrives();
    void anEmptyPlotFollowsTheRunningSeeds();
    void theSelectionLeadsWithoutSeedsAnUncheckedOneDoesNot();
    void aSweepsSeedsStandOnTheScatterBeforeTheyEnd();
};

void TestRunningSeeds::experimentsStartedWithoutSeedsAwaitThem()
{
    QTemporaryDir dir;
    std::vector<ExperimentResults> results = importAlphaAndBeta(dir);
    QCOMPARE(results.size(), size_t(2));
    results[1].seeds.clear(); // beta: its truth stored, no seed yet
    ScatterData data = ScatterData::build({&results[0], &results[1]}, 3, 1000, 0);
    QCOMPARE(data.series.size(), size_t(1));
    QCOMPARE(data.awaitingSeeds, QStringList{QStringLiteral("beta")});
    QVERIFY(data.otherGroups.isEmpty());

    // Nothing trained yet: the first one without seeds decides the group and the metric.
    results[0].seeds.clear();
    data = ScatterData::build({&results[0], &results[1]}, 3, 1000, 0);
    QVERIFY(data.series.empty());
    QCOMPARE(data.awaitingSeeds, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    QCOMPARE(data.metric, Metric::RMSE);
    QVERIFY(!data.higherIsBetter);

    // Trained on another data file, beta is in another group: not awaited, and not named as left
    // out either (it has nothing to leave out).
    for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta")})
        testsupport::storeDefinitionOnOwnData(dir.path(), name);
    results = ExperimentResults::loadWorkspace(dir.path());
    results[1].seeds.clear();
    data = ScatterData::build({&results[0], &results[1]}, 3, 1000, 0);
    QCOMPARE(data.series.size(), size_t(1));
    QVERIFY(data.awaitingSeeds.isEmpty());
    QVERIFY(data.otherGroups.isEmpty());
    // Selected while it trains, beta leads: its group is drawn, alpha is left out and named.
    data = ScatterData::build({&results[1], &results[0]}, 3, 1000, 0, true);
    QVERIFY(data.series.empty());
    QCOMPARE(data.awaitingSeeds, QStringList{QStringLiteral("beta")});
    QCOMPARE(data.otherGroups, QStringList{QStringLiteral("alpha")});
    QCOMPARE(data.group.dataPath, QStringLiteral("beta.csv"));
}

void TestRunningSeeds::aRunningSeedIsDrawnUntilItsPointArrives()
{
    QTemporaryDir dir;
    std::vector<ExperimentResults> results = importAlphaAndBeta(dir);
    const std::vector<SeedResult> betaSeeds = results[1].seeds;
    results[1].seeds.clear();
    const ScatterData awaiting = ScatterData::build({&results[0], &results[1]}, 3, 1000, 0);
    ScatterPlotView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setData(awaiting);
    QCOMPARE(view.runningPoints(), 0);
    const QString training = QStringLiteral("training seed (latest epoch)");
    QVERIFY(!legendNames(view.plot()).contains(training));

    const double v = betaSeeds[0].validationScore, t = betaSeeds[0].testScore;
    view.showRunningSeed(QStringLiteral("beta"), 7, 3, v * 1.1, t * 1.1);
    view.showRunningSeed(QStringLiteral("elsewhere"), 9, 3, v, t); // not in the plotted group
    QCOMPARE(view.runningPoints(), 1);
    QVERIFY(legendNames(view.plot()).contains(training));
    QVERIFY(legendNames(view.plot()).contains(QStringLiteral("beta"))); // named before a seed of it ends
    QVERIFY(!legendNames(view.plot()).contains(QStringLiteral("elsewhere")));
    // The next epoch moves it; hovering it says what it is.
    view.showRunningSeed(QStringLiteral("beta"), 7, 4, v, t);
    QCOMPARE(view.runningPoints(), 1);
    const QPoint at(qRound(view.plot()->xAxis->coordToPixel(v)), qRound(view.plot()->yAxis->coordToPixel(t)));
    const QString hover = view.describeRunningAt(at);
    QVERIFY2(hover.startsWith(QStringLiteral("beta · seed 7, training: epoch 4")), qPrintable(hover));
    QVERIFY(view.describeRunningAt(at + QPoint(40, 40)).isEmpty());

    // Cancelled: gone at once, and so is its legend entry.
    view.endRunningSeed(QStringLiteral("beta"), 7, false);
    QCOMPARE(view.runningPoints(), 0);
    QVERIFY(!legendNames(view.plot()).contains(training));
    QVERIFY(!legendNames(view.plot()).contains(QStringLiteral("beta")));

    // Finished: it stays until data holding the stored seed arrives, so the plot has no gap.
    const quint64 stored = betaSeeds[0].seed;
    view.showRunningSeed(QStringLiteral("beta"), stored, 40, v, t);
    view.endRunningSeed(QStringLiteral("beta"), stored, true);
    QCOMPARE(view.runningPoints(), 1);
    view.setData(awaiting); // a refresh from before it was stored
    QCOMPARE(view.runningPoints(), 1);
    results[1].seeds = {betaSeeds[0]};
    view.setData(ScatterData::build({&results[0], &results[1]}, 3, 1000, 0));
    QCOMPARE(view.runningPoints(), 0);
    QCOMPARE(view.plottedPoints(ScatterData::Kind::Seed), 6);
}

void TestRunningSeeds::anEmptyPlotFollowsTheRunningSeeds()
{
    QTemporaryDir dir;
    std::vector<ExperimentResults> results = importAlphaAndBeta(dir);
    results[0].seeds.clear();
    ScatterPlotView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setData(ScatterData::build({&results[0]}, 3, 1000, 0));
    auto* caption = view.plot()->findChild<QCPTextElement*>(QStringLiteral("correlations"));
    QVERIFY(caption->text().startsWith(QStringLiteral("No finished seeds yet")));
    view.showRunningSeed(QStringLiteral("alpha"), 1, 2, 50.0, 60.0);
    view.showRunningSeed(QStringLiteral("alpha"), 2, 2, 80.0, 90.0);
    QCOMPARE(view.runningPoints(), 2);
    QVERIFY2(caption->text().startsWith(QStringLiteral("Seeds are training")), qPrintable(caption->text()));
    // Lower RMSE is better: the axes run so that better is up and right, and both crosses are in view.
    QVERIFY(view.plot()->xAxis->rangeReversed());
    for (const double v : {50.0, 80.0})
        QVERIFY(view.plot()->xAxis->range().contains(v));
    for (const double t : {60.0, 90.0})
        QVERIFY(view.plot()->yAxis->range().contains(t));
    // The crosses move, and the view goes with them.
    view.showRunningSeed(QStringLiteral("alpha"), 2, 3, 30.0, 20.0);
    QCOMPARE(view.runningPoints(), 2);
    QVERIFY(view.plot()->xAxis->range().contains(30.0));
    QVERIFY(view.plot()->yAxis->range().contains(20.0));
}

// An experiment whose truth is stored but that has no seed (a sweep cancelled before its first seed
// ended), selected, keeps the plots on its own rows, training or not: showing the experiments with
// seeds on other rows would present another data set as its own. Unchecked, or not selected (an
// idle one first by name), it leaves the scatter to the experiments with seeds.
void TestRunningSeeds::theSelectionLeadsWithoutSeedsAnUncheckedOneDoesNot()
{
    QTemporaryDir dir;
    importAlphaAndBeta(dir);
    ExperimentLabels other;
    other.validation = {1, 2, 3};
    other.test = {4, 5, 6};
    LabelsFile::write(other, dir.filePath(QStringLiteral("results/aaa"))); // other rows: another group
    WorkspaceSnapshot idle = WorkspaceSnapshot::build(dir.path(), QStringLiteral("aaa"), {});
    QVERIFY(idle.scatter.series.empty());
    QCOMPARE(idle.scatter.awaitingSeeds, QStringList{QStringLiteral("aaa")});
    QCOMPARE(idle.scatter.otherGroups, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    for (const WorkspaceSnapshot& elsewhere :
         {WorkspaceSnapshot::build(dir.path(), QStringLiteral("aaa"), {QStringLiteral("aaa")}),
          WorkspaceSnapshot::build(dir.path(), QStringLiteral("beta"), {})}) {
        QCOMPARE(elsewhere.scatter.series.size(), size_t(2));
        QVERIFY(elsewhere.scatter.otherGroups.isEmpty());
        QVERIFY(elsewhere.scatter.awaitingSeeds.isEmpty());
    }
}

// In the window, through a real sweep: the three seeds of a batched group stand on the scatter while
// none is stored, then give way to their points. Selected, the training experiment leads the scatter
// although other experiments, scored on other rows, have seeds.
void TestRunningSeeds::aSweepsSeedsStandOnTheScatterBeforeTheyEnd()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("ws"));
    const QString imported = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/regression_rmse");
    PredictionImporter::importInto(Workspace(folder), imported + QStringLiteral("/predictions.csv"),
                                   imported + QStringLiteral("/labels.csv"), Task::Regression, Metric::RMSE);
    ExperimentBuilder(QStringLiteral("live"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({8})
        .epochs(2000)
        .seeds(3)
        .saveIn(folder);
    MainWindow window;
    QVERIFY(window.openWorkspace(folder));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.selectExperiment(QStringLiteral("live"));
    // Selected, live leads the scatter before its first seed; alpha and beta, imported on other
    // rows, are named. (Their series showed only until the selection's snapshot came: a race.)
    QTRY_COMPARE(window.scatterView()->data().otherGroups,
                 (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    QVERIFY(window.scatterView()->data().series.empty());
    QSignalSpy epochs(window.sweeps(), &SweepController::epochEnded);
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    // Paused once each seed has reported an epoch, by the signal, not by polling: a busy machine
    // could finish them first. (The seeds may train in two groups, one per core.)
    QSet<quint64> reported;
    const QMetaObject::Connection pauser = connect(window.sweeps(), &SweepController::epochEnded,
                                                   window.sweeps(), [&](const QString&, quint64 seed) {
                                                       reported.insert(seed);
                                                       if (reported.size() == 3)
                                                           window.sweeps()->pause();
                                                   });
    QVERIFY(window.runExperiments(window.experimentModel()->rowOf(QStringLiteral("live"))));
    QTRY_COMPARE_WITH_TIMEOUT(reported.size(), qsizetype(3), 30000);
    disconnect(pauser);
    for (const QList<QVariant>& e : epochs)
        QVERIFY(std::isfinite(e.at(4).toDouble())); // the test score of the epoch
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->runningPoints(), 3, 20000);
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 0);
    QCOMPARE(window.scatterView()->data().otherGroups,
             (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    QCOMPARE(ResultStore(Workspace(folder).resultsFolder(QStringLiteral("live"))).finishedCount(), 0);

    window.sweeps()->resume();
    QVERIFY(ended.wait(120000));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 3, 20000);
    QCOMPARE(window.scatterView()->runningPoints(), 0);
}

QTEST_MAIN(TestRunningSeeds)
#include "tst_runningseeds.moc"
