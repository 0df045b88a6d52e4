// Plots fitted to data that has a single value: every seed scoring the same (a perfect accuracy)
// gets an axis around that score, not QCustomPlot's old span around it (-2 to 4).
#include "plot/datarangefit.h"
#include "plot/learningcurveview.h"
#include "plot/statisticsplotview.h"

#include "stats/experimentstatistics.h"
#include "store/experimentresults.h"

#include <QtTest>

#include "plot/qcustomplot_include.h"

using namespace seedscape;

namespace {

// A binary experiment whose seeds all predict every row right: accuracy 1 for every seed and ensemble.
ExperimentStatistics perfectSeeds(int seeds)
{
    ExperimentResults r;
    r.name = QStringLiteral("perfect");
    r.labels.task = Task::Binary;
    r.labels.metric = Metric::Accuracy;
    r.labels.classNames = {QStringLiteral("no"), QStringLiteral("yes")};
    r.labels.validation = {0, 1, 1, 0};
    r.labels.test = {1, 0, 1, 1};
    for (int s = 1; s <= seeds; ++s) {
        SeedResult seed;
        seed.seed = static_cast<quint64>(s);
        seed.metric = Metric::Accuracy;
        seed.validationScore = 1;
        seed.testScore = 1;
        seed.validationPredictions = {0.1, 0.9, 0.8, 0.2};
        seed.testPredictions = {0.7, 0.3, 0.9, 0.6};
        r.seeds.push_back(seed);
    }
    return ExperimentStatistics::compute(r, {});
}

bool spansAround(const QCPRange& range, double value, double atMost)
{
    return range.lower < value && value < range.upper && range.size() <= atMost;
}

} // namespace

class TestDataRangeFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSingleValueGetsASpanOfItsOwn()
    {
        QCustomPlot plot;
        plot.yAxis->setRange(-2, 4); // what the axis held before
        QCPGraph* graph = plot.addGraph();
        graph->setData({1, 2, 3}, {0.75, 0.75, 0.75});
        rescaleAxesToData(&plot);
        QCOMPARE(plot.xAxis->range().lower, 1.0);
        QCOMPARE(plot.xAxis->range().upper, 3.0);
        QCOMPARE(plot.yAxis->range().lower, 0.74); // ±0.01 below 1
        QCOMPARE(plot.yAxis->range().upper, 0.76);
        graph->setData({1, 2, 3}, {50, 50, 50}); // ±1% above
        rescaleAxesToData(&plot);
        QCOMPARE(plot.yAxis->range().lower, 49.5);
        QCOMPARE(plot.yAxis->range().upper, 50.5);
        graph->setData({1, 2, 3}, {0, 0, 0}); // around 0: ±0.01
        rescaleAxesToData(&plot);
        QCOMPARE(plot.yAxis->range().lower, -0.01);
        QCOMPARE(plot.yAxis->range().upper, 0.01);
        graph->setData({1, 2, 3}, {0.5, 0.6, 0.7}); // a spread is fitted as it is
        rescaleAxesToData(&plot);
        QCOMPARE(plot.yAxis->range().lower, 0.5);
        QCOMPARE(plot.yAxis->range().upper, 0.7);
    }

    void everyViewCentresAScoreAllSeedsShare()
    {
        const ExperimentStatistics perfect = perfectSeeds(3);
        QCOMPARE(perfect.validation.mean, 1.0);
        for (const auto kind : {StatisticsPlotView::Kind::Spread, StatisticsPlotView::Kind::EnsembleSize}) {
            StatisticsPlotView view(kind);
            view.resize(600, 400);
            view.setData({perfect});
            QVERIFY2(spansAround(view.plot()->yAxis->range(), 1.0, 0.1),
                     qPrintable(QStringLiteral("%1 to %2")
                                    .arg(view.plot()->yAxis->range().lower)
                                    .arg(view.plot()->yAxis->range().upper)));
        }
        // One seed: one ensemble size, k = 1, centred too.
        StatisticsPlotView one(StatisticsPlotView::Kind::EnsembleSize);
        one.setData({perfectSeeds(1)});
        QVERIFY(spansAround(one.plot()->xAxis->range(), 1.0, 1.0));

        LearningCurveView curves;
        curves.setData(QStringLiteral("perfect"), Metric::Accuracy, {{1.0, 1.0, 1.0}, {1.0, 1.0, 1.0}});
        QVERIFY(spansAround(curves.plot()->yAxis->range(), 1.0, 0.1));
    }
};

QTEST_MAIN(TestDataRangeFit)
#include "tst_datarangefit.moc"
