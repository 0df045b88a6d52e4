// StatisticsPlotView: the seed spread (a strip of seeds with t-intervals, or box plots) and the
// ensemble-size curve, on golden statistics cases; and where their legends and axes keep the data.
#include "plot/experimentcolours.h"
#include "plot/experimentmarkers.h"
#include "plot/learningcurveview.h"
#include "plot/statisticsplotview.h"

#include "stats/workspacestatistics.h"

#include <QTemporaryDir>
#include <QtTest>

#include "plot/qcustomplot_include.h"

#include "support/sampledata.h"

#include <algorithm>
#include <cmath>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestStatisticsPlotView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spreadAndEnsembleSizePlots();
    void spreadAsBoxPlotOfValidationOrTest();
    void ensembleSizeLegendAndCurvesKeepOffTheData();
    void ensembleSizeBandsTheSelectedOneAmongMany();
};

void TestStatisticsPlotView::spreadAndEnsembleSizePlots()
{
    QTemporaryDir dir;
    const auto results =
        importStatisticsCase(dir.path(), QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE);
    const auto statistics = WorkspaceStatistics::compute(results, {}).experiments;
    StatisticsPlotView spread(StatisticsPlotView::Kind::Spread);
    spread.setData(statistics);
    QCOMPARE(spread.plottedPoints(), 9);            // one dot per seed
    QVERIFY(spread.plot()->yAxis->rangeReversed()); // RMSE: lower is better, so it runs downwards
    int intervals = 0;
    for (int i = 0; i < spread.plot()->plottableCount(); ++i)
        intervals += qobject_cast<QCPErrorBars*>(spread.plot()->plottable(i)) != nullptr;
    QCOMPARE(intervals, 2); // a t-interval per experiment
    StatisticsPlotView sizes(StatisticsPlotView::Kind::EnsembleSize);
    sizes.setData(statistics);
    QCOMPARE(sizes.plottedPoints(), 5 + 4); // k = 1..N for each experiment
    QCOMPARE(sizes.plot()->legend->itemCount(), 2);
    // Each curve's points in its experiment's marker shape: the two curves differ in grey print.
    QList<QPainterPath> shapes;
    for (int i = 0; i < sizes.plot()->graphCount(); ++i)
        if (sizes.plot()->graph(i)->property("counted").toBool())
            shapes << sizes.plot()->graph(i)->scatterStyle().customPath();
    const ExperimentColours colours(QStringList{results[0].name, results[1].name});
    QCOMPARE(shapes, (QList<QPainterPath>{ExperimentMarkers::outline(colours.slotOf(results[0].name)),
                                          ExperimentMarkers::outline(colours.slotOf(results[1].name))}));
    QVERIFY(shapes[0] != shapes[1]);
    // With nothing to draw, the hidden legend under the plot takes no width from it.
    StatisticsPlotView empty(StatisticsPlotView::Kind::EnsembleSize);
    empty.resize(600, 400);
    empty.setData({});
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    empty.plot()->replot();
    QVERIFY2(empty.plot()->axisRect()->width() > 400,
             qPrintable(QString::number(empty.plot()->axisRect()->width())));
}

void TestStatisticsPlotView::spreadAsBoxPlotOfValidationOrTest()
{
    ExperimentStatistics e;
    e.name = QStringLiteral("e");
    e.metric = Metric::Accuracy;
    e.higherIsBetter = true;
    const std::vector<double> validation = {0.80, 0.81, 0.82, 0.83, 0.84,
                                            0.85, 0.86, 0.87, 0.40}; // one outlier
    for (size_t i = 0; i < validation.size(); ++i)
        e.seeds.push_back({i + 1, validation[i], 0.5 + 0.01 * static_cast<double>(i)});
    std::vector<double> test;
    for (const auto& s : e.seeds)
        test.push_back(s.test);
    e.validation = Spread::of(validation, true);
    e.test = Spread::of(test, true);
    e.ensembleValidation = 0.88;
    e.ensembleTest = 0.6;

    StatisticsPlotView spread(StatisticsPlotView::Kind::Spread);
    spread.setData({e});
    QCOMPARE(spread.plottedPoints(), 9);
    QCOMPARE(spread.plottedBoxes(), 0);
    spread.setStyle(StatisticsPlotView::Style::Box);
    QCOMPARE(spread.plottedPoints(), 0);
    QCOMPARE(spread.plottedBoxes(), 1);
    QCPStatisticalBox* box = nullptr;
    for (int i = 0; i < spread.plot()->plottableCount(); ++i)
        if (auto* b = qobject_cast<QCPStatisticalBox*>(spread.plot()->plottable(i)))
            box = b;
    QVERIFY(box);
    const QCPStatisticalBoxData& d = *box->data()->begin();
    // numpy.percentile([0.40, 0.80 … 0.87], 25 / 50 / 75) = 0.81, 0.83, 0.85; 0.40 lies beyond 1.5 IQR.
    QCOMPARE(d.lowerQuartile, 0.81);
    QCOMPARE(d.median, 0.83);
    QCOMPARE(d.upperQuartile, 0.85);
    QCOMPARE(d.minimum, 0.80);
    QCOMPARE(d.maximum, 0.87);
    QCOMPARE(d.outliers, QVector<double>{0.40});
    QVERIFY(spread.plot()->yAxis->label().startsWith(QStringLiteral("validation accuracy (better ↑)")));

    // Test scores instead: the strip shows each seed's test score, the axis says so.
    spread.setStyle(StatisticsPlotView::Style::Strip);
    spread.setShowTest(true);
    QVERIFY(spread.plot()->yAxis->label().startsWith(QStringLiteral("test accuracy (better ↑)")));
    double highest = 0;
    for (int i = 0; i < spread.plot()->graphCount(); ++i)
        if (spread.plot()->graph(i)->property("counted").toBool())
            for (auto it = spread.plot()->graph(i)->data()->begin();
                 it != spread.plot()->graph(i)->data()->end(); ++it)
                highest = std::max(highest, it->value);
    QCOMPARE(highest, 0.58);
}

void TestStatisticsPlotView::ensembleSizeLegendAndCurvesKeepOffTheData()
{
    QTemporaryDir dir;
    const auto results =
        importStatisticsCase(dir.path(), QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE);
    StatisticsPlotView sizes(StatisticsPlotView::Kind::EnsembleSize);
    sizes.resize(800, 600);
    sizes.setData(WorkspaceStatistics::compute(results, {}).experiments);
    QCustomPlot* plot = sizes.plot();
    plot->replot();
    // The legend lies outside the axis rect, below it, so it can cover no curve.
    const QRect area = plot->axisRect()->rect(), legend = plot->legend->outerRect();
    QVERIFY(plot->legend->visible());
    QVERIFY2(legend.top() >= plot->axisRect()->outerRect().bottom() && !legend.intersects(area),
             qPrintable(QStringLiteral("legend %1,%2 %3×%4")
                            .arg(legend.x())
                            .arg(legend.y())
                            .arg(legend.width())
                            .arg(legend.height())));
    // k runs 1..5 with room either side: no curve starts or ends on an axis.
    QVERIFY(plot->xAxis->range().lower < 1 && plot->xAxis->range().upper > 5);

    LearningCurveView curves;
    curves.resize(800, 600);
    curves.setData(QStringLiteral("e"), Metric::RMSE, {{3.0, 2.0, 1.5}, {2.8, 2.1, 1.4}});
    const QCPRange x = curves.plot()->xAxis->range(), y = curves.plot()->yAxis->range();
    QVERIFY(x.lower < 1 && x.upper > 3);
    QVERIFY(y.lower < 1.4 && y.upper > 3.0);

    // Both axes count (seeds, epochs): whole-number ticks only, also zoomed in, where QCustomPlot's
    // own ticker labels 1.5 and 2.5.
    const auto wholeTicks = [](QCustomPlot* p, QCPRange range) {
        p->xAxis->setRange(range);
        p->replot();
        const QVector<double> ticks = p->xAxis->tickVector();
        if (ticks.size() < 2)
            return false;
        for (double t : ticks)
            if (t != std::round(t))
                return false;
        return true;
    };
    for (QCustomPlot* p : {plot, curves.plot()})
        for (const QCPRange& range : {QCPRange(0.5, 5.5), QCPRange(0.8, 3.2), QCPRange(0, 400)})
            QVERIFY2(wholeTicks(p, range),
                     qPrintable(QStringLiteral("%1 to %2").arg(range.lower).arg(range.upper)));
}

// Six min–max bands overlap into one wash: past three experiments only the selected one's band is
// drawn, and its curve lies on top; the legend keeps the experiments' order.
void TestStatisticsPlotView::ensembleSizeBandsTheSelectedOneAmongMany()
{
    QTemporaryDir dir;
    const auto statisticsOf = [&](const QString& name) {
        return WorkspaceStatistics::compute(
                   importStatisticsCase(dir.filePath(name), name, Task::Regression, Metric::RMSE), {})
            .experiments;
    };
    const auto six = statisticsOf(QStringLiteral("regression_six_experiments"));
    QCOMPARE(six.size(), size_t(6));
    const auto bandsOf = [](QCustomPlot* plot) {
        int banded = 0;
        for (int i = 0; i < plot->graphCount(); ++i)
            banded += plot->graph(i)->brush().style() != Qt::NoBrush;
        return banded;
    };
    StatisticsPlotView sizes(StatisticsPlotView::Kind::EnsembleSize);
    sizes.setHighlighted(six[2].name);
    sizes.setData(six);
    QCustomPlot* plot = sizes.plot();
    QCOMPARE(bandsOf(plot), 1);
    QCPGraph* last = plot->graph(plot->graphCount() - 1); // drawn last: on top
    QCOMPARE(last->name(), six[2].name);
    QCOMPARE(last->pen().widthF(), 3.0);
    QVERIFY(plot->xAxis->label().endsWith(QStringLiteral("band: %1's min–max").arg(six[2].name)));
    QCOMPARE(static_cast<QCPPlottableLegendItem*>(plot->legend->item(0))->plottable()->name(), six[0].name);
    QCOMPARE(sizes.plottedPoints(), [&] {
        int points = 0;
        for (const auto& e : six)
            points += static_cast<int>(e.sizeCurve.size());
        return points;
    }());

    // Up to three experiments, every band, as before.
    const auto two = statisticsOf(QStringLiteral("regression_rmse"));
    sizes.setHighlighted(two[1].name);
    sizes.setData(two);
    QCOMPARE(bandsOf(sizes.plot()), 2);
    QVERIFY(sizes.plot()->xAxis->label().endsWith(QStringLiteral("band: their min–max")));
}

QTEST_MAIN(TestStatisticsPlotView)
#include "tst_statisticsplotview.moc"
