// LearningCurveView (#16): several experiments overlaid in their workspace colours, smoothing,
// a log scale for y, and running seeds' curves that grow epoch by epoch.
#include "mainwindow.h"
#include "plot/experimentcolours.h"
#include "plot/experimentmarkers.h"
#include "plot/learningcurveview.h"
#include "plot/qcustomplot_include.h"
#include "sweepcontroller.h"

#include "stats/curvesmoother.h"
#include "store/experimentcolourfile.h"

#include "support/experimentbuilder.h"
#include "support/tempworkspace.h"

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestLearningCurveView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void overlaidExperimentsTakeTheirWorkspaceColours();
    void smoothingIsAnExponentialMovingAverage_data();
    void smoothingIsAnExponentialMovingAverage();
    void smoothingControlRedrawsTheCurves();
    void meanAndBandStopWhereTheFirstSeedStopped();
    void logScaleLeavesOutScoresAtOrBelowZero();
    void liveEpochsExtendARunningSeed();
    void seedsWithoutEpochsSayWhyThePlotIsEmpty();
    void liveCurveMakesWayForTheStoredSeed();
    void experimentsWithoutFinishedSeedsAreLeftOut();
    void windowDrawsRunningSeedsBeforeTheyEnd();

private:
    static LearningCurves curves(const QString& name, std::vector<std::vector<double>> c,
                                 Metric metric = Metric::RMSE);
    static std::vector<double> values(const QCPGraph* graph); // NaN where the line breaks
};

LearningCurves TestLearningCurveView::curves(const QString& name, std::vector<std::vector<double>> c,
                                             Metric metric)
{
    LearningCurves set;
    set.experiment = name;
    set.metric = metric;
    for (size_t i = 0; i < c.size(); ++i)
        set.seeds.push_back(i + 1);
    set.curves = std::move(c);
    return set;
}

std::vector<double> TestLearningCurveView::values(const QCPGraph* graph)
{
    std::vector<double> v;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        v.push_back(it->value);
    return v;
}

void TestLearningCurveView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestLearningCurveView::overlaidExperimentsTakeTheirWorkspaceColours()
{
    TempWorkspace ws;
    QVERIFY(QDir().mkpath(ws.path() + QStringLiteral("/results/zeta")));
    QVERIFY(QDir().mkpath(ws.path() + QStringLiteral("/results/alpha")));
    // Remembered slots that are not the names' order: sorted names would give alpha 0, beta 1, zeta 2.
    ExperimentColourFile::write(ws.path(), {{QStringLiteral("zeta"), 0}, {QStringLiteral("alpha"), 5}});
    QVERIFY(QDir().mkpath(ws.path() + QStringLiteral("/results/beta"))); // new: a free slot, kept
    const ExperimentColours colours = ExperimentColours::ofWorkspace(ws.path());
    QCOMPARE(colours.slotOf(QStringLiteral("zeta")), 0);
    QCOMPARE(colours.slotOf(QStringLiteral("alpha")), 5);
    QVERIFY(colours.slotOf(QStringLiteral("beta")) != 0 && colours.slotOf(QStringLiteral("beta")) != 5);

    LearningCurveView view;
    view.resize(600, 400);
    view.setColours(colours);
    view.setData({curves(QStringLiteral("beta"), {{3, 2, 1}, {4, 3, 2}}),
                  curves(QStringLiteral("zeta"), {{5, 4}}), curves(QStringLiteral("alpha"), {{6, 5, 4, 3}})});
    QCOMPARE(view.experiments().size(), size_t(3));
    QCOMPARE(view.experiment(), QStringLiteral("beta")); // the first names the view
    QCOMPARE(view.seedLines(), 2);                       // the first one's stored seeds
    QVERIFY(view.plot()->legend->visible());
    // Under the plot, not over the curves' last epochs.
    view.plot()->replot();
    QVERIFY2(view.plot()->legend->outerRect().top() >= view.plot()->axisRect()->outerRect().bottom(),
             qPrintable(QStringLiteral("legend top %1, plot bottom %2")
                            .arg(view.plot()->legend->outerRect().top())
                            .arg(view.plot()->axisRect()->outerRect().bottom())));
    for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("zeta")}) {
        QCPGraph* mean = view.meanGraph(name);
        QVERIFY2(mean, qPrintable(name));
        const size_t seeds = view.experiments()[name == QStringLiteral("beta")   ? 0
                                                : name == QStringLiteral("zeta") ? 1
                                                                                 : 2]
                                 .curves.size();
        QCOMPARE(mean->name(), // its legend entry, the noun in the right number
                 QStringLiteral("%1 (%2 %3)")
                     .arg(name)
                     .arg(seeds)
                     .arg(seeds == 1 ? QStringLiteral("seed") : QStringLiteral("seeds")));
        QCOMPARE(mean->pen().color(), colours.of(name).darker(130));
        // Beside the colour, its experiment's marker shape along the line and in the legend.
        QCOMPARE(mean->scatterStyle().shape(),
                 ExperimentMarkers::style(colours.slotOf(name), 8, QPen(), QBrush()).shape());
        QCOMPARE(mean->scatterStyle().customPath(), ExperimentMarkers::outline(colours.slotOf(name)));
        QCOMPARE(mean->scatterStyle().brush().color(), colours.of(name));
    }
    QCOMPARE(view.meanGraph(QStringLiteral("zeta"))->scatterStyle().shape(), QCPScatterStyle::ssCircle);
    QCOMPARE(view.meanGraph(QStringLiteral("alpha"))->scatterStyle().shape(), QCPScatterStyle::ssCustom);
    QCOMPARE(view.meanGraph(QStringLiteral("alpha"))->pen().color(),
             ExperimentColours::palette(5).darker(130));
    QCOMPARE(view.meanGraph(QStringLiteral("zeta"))->pen().color(),
             ExperimentColours::palette(0).darker(130));
    // Every graph of an experiment (seeds, band) is in its hue: no graph carries a fourth colour.
    QSet<QRgb> hues;
    for (int i = 0; i < view.plot()->graphCount(); ++i) {
        QCPGraph* g = view.plot()->graph(i);
        const QColor c = g->pen().style() != Qt::NoPen ? g->pen().color() : g->brush().color();
        if (g->pen().style() == Qt::NoPen && g->brush().style() == Qt::NoBrush)
            continue; // the band's lower edge draws nothing
        QColor opaque = c;
        opaque.setAlpha(255);
        hues.insert(opaque.rgb());
    }
    QSet<QRgb> expected;
    for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("zeta")}) {
        expected.insert(colours.of(name).rgb());
        expected.insert(colours.of(name).darker(130).rgb());
    }
    QCOMPARE(hues, expected);
}

void TestLearningCurveView::smoothingIsAnExponentialMovingAverage_data()
{
    QTest::addColumn<std::vector<double>>("curve");
    QTest::addColumn<double>("weight");
    QTest::addColumn<std::vector<double>>("expected");
    QTest::addRow("off") << std::vector<double>{1, 3, 3, 7} << 0.0 << std::vector<double>{1, 3, 3, 7};
    QTest::addRow("half") << std::vector<double>{1, 3, 3, 7} << 0.5 << std::vector<double>{1, 2, 2.5, 4.75};
    QTest::addRow("0.9 starts at the first score")
        << std::vector<double>{10, 0} << 0.9 << std::vector<double>{10, 9};
    // An epoch without a score stays a gap; the average carries over it.
    QTest::addRow("gap") << std::vector<double>{2, NAN, 4} << 0.5 << std::vector<double>{2, NAN, 3};
}

void TestLearningCurveView::smoothingIsAnExponentialMovingAverage()
{
    QFETCH(std::vector<double>, curve);
    QFETCH(double, weight);
    QFETCH(std::vector<double>, expected);
    const std::vector<double> smoothed = CurveSmoother::smooth(curve, weight);
    QCOMPARE(smoothed.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        if (std::isnan(expected[i]))
            QVERIFY(std::isnan(smoothed[i]));
        else
            QVERIFY2(std::abs(smoothed[i] - expected[i]) < 1e-12,
                     qPrintable(QStringLiteral("epoch %1: %2").arg(i + 1).arg(smoothed[i])));
    }
    // Causal: a curve one epoch longer keeps the smoothed values it had.
    std::vector<double> longer = curve;
    longer.push_back(100);
    const std::vector<double> grown = CurveSmoother::smooth(longer, weight);
    for (size_t i = 0; i < smoothed.size(); ++i)
        QVERIFY(std::isnan(smoothed[i]) ? std::isnan(grown[i]) : grown[i] == smoothed[i]);
}

void TestLearningCurveView::smoothingControlRedrawsTheCurves()
{
    LearningCurveView view;
    view.resize(600, 400);
    view.setData({curves(QStringLiteral("a"), {{1, 3, 3, 7}})});
    QCOMPARE(values(view.meanGraph(QStringLiteral("a"))), (std::vector<double>{1, 3, 3, 7}));
    // Alone, an experiment needs no shape to be told apart: a plain line.
    QCOMPARE(view.meanGraph(QStringLiteral("a"))->scatterStyle().shape(), QCPScatterStyle::ssNone);
    auto* spin = view.findChild<QDoubleSpinBox*>(QStringLiteral("curveSmoothing"));
    QVERIFY(spin);
    QCOMPARE(spin->value(), 0.0); // off by default: the scores as they are
    spin->setValue(0.5);          // as the user sets it
    QCOMPARE(view.smoothing(), 0.5);
    QCOMPARE(values(view.meanGraph(QStringLiteral("a"))), (std::vector<double>{1, 2, 2.5, 4.75}));
    QVERIFY(view.plot()->xAxis->label().contains(QStringLiteral("EMA 0.50")));
    // The numbers behind the plot stay the stored scores.
    QCOMPARE(view.meanCurve(), (std::vector<double>{1, 3, 3, 7}));
    QCOMPARE(view.dataTable().rows.back().back().toDouble(), 7.0);
    view.setSmoothing(0);
    QCOMPARE(values(view.meanGraph(QStringLiteral("a"))), (std::vector<double>{1, 3, 3, 7}));
}

void TestLearningCurveView::meanAndBandStopWhereTheFirstSeedStopped()
{
    // Seeds stopped early at epochs 2 and 4; one went on to 6 and got better late. A mean past
    // epoch 2 would be the mean of the survivors, and read as "train longer".
    LearningCurveView view;
    view.resize(600, 400);
    view.setData(
        {curves(QStringLiteral("a"), {{0.5, 0.6}, {0.5, 0.7, 0.8, 0.8}, {0.4, 0.6, 0.7, 0.8, 0.9, 0.95}})});
    QCOMPARE(view.meanCurve(), (std::vector<double>{(0.5 + 0.5 + 0.4) / 3, (0.6 + 0.7 + 0.6) / 3}));
    QCOMPARE(values(view.meanGraph(QStringLiteral("a"))).size(), size_t(2));
    // The band stops there too; each seed's own line goes on.
    std::vector<int> lengths;
    for (int i = 0; i < view.plot()->graphCount(); ++i)
        lengths.push_back(view.plot()->graph(i)->dataCount());
    QCOMPARE(*std::max_element(lengths.begin(), lengths.end()), 6);
    QCOMPARE(std::count(lengths.begin(), lengths.end(), 2), 4L); // lower, upper, the mean and the short seed
    QVERIFY2(view.plot()->xAxis->label().contains(
                 QStringLiteral("mean (thick) and min–max band up to epoch 2, the last every seed reached")),
             qPrintable(view.plot()->xAxis->label()));
    // Seeds of one length: nothing to say.
    view.setData({curves(QStringLiteral("a"), {{0.5, 0.6}, {0.4, 0.7}})});
    QVERIFY(!view.plot()->xAxis->label().contains(QStringLiteral("up to epoch")));
    // An imported seed (no curve) does not cut the others' mean short.
    view.setData({curves(QStringLiteral("a"), {{0.5, 0.6, 0.7}, {}, {0.5, 0.8, 0.9}})});
    QCOMPARE(view.meanCurve().size(), size_t(3));
}

void TestLearningCurveView::logScaleLeavesOutScoresAtOrBelowZero()
{
    LearningCurveView view;
    view.resize(600, 400);
    view.setData({curves(QStringLiteral("r2"), {{-0.5, 0.0, 0.2, 0.4}}, Metric::R2)});
    QCOMPARE(view.plot()->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(view.pointsLeftOut(), 0);
    auto* box = view.findChild<QCheckBox*>(QStringLiteral("curveLogY"));
    QVERIFY(box);
    box->click();
    QVERIFY(view.logY());
    QCOMPARE(view.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(!view.plot()->yAxis->ticker().dynamicCast<QCPAxisTickerLog>().isNull());
    QCOMPARE(view.pointsLeftOut(), 2); // -0.5 and 0
    const std::vector<double> drawn = values(view.meanGraph(QStringLiteral("r2")));
    QCOMPARE(drawn.size(), size_t(4));
    QVERIFY(std::isnan(drawn[0]) && std::isnan(drawn[1])); // gaps: the line breaks there
    QCOMPARE(drawn[2], 0.2);
    QCOMPARE(drawn[3], 0.4);
    QVERIFY(view.plot()->xAxis->label().contains(QStringLiteral("2 scores ≤ 0 left out")));
    QVERIFY(view.plot()->yAxis->range().lower > 0); // a log axis cannot reach 0
    QVERIFY(view.plot()->yAxis->range().contains(0.2) && view.plot()->yAxis->range().contains(0.4));
    box->click();
    QCOMPARE(view.plot()->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(view.pointsLeftOut(), 0);
    QCOMPARE(values(view.meanGraph(QStringLiteral("r2"))).front(), -0.5);
}

void TestLearningCurveView::liveEpochsExtendARunningSeed()
{
    LearningCurveView view;
    view.resize(600, 400);
    view.setData({curves(QStringLiteral("a"), {{0.9, 0.8, 0.7}}), curves(QStringLiteral("b"), {})});
    QVERIFY(!view.liveGraph(QStringLiteral("a"), 42));
    view.addEpoch(QStringLiteral("a"), 42, 1, 0.95);
    QTRY_VERIFY(view.liveGraph(QStringLiteral("a"), 42));
    QCOMPARE(values(view.liveGraph(QStringLiteral("a"), 42)), (std::vector<double>{0.95}));
    view.addEpoch(QStringLiteral("a"), 42, 2, 0.85);
    view.addEpoch(QStringLiteral("a"), 42, 3, 0.75);
    QTRY_COMPARE(view.liveGraph(QStringLiteral("a"), 42)->dataCount(), 3);
    QCOMPARE(values(view.liveGraph(QStringLiteral("a"), 42)), (std::vector<double>{0.95, 0.85, 0.75}));
    QCOMPARE(view.liveGraph(QStringLiteral("a"), 42)->pen().style(), Qt::DashLine);
    // Without a workspace's colours: the names' order decides, as in the other views.
    QCOMPARE(view.liveGraph(QStringLiteral("a"), 42)->pen().color(),
             ExperimentColours({QStringLiteral("a"), QStringLiteral("b")}).of(QStringLiteral("a")));
    // The axis follows a growing curve, and a running seed is not in the stored mean.
    QVERIFY(view.plot()->yAxis->range().contains(0.95));
    QCOMPARE(view.meanCurve(), (std::vector<double>{0.9, 0.8, 0.7}));
    QVERIFY(view.plot()->xAxis->label().contains(QStringLiteral("1 seed training (dashed)")));
    QCOMPARE(view.meanGraph(QStringLiteral("a"))->name(), QStringLiteral("a (1 seed, 1 training)"));
    // An experiment with no stored seed yet still shows its running seeds.
    view.addEpoch(QStringLiteral("b"), 7, 1, 0.5);
    QTRY_VERIFY(view.liveGraph(QStringLiteral("b"), 7));
    // One outside the experiments shown (another comparison group) is not drawn.
    view.addEpoch(QStringLiteral("other"), 9, 1, 100.0);
    QTest::qWait(100);
    QVERIFY(!view.liveGraph(QStringLiteral("other"), 9));
    QVERIFY(!view.plot()->yAxis->range().contains(100.0));
}

// Imported seeds have no curve: the plot says so instead of showing bare axes; a first running
// epoch, or a seed with a curve, replaces the note.
void TestLearningCurveView::seedsWithoutEpochsSayWhyThePlotIsEmpty()
{
    LearningCurveView view;
    view.resize(600, 400);
    view.setData({curves(QStringLiteral("imported"), {{}, {}})});
    QVERIFY2(view.plot()->xAxis->label().startsWith(
                 QStringLiteral("no learning curves: no score per epoch recorded for imported")),
             qPrintable(view.plot()->xAxis->label()));
    view.setData({curves(QStringLiteral("imported"), {{}, {}}), curves(QStringLiteral("a"), {{0.9, 0.8}})});
    QVERIFY(!view.plot()->xAxis->label().contains(QStringLiteral("no learning curves")));
    view.setData({curves(QStringLiteral("imported"), {{}})});
    view.addEpoch(QStringLiteral("imported"), 5, 1, 0.5);
    QTRY_VERIFY(view.liveGraph(QStringLiteral("imported"), 5));
    QVERIFY(!view.plot()->xAxis->label().contains(QStringLiteral("no learning curves")));
    // Nothing stored at all (an experiment not run yet): no metric is claimed, and the plot says why it is
    // empty.
    LearningCurveView empty;
    empty.resize(600, 400);
    empty.setData({});
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    empty.plot()->replot();
    // The hidden legend under the plot takes no room from it.
    QVERIFY2(empty.plot()->axisRect()->width() > 400,
             qPrintable(QString::number(empty.plot()->axisRect()->width())));
    QCOMPARE(empty.plot()->yAxis->label(), QStringLiteral("validation score (better ↑)"));
    QCOMPARE(empty.plot()->xAxis->label(), QStringLiteral("epoch — no finished seeds to draw yet"));
    empty.setData({curves(QStringLiteral("a"), {{0.9, 0.8}}, Metric::Accuracy)});
    QCOMPARE(empty.plot()->yAxis->label(), QStringLiteral("validation accuracy (better ↑)"));
}

void TestLearningCurveView::experimentsWithoutFinishedSeedsAreLeftOut()
{
    // b's seeds all failed: no curve, no legend entry "b (0 seeds)", not counted in the caption.
    LearningCurveView view;
    view.resize(600, 400);
    view.setData({curves(QStringLiteral("a"), {{0.9, 0.8}}), curves(QStringLiteral("b"), {}),
                  curves(QStringLiteral("c"), {{0.7, 0.6}})});
    QCOMPARE(view.plot()->legend->itemCount(), 2);
    for (int i = 0; i < view.plot()->legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(view.plot()->legend->item(i));
        QVERIFY(item && !item->plottable()->name().startsWith(QStringLiteral("b ")));
    }
    QVERIFY2(view.plot()->xAxis->label().contains(QStringLiteral("2 experiments")),
             qPrintable(view.plot()->xAxis->label()));
    // The selected experiment (first) stays, to say it has nothing yet.
    view.setData({curves(QStringLiteral("b"), {}), curves(QStringLiteral("a"), {{0.9, 0.8}})});
    QCOMPARE(view.plot()->legend->itemCount(), 2);
}

void TestLearningCurveView::liveCurveMakesWayForTheStoredSeed()
{
    LearningCurveView view;
    view.setData({curves(QStringLiteral("a"), {{0.9, 0.8}})});
    for (int e = 1; e <= 3; ++e)
        view.addEpoch(QStringLiteral("a"), 42, e, 1.0 - e * 0.1);
    QTRY_VERIFY(view.liveGraph(QStringLiteral("a"), 42));
    view.endSeed(QStringLiteral("a"), 42);
    // Drawn until the stored seed arrives, so the curve never blinks out in between.
    view.addEpoch(QStringLiteral("a"), 43, 1, 0.9);
    QTRY_VERIFY(view.liveGraph(QStringLiteral("a"), 43));
    QVERIFY(view.liveGraph(QStringLiteral("a"), 42));
    view.setData({curves(QStringLiteral("a"), {{0.9, 0.8}, {0.9, 0.8, 0.7}})});
    QVERIFY(!view.liveGraph(QStringLiteral("a"), 42));
    QVERIFY(view.liveGraph(QStringLiteral("a"), 43)); // still training
    QCOMPARE(view.seedLines(), 2);
}

void TestLearningCurveView::windowDrawsRunningSeedsBeforeTheyEnd()
{
    TempWorkspace ws;
    ExperimentBuilder(QStringLiteral("long"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({16})
        .epochs(100000) // far more than the test waits for: the seed is still training
        .seeds(1)
        .saveIn(ws.path());
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    QSignalSpy epochs(window.sweeps(), &SweepController::epochEnded);
    QSignalSpy seedEnded(window.sweeps(), &SweepController::seedEnded);
    QSignalSpy sweepEnded(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(0));
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 3, 60000);
    const quint64 seed = epochs.first().at(1).value<quint64>();
    QCOMPARE(epochs.first().at(0).toString(), QStringLiteral("long"));
    QCOMPARE(epochs.first().at(2).toInt(), 1);
    LearningCurveView* view = window.learningCurveView();
    QTRY_VERIFY_WITH_TIMEOUT(view->liveGraph(QStringLiteral("long"), seed) &&
                                 view->liveGraph(QStringLiteral("long"), seed)->dataCount() >= 3,
                             20000);
    const int first = view->liveGraph(QStringLiteral("long"), seed)->dataCount();
    QTRY_VERIFY_WITH_TIMEOUT(view->liveGraph(QStringLiteral("long"), seed) &&
                                 view->liveGraph(QStringLiteral("long"), seed)->dataCount() > first,
                             20000); // it grows
    QVERIFY(seedEnded.isEmpty());    // all of it before the seed ended
    // The scores drawn are the ones reported.
    const QCPGraph* live = view->liveGraph(QStringLiteral("long"), seed);
    QCOMPARE(live->data()->constBegin()->value, epochs.first().at(3).toDouble());
    QCOMPARE(live->pen().color().rgb(),
             ExperimentColours::ofWorkspace(ws.path()).of(QStringLiteral("long")).rgb());
    window.setCancelConfirmation([](const QString&) { return true; });
    window.cancelSweep();
    QVERIFY(!sweepEnded.isEmpty() || sweepEnded.wait(60000));
    // Cancelled, it trains no longer: its curve goes, and nothing says "training" (it stayed as a
    // dashed "1 training" curve until a restart, and went into the report).
    QTRY_VERIFY(!view->liveGraph(QStringLiteral("long"), seed));
    QVERIFY2(!view->plot()->xAxis->label().contains(QStringLiteral("training")),
             qPrintable(view->plot()->xAxis->label()));
    for (int i = 0; i < view->plot()->graphCount(); ++i)
        QVERIFY2(!view->plot()->graph(i)->name().contains(QStringLiteral("training")),
                 qPrintable(view->plot()->graph(i)->name()));
}

QTEST_MAIN(TestLearningCurveView)
#include "tst_learningcurveview.moc"
