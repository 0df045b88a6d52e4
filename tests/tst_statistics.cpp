// Statistics against golden values computed independently with numpy and scipy
// (tests/data/stats/make_golden.py), edge cases, sampling and bootstrap. (Importing: tst_predictionimporter.)
#include "experiment/experimentnames.h"
#include "stats/ensemblescorer.h"
#include "stats/statisticsjson.h"
#include "stats/studentt.h"
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace seedscape;
using nlohmann::json;

namespace {

json readJson(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return json::parse(f.readAll().toStdString());
}

// Every value in expected must be in actual: numbers to 1e-9 relative, the rest exactly.
void compareSubset(const json& expected, const json& actual, const std::string& path,
                   QStringList& differences)
{
    if (expected.is_object()) {
        for (const auto& [key, value] : expected.items()) {
            if (!actual.is_object() || !actual.contains(key))
                differences << QString::fromStdString(path + "." + key + ": missing");
            else
                compareSubset(value, actual[key], path + "." + key, differences);
        }
    } else if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) {
            differences << QString::fromStdString(path + ": list of " + std::to_string(expected.size()) +
                                                  " expected, got " + actual.dump());
            return;
        }
        for (size_t i = 0; i < expected.size(); ++i)
            compareSubset(expected[i], actual[i], path + "[" + std::to_string(i) + "]", differences);
    } else if (expected.is_number_float() || (expected.is_number() && actual.is_number_float())) {
        const double e = expected.get<double>();
        if (!actual.is_number() || std::abs(actual.get<double>() - e) > 1e-9 * std::max(std::abs(e), 1e-3))
            differences << QString::fromStdString(path + ": " + expected.dump() + " expected, got " +
                                                  actual.dump());
    } else if (expected != actual) {
        differences << QString::fromStdString(path + ": " + expected.dump() + " expected, got " +
                                              actual.dump());
    }
}

ExperimentResults syntheticRegression(int seeds, int rows)
{
    ExperimentResults r;
    r.name = QStringLiteral("synthetic");
    r.labels.task = Task::Regression;
    r.labels.metric = Metric::RMSE;
    for (int i = 0; i < rows; ++i) {
        r.labels.validation.push_back(std::sin(i));
        r.labels.test.push_back(std::cos(i));
    }
    for (int s = 0; s < seeds; ++s) {
        SeedResult seed;
        seed.seed = static_cast<quint64>(s);
        for (int i = 0; i < rows; ++i) {
            seed.validationPredictions.push_back(std::sin(i) + 0.3 * std::sin(7.0 * s + i));
            seed.testPredictions.push_back(std::cos(i) + 0.3 * std::cos(5.0 * s + 2 * i));
        }
        r.seeds.push_back(seed);
    }
    const EnsembleScorer scorer(r);
    for (int s = 0; s < seeds; ++s) {
        const auto scores = scorer.score({s});
        r.seeds[s].validationScore = scores.validation;
        r.seeds[s].testScore = scores.test;
    }
    return r;
}

} // namespace

class TestStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenCases_data();
    void goldenCases();
    void studentTQuantiles();
    void sampledSubsetsAreDistinct();
    void bootstrapIsReproducibleAndBracketsTheMean();
    void bootstrapOfTheMeanIsNarrowerThanTheTInterval();
    void undefinedNumbersAreNull();
    void correlationsNeedThreePointsAndIntervalsFour();
    void undefinedScoresMakeComparisonsUndefined();
    void kendallIntervalIsABootstrapOfThePoints();
    void stabilityPickNeedsTwoSeeds();
    void curveEqualsKEnsemblesWhereEverySubsetFits();
    void aBestSeedLeadsTheMeanWhicheverWayTheMetricPoints();
};

// The lead of a best seed (the window's and the report's "luck") and an ensemble's gain are positive
// when better: above the mean for accuracy, below it for RMSE.
void TestStatistics::aBestSeedLeadsTheMeanWhicheverWayTheMetricPoints()
{
    const std::vector<double> scores = {0.6, 0.7, 0.9};
    for (const bool higherIsBetter : {true, false}) {
        const Spread spread = Spread::of(scores, higherIsBetter);
        const double best = spread.expectedBest.back();
        QCOMPARE(best, higherIsBetter ? 0.9 : 0.6);
        const double mean = (0.6 + 0.7 + 0.9) / 3;
        QVERIFY(std::abs(spread.leadOverMean(best, higherIsBetter) -
                         (higherIsBetter ? 0.9 - mean : mean - 0.6)) < 1e-12);
        QVERIFY(spread.leadOverMean(higherIsBetter ? 0.6 : 0.9, higherIsBetter) < 0); // the worst trails it
        QCOMPARE(spread.leadOverMean(spread.mean, higherIsBetter), 0.0);
    }
}

// A variant that holds the initial weights fixed has a narrower range and here the better ensemble
// too, but it is the same model: the picks choose between models as they would be trained.
void TestStatistics::goldenCases_data()
{
    QTest::addColumn<QString>("folder");
    const QDir root(QStringLiteral(SEEDSCAPE_TEST_DATA "/stats"));
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 7);
    for (const QString& name : cases)
        QTest::addRow("%s", qPrintable(name)) << root.filePath(name);
}

void TestStatistics::goldenCases()
{
    QFETCH(QString, folder);
    const json settings = readJson(folder + QStringLiteral("/case.json"));
    QTemporaryDir dir;
    const Workspace workspace(dir.path());
    const Task task = *names::parseTask(QString::fromStdString(settings["task"].get<std::string>()));
    const Metric metric = *names::parseMetric(QString::fromStdString(settings["metric"].get<std::string>()));
    PredictionImporter::importInto(workspace, folder + QStringLiteral("/predictions.csv"),
                                   folder + QStringLiteral("/labels.csv"), task, metric);

    StatisticsOptions options;
    options.ks = settings["k"].get<std::vector<int>>();
    QStringList problems;
    const auto results = ExperimentResults::loadWorkspace(dir.path(), &problems);
    QVERIFY(problems.isEmpty());
    const WorkspaceStatistics statistics = WorkspaceStatistics::compute(results, options);
    const json actual = json::parse(StatisticsJson::toJson(statistics, options).toStdString());
    QStringList differences;
    compareSubset(readJson(folder + QStringLiteral("/expected.json")), actual, "", differences);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(QLatin1Char('\n'))));
    // Experiments computed on several threads give the same document, byte for byte.
    StatisticsOptions oneThread = options;
    oneThread.threads = 1;
    options.threads = 3;
    QCOMPARE(StatisticsJson::toJson(WorkspaceStatistics::compute(results, options), options),
             StatisticsJson::toJson(WorkspaceStatistics::compute(results, oneThread), options));
}

void TestStatistics::studentTQuantiles()
{
    // scipy.stats.t.ppf(0.975, df), itself accurate to about 1e-11 (docs/statistics.md asks for 1e-9).
    const std::pair<double, double> expected[] = {{1, 12.706204736174698},
                                                  {2, 4.302652729911275},
                                                  {4, 2.7764451051977987},
                                                  {19, 2.093024054408263},
                                                  {1000, 1.9623390808264078}};
    for (const auto& [df, t] : expected)
        QVERIFY2(std::abs(studentTQuantile(0.975, df) - t) < 1e-10 * t,
                 qPrintable(QString::number(studentTQuantile(0.975, df), 'g', 17)));
    // Closed forms: df = 1 is tan(π(p − ½)); df = 2 is (2p − 1)/√(2p(1 − p)).
    QVERIFY(std::abs(studentTQuantile(0.975, 1) - std::tan(M_PI * 0.475)) < 1e-13 * 12.7);
    QVERIFY(std::abs(studentTQuantile(0.975, 2) - 0.95 / std::sqrt(2 * 0.975 * 0.025)) < 1e-14 * 4.3);
    QCOMPARE(studentTQuantile(0.5, 3), 0.0);
    QVERIFY(std::abs(studentTQuantile(0.025, 2) + 0.95 / std::sqrt(2 * 0.975 * 0.025)) < 1e-14 * 4.3);
}

void TestStatistics::sampledSubsetsAreDistinct()
{
    const ExperimentResults r = syntheticRegression(6, 40);
    const EnsembleScorer scorer(r);
    const auto all = scorer.sizeCurve(1000, 1000, 0);
    QCOMPARE(all[2].count, 20); // C(6, 3)
    QVERIFY(all[2].exhaustive);
    // A limit of 19: 19 distinct subsets of the 20, so their sum is the total minus one subset's.
    const auto sampled = scorer.sizeCurve(19, 19, 1);
    QCOMPARE(sampled[2].count, 19);
    QVERIFY(!sampled[2].exhaustive);
    QVERIFY(sampled[0].exhaustive && sampled[5].exhaustive); // C(6,1) = 6 and C(6,6) = 1 fit the limit
    const double allSum = all[2].validationMean * 20, sampledSum = sampled[2].validationMean * 19;
    bool matchesOneLeftOut = false;
    std::vector<int> members = {0, 1, 2};
    for (int a = 0; a < 6; ++a)
        for (int b = a + 1; b < 6; ++b)
            for (int c = b + 1; c < 6; ++c)
                matchesOneLeftOut |=
                    std::abs(allSum - scorer.score({a, b, c}).validation - sampledSum) < 1e-9;
    QVERIFY(matchesOneLeftOut);
    // (Sampled sums are built in another order, so allow for rounding.)
    QVERIFY(sampled[2].validationMin >= all[2].validationMin - 1e-12 &&
            sampled[2].validationMax <= all[2].validationMax + 1e-12);
    // kEnsembles draws its own distinct subsets: 19 of 20, as above.
    const auto direct = scorer.kEnsembles(3, 19, 3);
    QCOMPARE(direct.count, 19);
    bool directLeavesOneOut = false;
    for (int a = 0; a < 6; ++a)
        for (int b = a + 1; b < 6; ++b)
            for (int c = b + 1; c < 6; ++c)
                directLeavesOneOut |=
                    std::abs(allSum - scorer.score({a, b, c}).validation - direct.validationMean * 19) < 1e-9;
    QVERIFY(directLeavesOneOut);
    QCOMPARE(scorer.kEnsembles(3, 20, 3).validationMean,
             all[2].validationMean); // exhaustive: the same every time
    const auto beyond = scorer.kEnsembles(7, 20, 3);
    QCOMPARE(beyond.count, 0);
    for (double undefined : {beyond.validationMean, beyond.validationMin, beyond.validationMax,
                             beyond.testMean, beyond.testMin, beyond.testMax})
        QVERIFY(std::isnan(undefined)); // not whatever the memory held
    // A limit smaller than C(N, k) for several k at once, including k above N/2.
    const auto small = scorer.sizeCurve(4, 4, 2);
    for (int k = 2; k <= 4; ++k) {
        QCOMPARE(small[k - 1].count, 4);
        QVERIFY(!small[k - 1].exhaustive);
    }
    QCOMPARE(small[4].count, 4); // C(6, 5) = 6 > 4: sampled too
    QCOMPARE(small[0].count, 4); // C(6, 1) = 6 > 4
    QCOMPARE(small[5].count, 1); // C(6, 6) = 1: every subset
    QVERIFY(small[5].exhaustive);
}

void TestStatistics::bootstrapIsReproducibleAndBracketsTheMean()
{
    const ExperimentResults r = syntheticRegression(8, 30);
    StatisticsOptions options;
    options.bootstrapResamples = 500;
    options.randomSeed = 5;
    const ExperimentStatistics a = ExperimentStatistics::compute(r, options);
    const ExperimentStatistics b = ExperimentStatistics::compute(r, options);
    QVERIFY(a.bootstrap && b.bootstrap);
    QCOMPARE(a.bootstrap->validationMean[0], b.bootstrap->validationMean[0]);
    QCOMPARE(a.bootstrap->ensembleTest[1], b.bootstrap->ensembleTest[1]);
    QVERIFY(a.bootstrap->validationMean[0] < a.validation.mean &&
            a.validation.mean < a.bootstrap->validationMean[1]);
    QVERIFY(a.bootstrap->ensembleValidation[0] <= a.ensembleValidation + 1e-12);
    QVERIFY(a.bootstrap->ensembleValidation[1] >= a.ensembleValidation - 0.2);
    options.randomSeed = 6;
    QVERIFY(ExperimentStatistics::compute(r, options).bootstrap->validationMean[0] !=
            a.bootstrap->validationMean[0]);
}

// z·√((N − 1)/N) / t(0.975, N − 1), against scipy: 1.959963984540054 * math.sqrt((n - 1) / n) /
// scipy.stats.t.ppf(0.975, n - 1).
void TestStatistics::bootstrapOfTheMeanIsNarrowerThanTheTInterval()
{
    const std::pair<int, double> scipy[] = {{2, 0.10907299646887636},
                                            {5, 0.6313991506157559},
                                            {17, 0.8969477838728017},
                                            {20, 0.9127160216008658}};
    for (const auto& [seeds, ratio] : scipy)
        QVERIFY2(std::abs(BootstrapIntervals::meanWidthAgainstT(seeds) - ratio) < 1e-9 * ratio,
                 qPrintable(QString::number(seeds)));
    QVERIFY(std::isnan(BootstrapIntervals::meanWidthAgainstT(1)));
    // And what is measured follows it: 5 seeds, 4000 resamples, about 63 % of the t-interval's width.
    const ExperimentResults r = syntheticRegression(5, 40);
    StatisticsOptions options;
    options.bootstrapResamples = 4000;
    const ExperimentStatistics s = ExperimentStatistics::compute(r, options);
    const double measured = (s.bootstrap->validationMean[1] - s.bootstrap->validationMean[0]) /
                            (s.validation.ciHigh - s.validation.ciLow);
    QVERIFY2(measured > 0.45 && measured < 0.8, qPrintable(QString::number(measured)));
}

void TestStatistics::undefinedNumbersAreNull()
{
    const ExperimentResults r = syntheticRegression(1, 10);
    StatisticsOptions options;
    options.ks = {3};
    options.bootstrapResamples = 50;
    WorkspaceStatistics w = WorkspaceStatistics::compute({r}, options);
    const json j = json::parse(StatisticsJson::toJson(w, options).toStdString());
    const json& e = j["experiments"][0];
    // Every resample of one seed is that seed: no interval, as the t-interval.
    QCOMPARE(e["bootstrap"]["resamples"].get<int>(), 50);
    for (const char* interval : {"val_mean", "test_mean", "ensemble_val", "ensemble_test"})
        QVERIFY2(e["bootstrap"][interval][0].is_null() && e["bootstrap"][interval][1].is_null(), interval);
    QVERIFY(e["val"]["std"].is_null());
    QVERIFY(e["val"]["ci95"][0].is_null());
    QVERIFY(e["val_test_correlation"]["pearson"].is_null());
    QCOMPARE(e["k_ensembles"]["3"]["count"].get<int>(), 0);
    QVERIFY(e["k_ensembles"]["3"]["val_mean"].is_null());
    QCOMPARE(e["ensemble"]["val"].get<double>(), e["seeds"][0]["val"].get<double>());
    QCOMPARE(e["ensemble_gain"]["val"].get<double>(), 0.0);
    QCOMPARE(j["groups"].size(), 1u);
    QVERIFY(j["groups"][0]["across_experiments"]["seeds"]["kendall"].is_null());
    QVERIFY(j["groups"][0]["across_experiments"]["seeds"]["ci95"].is_null());
    QVERIFY(j["groups"][0]["pick"]["by_ensemble"].is_null());  // one seed: no ensemble to pick
    QVERIFY(j["groups"][0]["pick"]["by_stability"].is_null()); // nor a range to judge
    QCOMPARE(w.groups.front().whyNoPickByStability(),
             QStringLiteral("no experiment with two seeds and a defined validation range"));
    QVERIFY(StatisticsJson::toJson(w, options).indexOf("nan") < 0);
}

void TestStatistics::correlationsNeedThreePointsAndIntervalsFour()
{
    // Any two points lie on a line: r = ±1 from them is noise, so none is reported.
    const Correlation two = Correlation::of({1, 2}, {3, 1});
    QCOMPARE(two.n, 2);
    QVERIFY(std::isnan(two.pearson) && std::isnan(two.spearman) && std::isnan(two.kendall));
    QCOMPARE(two.pearsonText(), QStringLiteral("r: too few points (n = 2)"));
    const Correlation three = Correlation::of({1, 2, 3}, {1, 3, 2});
    QCOMPARE(three.pearson, 0.5);
    QVERIFY(std::isnan(three.pearsonCi95[0]));
    QCOMPARE(three.pearsonText(), QStringLiteral("r = 0.50 (n = 3, too few for an interval)"));
    // scipy: pearsonr gives r; the interval is tanh(atanh(r) ± 1.959964 / sqrt(n − 3)).
    const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7}, y = {2, 1, 4, 3, 7, 5, 6};
    const Correlation seven = Correlation::of(x, y);
    const double r = seven.pearson;
    QVERIFY(std::abs(r - 0.8214285714285714) < 1e-12);
    QVERIFY(std::abs(seven.pearsonCi95[0] - std::tanh(std::atanh(r) - 1.959964 / 2)) < 1e-12);
    QVERIFY(std::abs(seven.pearsonCi95[1] - std::tanh(std::atanh(r) + 1.959964 / 2)) < 1e-12);
    QVERIFY(seven.spearmanCi95[0] < seven.spearman && seven.spearman < seven.spearmanCi95[1]);
    QCOMPARE(seven.pearsonText(), QStringLiteral("r = 0.82 (95% 0.18–0.97, n = 7)"));
    // r = 1 exactly: the degenerate interval [1, 1].
    const Correlation line = Correlation::of({1, 2, 3, 4}, {2, 4, 6, 8});
    QCOMPARE(line.pearsonCi95[0], 1.0);
    QCOMPARE(line.pearsonCi95[1], 1.0);
    // No correlation at all computes as about ±1e-16: the text says 0, not -2.6e-16.
    const Correlation none = Correlation::of({1, 2, 3, 4, 5}, {1, 3, 2, 3, 1});
    QVERIFY(std::abs(none.pearson) < 1e-9);
    QVERIFY2(none.pearsonText().startsWith(QStringLiteral("r = 0 (95% ")), qPrintable(none.pearsonText()));
    QCOMPARE(Correlation::coefficientText(-2.6e-16), QStringLiteral("0"));
    QCOMPARE(Correlation::coefficientText(-0.0123), QStringLiteral("-0.012"));
    // Two significant digits keep their trailing zero: the precision they claim.
    QCOMPARE(Correlation::coefficientText(-0.6008), QStringLiteral("-0.60"));
    QCOMPARE(Correlation::coefficientText(0.008047), QStringLiteral("0.0080"));
    QCOMPARE(Correlation::coefficientText(-0.5), QStringLiteral("-0.50"));
    QCOMPARE(Correlation::coefficientText(0.1), QStringLiteral("0.10"));
    QCOMPARE(Correlation::coefficientText(0.0999), QStringLiteral("0.10"));
    QCOMPARE(Correlation::coefficientText(Correlation::kNaN), QStringLiteral("—")); // undefined, never "nan"
    // Close to ±1 is not ±1: digits are added until it no longer reads as a perfect correlation.
    QCOMPARE(Correlation::coefficientText(0.99677), QStringLiteral("0.997"));
    QCOMPARE(Correlation::coefficientText(-0.99996), QStringLiteral("-0.99996"));
    QCOMPARE(Correlation::coefficientText(1.0), QStringLiteral("1"));
    const Correlation high = Correlation::of({1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6.2});
    QVERIFY2(high.pearsonText().startsWith(QStringLiteral("r = 0.999 (95% 0.995–0.9999, n = 6)")),
             qPrintable(high.pearsonText()));
}

namespace {

// Two experiments scored by R² whose validation truth is constant: every validation score is
// undefined (0 / 0), the test scores are not.
std::vector<ExperimentResults> constantValidationTruth()
{
    std::vector<ExperimentResults> both;
    for (const QString& name : {QStringLiteral("a"), QStringLiteral("b")}) {
        ExperimentResults r = syntheticRegression(5, 12);
        r.name = name;
        r.labels.metric = Metric::R2;
        std::fill(r.labels.validation.begin(), r.labels.validation.end(), 0.5);
        if (name == QStringLiteral("b"))
            for (SeedResult& seed : r.seeds)
                for (double& p : seed.testPredictions)
                    p += 0.2;
        const EnsembleScorer scorer(r);
        for (int s = 0; s < 5; ++s) {
            r.seeds[s].validationScore = scorer.score({s}).validation;
            r.seeds[s].testScore = scorer.score({s}).test;
        }
        both.push_back(r);
    }
    return both;
}

} // namespace

// Ranks of undefined scores mean nothing: Spearman and Kendall were numbers, P(better) 0 both ways,
// and both picks named an experiment whose every validation score is undefined.
void TestStatistics::undefinedScoresMakeComparisonsUndefined()
{
    const std::vector<ExperimentResults> results = constantValidationTruth();
    QVERIFY(std::isnan(results[0].seeds[0].validationScore));
    QVERIFY(std::isfinite(results[0].seeds[0].testScore));
    StatisticsOptions options;
    options.bootstrapResamples = 200;
    const WorkspaceStatistics w = WorkspaceStatistics::compute(results, options);
    QCOMPARE(w.groups.size(), size_t(1));
    const Correlation& within = w.experiments[0].validationTest;
    QVERIFY(within.undefinedScore);
    QVERIFY(std::isnan(within.pearson) && std::isnan(within.spearman) && std::isnan(within.kendall));
    QVERIFY(std::isnan(within.spearmanCi95[0]) && std::isnan(within.kendallCi95[0]));
    QCOMPARE(within.pearsonText(), QStringLiteral("r undefined: a score is undefined (n = 5)"));
    const WorkspaceStatistics::Group& g = w.groups[0];
    QVERIFY(std::isnan(g.acrossSeeds.spearman) && std::isnan(g.acrossSeeds.kendall));
    QVERIFY(std::isnan(g.acrossEnsembles.spearman) && std::isnan(g.acrossEnsembles.kendall));
    QCOMPARE(g.comparisons.size(), size_t(2));
    for (const auto& c : g.comparisons)
        QVERIFY(std::isnan(c.pBetterValidation));
    // Test scores are defined: P(a better) + P(b better) = 1.
    QCOMPARE(g.comparisons[0].pBetterTest + g.comparisons[1].pBetterTest, 1.0);
    QVERIFY(g.pickByEnsemble.isEmpty());
    QVERIFY(g.pickByStability.isEmpty());
    const json j = json::parse(StatisticsJson::toJson(w, options).toStdString());
    QVERIFY(j["groups"][0]["comparisons"][0]["p_better_val"].is_null());
    QVERIFY(j["groups"][0]["pick"]["by_ensemble"].is_null());
    QVERIFY(j["experiments"][0]["val_test_correlation"]["spearman"].is_null());
    QVERIFY(j["experiments"][0]["val_test_correlation"]["kendall_ci95"].is_null());
    // One undefined score among defined ones: no summary of them is defined either.
    const Spread mixed = Spread::of({0.5, std::nan(""), 0.7}, true);
    QVERIFY(std::isnan(mixed.range) && std::isnan(mixed.min) && std::isnan(mixed.max) &&
            std::isnan(mixed.iqm));
    QVERIFY(std::isnan(mixed.mean) && std::isnan(mixed.ciLow));
    QCOMPARE(mixed.expectedBest.size(), size_t(3));
    QVERIFY(std::isnan(mixed.expectedBest[2]));
    QCOMPARE(WorkspaceStatistics::probabilityBetter({1, std::nan("")}, {0.5}, true) ==
                 WorkspaceStatistics::probabilityBetter({1, std::nan("")}, {0.5}, true),
             false); // NaN
}

void TestStatistics::kendallIntervalIsABootstrapOfThePoints()
{
    const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8}, y = {2, 1, 4, 3, 6, 5, 8, 7};
    QVERIFY(std::isnan(Correlation::of(x, y).kendallCi95[0])); // only when asked for
    const Correlation c = Correlation::of(x, y, 2000, 7);
    QVERIFY(std::abs(c.kendall - 0.7142857142857143) < 1e-12); // scipy.stats.kendalltau
    QVERIFY(c.kendallCi95[0] < c.kendall && c.kendall < c.kendallCi95[1]);
    QVERIFY(c.kendallCi95[0] >= -1 && c.kendallCi95[1] <= 1);
    const Correlation again = Correlation::of(x, y, 2000, 7);
    QCOMPARE(again.kendallCi95[0], c.kendallCi95[0]);
    QCOMPARE(again.kendallCi95[1], c.kendallCi95[1]);
    // Monotone points: every resample is monotone too (repeated points tie in both), so [1, 1].
    const Correlation monotone = Correlation::of(x, x, 500, 1);
    QCOMPARE(monotone.kendallCi95[0], 1.0);
    QCOMPARE(monotone.kendallCi95[1], 1.0);
    // stats --bootstrap gives it for every correlation; without, null.
    const ExperimentResults r = syntheticRegression(6, 20);
    StatisticsOptions options;
    options.bootstrapResamples = 300;
    const json j = json::parse(
        StatisticsJson::toJson(WorkspaceStatistics::compute({r}, options), options).toStdString());
    QVERIFY(j["experiments"][0]["val_test_correlation"]["kendall_ci95"].is_array());
    QVERIFY(j["groups"][0]["across_experiments"]["seeds"]["kendall_ci95"].is_array());
    options.bootstrapResamples = 0;
    const json without = json::parse(
        StatisticsJson::toJson(WorkspaceStatistics::compute({r}, options), options).toStdString());
    QVERIFY(without["experiments"][0]["val_test_correlation"]["kendall_ci95"].is_null());
}

// One seed has a range of 0: it said nothing about spread, yet won "smallest range".
void TestStatistics::stabilityPickNeedsTwoSeeds()
{
    ExperimentResults one = syntheticRegression(1, 10);
    one.name = QStringLiteral("one");
    ExperimentResults three = syntheticRegression(3, 10);
    three.name = QStringLiteral("three");
    ExperimentResults five = syntheticRegression(5, 10);
    five.name = QStringLiteral("five");
    const WorkspaceStatistics w = WorkspaceStatistics::compute({one, three, five}, StatisticsOptions());
    QCOMPARE(w.groups.size(), size_t(1));
    QCOMPARE(w.experiments[0].validation.range, 0.0);
    QVERIFY(w.experiments[1].validation.range > 0);
    // Five holds three's seeds and two more, so its range is no smaller: a tie at most (the better
    // mean then). Never the one seed's range of 0.
    const QString pick = w.groups[0].pickByStability;
    QVERIFY2(pick == QStringLiteral("three") || pick == QStringLiteral("five"), qPrintable(pick));
    // Beside one seed alone, three is the only candidate: no pick.
    const WorkspaceStatistics two = WorkspaceStatistics::compute({one, three}, StatisticsOptions());
    QVERIFY(two.groups[0].pickByStability.isEmpty());
    QCOMPARE(two.groups[0].whyNoPickByStability(),
             QStringLiteral("three is the only candidate, and a pick among one compares nothing"));
}

// At the default limits the curve's k = 3 was a sample of 200 where k_ensembles used all 220:
// two numbers for one quantity. Where every subset fits the subset limit, both use every subset.
void TestStatistics::curveEqualsKEnsemblesWhereEverySubsetFits()
{
    const ExperimentResults r = syntheticRegression(12, 15);
    StatisticsOptions options; // subset limit 1000, curve sample 200
    options.ks = {3, 6};
    const ExperimentStatistics s = ExperimentStatistics::compute(r, options);
    for (int k : {3, 6}) { // C(12, 3) = 220 and C(12, 6) = 924
        const EnsembleScorer::SizeSummary& point = s.sizeCurve[k - 1];
        QVERIFY(point.exhaustive);
        QCOMPARE(point.count, s.kEnsembles(k)->count);
        QCOMPARE(point.validationMean, s.kEnsembles(k)->validationMean);
        QCOMPARE(point.testMax, s.kEnsembles(k)->testMax);
    }
    // Beyond the subset limit the curve takes its own, smaller sample.
    const ExperimentResults fourteen = syntheticRegression(14, 15); // the scorer keeps a reference
    const EnsembleScorer scorer(fourteen);
    const auto curve = scorer.sizeCurve(1000, 4, 3);
    QVERIFY(curve[2].exhaustive); // C(14, 3) = 364
    QCOMPARE(curve[2].count, 364);
    QVERIFY(!curve[6].exhaustive); // C(14, 7) = 3432
    QCOMPARE(curve[6].count, 4);
}

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
