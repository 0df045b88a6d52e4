// Statistics against golden values computed independently with numpy and scipy
// (tests/data/stats/make_golden.py), edge cases, sampling and bootstrap.
#include "common/inputerror.h"
#include "common/storageerror.h"
#include "experiment/experimentnames.h"
#include "stats/ensemblescorer.h"
#include "stats/statisticsjson.h"
#include "stats/studentt.h"
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"
#include "store/labelsfile.h"
#include "store/predictionimporter.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
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
    void undefinedNumbersAreNull();
    void correlationsNeedThreePointsAndIntervalsFour();
    void importRejects_data();
    void importRejects();
    void importRefusesOtherLabelsForTheSameName();
    void importRefusesStoredSeedsUnlessReplacing();
    void importIsAllOrNothingWhenWritingFails();
    void importNamesMustFitAFileNameInBytes();
    void importFinishesOrRemovesStaleStaging();
};

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
    const auto all = scorer.sizeCurve(1000, 0);
    QCOMPARE(all[2].count, 20); // C(6, 3)
    QVERIFY(all[2].exhaustive);
    // A limit of 19: 19 distinct subsets of the 20, so their sum is the total minus one subset's.
    const auto sampled = scorer.sizeCurve(19, 1);
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
    const auto small = scorer.sizeCurve(4, 2);
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

void TestStatistics::undefinedNumbersAreNull()
{
    const ExperimentResults r = syntheticRegression(1, 10);
    StatisticsOptions options;
    options.ks = {3};
    WorkspaceStatistics w = WorkspaceStatistics::compute({r}, options);
    const json j = json::parse(StatisticsJson::toJson(w, options).toStdString());
    const json& e = j["experiments"][0];
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
    QCOMPARE(j["groups"][0]["pick"]["by_ensemble"].get<std::string>(), std::string("synthetic"));
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
    QCOMPARE(three.pearsonText(), QStringLiteral("r = 0.5 (n = 3, too few for an interval)"));
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
}

void TestStatistics::importRejects_data()
{
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<QByteArray>("predictions");
    QTest::addColumn<int>("task");
    QTest::addColumn<QString>("message");
    const QByteArray labels = "split,row,label\nval,0,1\nval,1,0\ntest,0,1\n";
    const QByteArray binaryOk = "experiment,seed,split,row,prediction\n";
    QTest::addRow("missing label column")
        << QByteArray("split,row,value\nval,0,1\n") << binaryOk << int(Task::Binary)
        << "L.csv:1: missing column 'label' (the header must have split,row,label)";
    QTest::addRow("missing prediction column")
        << labels << QByteArray("experiment,seed,split,row,p\n") << int(Task::Binary)
        << "P.csv:1: missing column 'prediction' (the header must have experiment,seed,split,row,prediction)";
    QTest::addRow("unknown split in labels")
        << QByteArray("split,row,label\nvalid,0,1\n") << binaryOk << int(Task::Binary)
        << "L.csv:2: column 'split': split 'valid' is not val or test";
    QTest::addRow("label not a class")
        << QByteArray("split,row,label\nval,0,2\n") << binaryOk << int(Task::Binary)
        << "L.csv:2: column 'label': a binary label must be a class index from 0 to 1, got '2'";
    QTest::addRow("labelled twice") << QByteArray("split,row,label\nval,0,1\nval,0,0\n") << binaryOk
                                    << int(Task::Binary)
                                    << "L.csv:3: column 'row': val row 0 is labelled twice (first on line 2)";
    QTest::addRow("gap in labels") << QByteArray("split,row,label\nval,0,1\nval,2,0\ntest,0,1\n") << binaryOk
                                   << int(Task::Binary)
                                   << "L.csv: val rows must count from 0 without gaps: row 1 is missing";
    QTest::addRow("unknown split in predictions")
        << labels << QByteArray(binaryOk + "a,1,train,0,0.5\n") << int(Task::Binary)
        << "P.csv:2: column 'split': split 'train' is not val or test";
    QTest::addRow("row without label")
        << labels << QByteArray(binaryOk + "a,1,test,1,0.5\n") << int(Task::Binary)
        << "P.csv:2: column 'row': test row 1 has no label in L.csv (it labels test rows 0 to 0)";
    QTest::addRow("row twice")
        << labels << QByteArray(binaryOk + "a,1,val,0,0.5\na,1,val,0,0.6\n") << int(Task::Binary)
        << "P.csv:3: column 'row': experiment 'a' seed 1 predicts val row 0 twice (first on line 2)";
    QTest::addRow("row missing")
        << labels << QByteArray(binaryOk + "a,1,val,0,0.5\na,1,val,1,0.2\n") << int(Task::Binary)
        << "P.csv: experiment 'a' seed 1 has no prediction for test row 0 (first seen on line 2)";
    QTest::addRow("probability above 1")
        << labels << QByteArray(binaryOk + "a,1,val,0,1.5\n") << int(Task::Binary)
        << "P.csv:2: column 'prediction': a probability must be between 0 and 1, got '1.5'";
    QTest::addRow("not a number") << labels << QByteArray(binaryOk + "a,1,val,0,high\n") << int(Task::Binary)
                                  << "P.csv:2: column 'prediction': not a number: 'high'";
    QTest::addRow("bad seed")
        << labels << QByteArray(binaryOk + "a,-3,val,0,0.5\n") << int(Task::Binary)
        << "P.csv:2: column 'seed': a seed must be a whole number from 0 to 18446744073709551615, got '-3'";
    QTest::addRow("multiclass sum") << QByteArray("split,row,label\nval,0,2\ntest,0,1\n")
                                    << QByteArray(
                                           "experiment,seed,split,row,p_0,p_1,p_2\na,1,val,0,0.2,0.2,0.5\n")
                                    << int(Task::Multiclass)
                                    << "P.csv:2: the class probabilities sum to 0.9, not 1 (within 1e-06)";
    QTest::addRow("multiclass columns")
        << QByteArray("split,row,label\nval,0,2\ntest,0,1\n")
        << QByteArray("experiment,seed,split,row,prediction\n") << int(Task::Multiclass)
        << "P.csv:1: missing columns 'p_0', 'p_1', … (multiclass predictions need one probability column per "
           "class)";
    QTest::addRow("regression label text")
        << QByteArray("split,row,label\nval,0,tall\n") << binaryOk << int(Task::Regression)
        << "L.csv:2: column 'label': not a number: 'tall'";
}

void TestStatistics::importRejects()
{
    QFETCH(QByteArray, labels);
    QFETCH(QByteArray, predictions);
    QFETCH(int, task);
    QFETCH(QString, message);
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("L.csv")), labels);
    writeFile(dir.filePath(QStringLiteral("P.csv")), predictions);
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    const Metric metric = Task(task) == Task::Regression ? Metric::RMSE
                          : Task(task) == Task::Binary   ? Metric::AUC
                                                         : Metric::Accuracy;
    try {
        PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                       dir.filePath(QStringLiteral("L.csv")), Task(task), metric);
        QFAIL("malformed input was imported");
    } catch (const InputError& e) {
        QCOMPARE(e.message().replace(dir.path() + QLatin1Char('/'), QString()), message);
    }
    QVERIFY(!QDir(dir.filePath(QStringLiteral("ws/results"))).exists()); // nothing written
}

void TestStatistics::importRefusesOtherLabelsForTheSameName()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("L.csv")), "split,row,label\nval,0,1.5\ntest,0,2.5\n");
    writeFile(dir.filePath(QStringLiteral("L2.csv")), "split,row,label\nval,0,9\ntest,0,2.5\n");
    writeFile(dir.filePath(QStringLiteral("P.csv")),
              "experiment,seed,split,row,prediction\na,1,val,0,1\na,1,test,0,2\n");
    writeFile(dir.filePath(QStringLiteral("P2.csv")),
              "experiment,seed,split,row,prediction\na,2,val,0,1\na,2,test,0,3\n");
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                   dir.filePath(QStringLiteral("L.csv")), Task::Regression, Metric::MAE);
    // More seeds with the same labels join the experiment.
    PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P2.csv")),
                                   dir.filePath(QStringLiteral("L.csv")), Task::Regression, Metric::MAE);
    QCOMPARE(ExperimentResults::load(workspace.resultsFolder(QStringLiteral("a")), QStringLiteral("a"))
                 .seeds.size(),
             size_t(2));
    QVERIFY_THROWS_EXCEPTION(InputError,
                             PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P2.csv")),
                                                            dir.filePath(QStringLiteral("L2.csv")),
                                                            Task::Regression, Metric::MAE));
}

namespace {

const QByteArray kLabels = "split,row,label\nval,0,1.5\ntest,0,2.5\n";

// Imports predictions (header added) with kLabels as a regression scored by MAE.
void importText(const Workspace& workspace, const QTemporaryDir& dir, const QByteArray& rows,
                ImportWriter::StoredSeeds stored = ImportWriter::StoredSeeds::Refuse)
{
    writeFile(dir.filePath(QStringLiteral("L.csv")), kLabels);
    writeFile(dir.filePath(QStringLiteral("P.csv")), "experiment,seed,split,row,prediction\n" + rows);
    PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                   dir.filePath(QStringLiteral("L.csv")), Task::Regression, Metric::MAE,
                                   stored);
}

QStringList stagingFolders(const Workspace& workspace)
{
    return QDir(workspace.path() + QStringLiteral("/results"))
        .entryList({QStringLiteral(".import-*")}, QDir::Dirs | QDir::Hidden);
}

} // namespace

void TestStatistics::importRefusesStoredSeedsUnlessReplacing()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    importText(workspace, dir, "b,1,val,0,1\nb,1,test,0,2\n");
    const auto testPrediction = [&] {
        return ResultStore(workspace.resultsFolder(QStringLiteral("b"))).find(1, true)->testPredictions.at(0);
    };
    QCOMPARE(testPrediction(), 2.0);
    // A new experiment and a stored seed of another: nothing at all is imported.
    try {
        importText(workspace, dir, "a,7,val,0,1\na,7,test,0,2\nb,1,val,0,1\nb,1,test,0,3\n");
        QFAIL("a stored seed was silently replaced");
    } catch (const InputError& e) {
        QCOMPARE(e.message().replace(dir.path() + QLatin1Char('/'), QString()),
                 QStringLiteral(
                     "P.csv:4: column 'seed': experiment 'b' already has seed 1 (ws/results/b/seed-1.json); "
                     "nothing was imported. Use --replace to replace stored seeds on purpose"));
    }
    QVERIFY(!QFileInfo::exists(workspace.resultsFolder(QStringLiteral("a"))));
    QCOMPARE(testPrediction(), 2.0);
    QVERIFY(stagingFolders(workspace).isEmpty());
    // On purpose, it replaces.
    importText(workspace, dir, "a,7,val,0,1\na,7,test,0,2\nb,1,val,0,1\nb,1,test,0,3\n",
               ImportWriter::StoredSeeds::Replace);
    QCOMPARE(testPrediction(), 3.0);
    QCOMPARE(ResultStore(workspace.resultsFolder(QStringLiteral("a"))).finishedCount(), 1);
    QCOMPARE(ResultStore(workspace.resultsFolder(QStringLiteral("b"))).finishedCount(), 1);
    QVERIFY(stagingFolders(workspace).isEmpty());
}

void TestStatistics::importIsAllOrNothingWhenWritingFails()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    // The second experiment cannot be written: its results folder is taken by a file.
    QVERIFY(QDir().mkpath(workspace.path() + QStringLiteral("/results")));
    writeFile(workspace.resultsFolder(QStringLiteral("b")), "in the way");
    QVERIFY_THROWS_EXCEPTION(
        StorageError, importText(workspace, dir, "a,1,val,0,1\na,1,test,0,2\nb,1,val,0,1\nb,1,test,0,2\n"));
    QVERIFY(!QFileInfo::exists(workspace.resultsFolder(QStringLiteral("a"))));
    QVERIFY(stagingFolders(workspace).isEmpty());
}

void TestStatistics::importNamesMustFitAFileNameInBytes()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    // 85 characters, 255 bytes: NAME.experiment.json would be 271 bytes.
    const QString tooLong = QString(85, QChar(0x20AC));
    try {
        importText(
            workspace, dir,
            (tooLong + QStringLiteral(",1,val,0,1\n") + tooLong + QStringLiteral(",1,test,0,2\n")).toUtf8());
        QFAIL("a name too long for a file name was imported");
    } catch (const InputError& e) {
        QCOMPARE(
            e.message().replace(dir.path() + QLatin1Char('/'), QString()),
            QStringLiteral("P.csv:2: column 'experiment': experiment name is 255 bytes long in UTF-8; file "
                           "names allow at most 239 bytes for it (255 with the suffix .experiment.json)"));
    }
    QVERIFY(!QDir(workspace.path() + QStringLiteral("/results")).exists());
    const QString fits = QString(79, QChar(0x20AC)); // 237 bytes
    importText(workspace, dir,
               (fits + QStringLiteral(",1,val,0,1\n") + fits + QStringLiteral(",1,test,0,2\n")).toUtf8());
    QCOMPARE(ResultStore(workspace.resultsFolder(fits)).finishedCount(), 1);
}

void TestStatistics::importFinishesOrRemovesStaleStaging()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    const QString results = workspace.path() + QStringLiteral("/results");
    ExperimentLabels labels;
    labels.metric = Metric::MAE;
    labels.validation = {1.5};
    labels.test = {2.5};
    SeedResult seed;
    seed.seed = 3;
    seed.metric = Metric::MAE;
    seed.validationPredictions = {1};
    seed.testPredictions = {2};
    seed.startedAt = QDateTime::currentDateTimeUtc();
    // What two killed imports left: one still writing (no mark), one that had committed.
    for (const QString& staged : {QStringLiteral(".import-dead/experiments/half"),
                                  QStringLiteral(".import-done/experiments/whole")}) {
        LabelsFile::write(labels, results + QLatin1Char('/') + staged);
        ResultStore(results + QLatin1Char('/') + staged).save(seed);
    }
    writeFile(results + QStringLiteral("/.import-done/complete"), "1\n");
    QStringList problems;
    QVERIFY(ExperimentResults::loadWorkspace(workspace.path(), &problems).empty()); // readers skip staging
    QVERIFY(problems.isEmpty());

    importText(workspace, dir, "a,1,val,0,1\na,1,test,0,2\n");
    QVERIFY(stagingFolders(workspace).isEmpty());
    const auto all = ExperimentResults::loadWorkspace(workspace.path(), &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QCOMPARE(all.size(), size_t(2));
    QCOMPARE(all[0].name, QStringLiteral("a"));
    QCOMPARE(all[1].name, QStringLiteral("whole"));
    QCOMPARE(all[1].seeds.size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
