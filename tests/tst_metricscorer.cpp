// Metric values worked out by hand (in the comments) from docs/statistics.md's definitions.
#include "metrics/metricscorer.h"

#include <QtTest>

#include <cmath>

using namespace seedscape;

namespace {

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

} // namespace

class TestMetricScorer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void regression();
    void binary();
    void rocAucCountsTiesAsHalf();
    void multiclass();
    void logLossClipsProbabilities();
    void undefinedIsNaN();
};

void TestMetricScorer::regression()
{
    const std::vector<double> truth = {1, 2, 3, 4}, predicted = {1.5, 2, 2, 5};
    // errors 0.5, 0, −1, 1: squared sum 2.25, mean 0.5625
    QVERIFY(close(MetricScorer::score(Metric::RMSE, truth, predicted, 0), 0.75));
    QVERIFY(close(MetricScorer::score(Metric::MAE, truth, predicted, 0), 0.625));
    // ȳ = 2.5, total sum of squares 5: R² = 1 − 2.25/5
    QVERIFY(close(MetricScorer::score(Metric::R2, truth, predicted, 0), 0.55));
}

void TestMetricScorer::binary()
{
    const std::vector<double> truth = {0, 0, 1, 1, 1}, p = {0.1, 0.6, 0.6, 0.8, 0.4};
    // predicted classes 0 1 1 1 0: rows 0, 2, 3 right
    QVERIFY(close(MetricScorer::score(Metric::Accuracy, truth, p, 2), 0.6));
    // positive/negative pairs: (.6,.1)=1 (.6,.6)=½ (.8,.1)=1 (.8,.6)=1 (.4,.1)=1 (.4,.6)=0 → 4.5/6
    QVERIFY(close(MetricScorer::score(Metric::AUC, truth, p, 2), 0.75));
    const double logLoss =
        -(std::log(0.9) + std::log(0.4) + std::log(0.6) + std::log(0.8) + std::log(0.4)) / 5;
    QVERIFY(close(MetricScorer::score(Metric::LogLoss, truth, p, 2), logLoss));
    // class 1: TP 2, FP 1, FN 1 → 4/6; class 0: TP 1, FP 1, FN 1 → 2/4
    QVERIFY(close(MetricScorer::score(Metric::F1Macro, truth, p, 2), (2.0 / 3 + 0.5) / 2));
    // p exactly 0.5 counts as class 1
    QVERIFY(close(MetricScorer::accuracy({1, 0}, {0.5, 0.49}, 2), 1.0));
}

void TestMetricScorer::rocAucCountsTiesAsHalf()
{
    QVERIFY(close(MetricScorer::rocAuc({0, 1, 0, 1}, {0.5, 0.5, 0.5, 0.5}), 0.5));
    QVERIFY(close(MetricScorer::rocAuc({0, 0, 1, 1}, {0.1, 0.2, 0.3, 0.4}), 1.0));
    QVERIFY(close(MetricScorer::rocAuc({1, 1, 0, 0}, {0.1, 0.2, 0.3, 0.4}), 0.0));
    // positives .3 .3, negatives .3 .1: (.3,.3)=½ twice, (.3,.1)=1 twice → 3/4
    QVERIFY(close(MetricScorer::rocAuc({1, 1, 0, 0}, {0.3, 0.3, 0.3, 0.1}), 0.75));
}

void TestMetricScorer::multiclass()
{
    const std::vector<double> truth = {0, 1, 2, 2};
    const std::vector<double> p = {0.5, 0.3, 0.2, /**/ 0.4, 0.4, 0.2, /**/ 0.1, 0.2, 0.7, /**/ 0.3, 0.3, 0.4};
    // argmax with the lowest index on ties: 0 0 2 2
    QCOMPARE(MetricScorer::predictedClasses(p, 4, 3), std::vector<int>({0, 0, 2, 2}));
    QVERIFY(close(MetricScorer::score(Metric::Accuracy, truth, p, 3), 0.75));
    const double logLoss = -(std::log(0.5) + std::log(0.4) + std::log(0.7) + std::log(0.4)) / 4;
    QVERIFY(close(MetricScorer::score(Metric::LogLoss, truth, p, 3), logLoss));
    // per-class F1: class 0 2/3, class 1 0, class 2 1 → 5/9
    QVERIFY(close(MetricScorer::score(Metric::F1Macro, truth, p, 3), 5.0 / 9));
    // A fourth class that is neither true nor predicted anywhere is left out of the mean.
    const std::vector<double> p4 = {0.5,      0.3, 0.2, 0, /**/ 0.4, 0.4, 0.2, 0,
                                    /**/ 0.1, 0.2, 0.7, 0, /**/ 0.3, 0.3, 0.4, 0};
    QVERIFY(close(MetricScorer::score(Metric::F1Macro, truth, p4, 4), 5.0 / 9));
}

void TestMetricScorer::logLossClipsProbabilities()
{
    const double clipped = -std::log(1e-15);
    QVERIFY(close(MetricScorer::logLoss({1}, {0.0}, 2), clipped));
    QVERIFY(close(MetricScorer::logLoss({0}, {1.0}, 2), -std::log(1.0 - (1.0 - 1e-15))));
    QVERIFY(close(MetricScorer::logLoss({2}, {0.5, 0.5, 0.0}, 3), clipped));
    QVERIFY(std::isfinite(MetricScorer::logLoss({1, 0}, {0.0, 1.0}, 2)));
}

void TestMetricScorer::undefinedIsNaN()
{
    QVERIFY(std::isnan(MetricScorer::r2({3, 3, 3}, {1, 2, 3})));
    QVERIFY(std::isnan(MetricScorer::rocAuc({1, 1, 1}, {0.1, 0.5, 0.9})));
    QVERIFY(std::isnan(MetricScorer::score(Metric::RMSE, {}, {}, 0)));
}

QTEST_GUILESS_MAIN(TestMetricScorer)
#include "tst_metricscorer.moc"
