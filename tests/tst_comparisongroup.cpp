// Comparison groups: experiments share one only when scored on the same rows (docs/statistics.md).
#include "stats/comparisongroup.h"
#include "stats/statisticsjson.h"
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"
#include "store/labelsfile.h"
#include "store/storeddefinition.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seedscape;

namespace {

ExperimentLabels regressionLabels(double shift)
{
    ExperimentLabels labels;
    labels.task = Task::Regression;
    labels.metric = Metric::RMSE;
    labels.validation = {1.0 + shift, 2.0, 3.5};
    labels.test = {0.5, 4.0};
    return labels;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

// results/NAME with labels.json and a definition.json reading dataPath (workspace-relative).
QString storeExperiment(const QString& workspace, const QString& name, const QString& dataPath,
                        const ExperimentLabels& labels, quint64 splitSeed = 42)
{
    const QString folder = workspace + QStringLiteral("/results/") + name;
    QDir().mkpath(folder);
    LabelsFile::write(labels, folder);
    Experiment e;
    e.name = name;
    e.dataset.path = dataPath;
    e.dataset.target = QStringLiteral("y");
    e.dataset.task = Task::Regression;
    e.dataset.split.seed = splitSeed;
    e.metric = Metric::RMSE;
    StoredDefinition::write(e, folder);
    return folder;
}

ExperimentStatistics statisticsOf(const QString& name, const ComparisonGroup& group,
                                  std::vector<double> scores)
{
    ExperimentStatistics s;
    s.name = name;
    s.metric = group.metric;
    s.group = group;
    for (size_t i = 0; i < scores.size(); ++i)
        s.seeds.push_back({i, scores[i], scores[i] + 0.1});
    s.validation.range = 1;
    s.ensembleValidation = scores.front();
    s.ensembleTest = scores.front();
    return s;
}

// The group of a results folder as loading it finds it: by its stored definition, if any.
ComparisonGroup groupOfFolder(const QString& resultsFolder, const ExperimentLabels& labels)
{
    ExperimentResults results;
    results.folder = resultsFolder;
    results.labels = labels;
    results.definition = ExperimentResults::readDefinition(resultsFolder);
    return ComparisonGroup::of(results);
}

} // namespace

class TestComparisonGroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importedExperimentsGroupByTheirLabels();
    void definedExperimentsGroupByDataTargetAndSplit();
    void aChangedDataFileIsHashedAgain();
    void nothingIsComparedAcrossGroups();
};

void TestComparisonGroup::importedExperimentsGroupByTheirLabels()
{
    const ComparisonGroup a = ComparisonGroup::ofLabels(regressionLabels(0));
    QCOMPARE(ComparisonGroup::ofLabels(regressionLabels(0)).key, a.key);
    QVERIFY(ComparisonGroup::ofLabels(regressionLabels(0.25)).key != a.key);
    ExperimentLabels otherMetric = regressionLabels(0);
    otherMetric.metric = Metric::MAE;
    QVERIFY(ComparisonGroup::ofLabels(otherMetric).key != a.key);
    QVERIFY(!a.defined);
    QCOMPARE(a.validationRows, 3);
    QVERIFY(a.description().startsWith(QStringLiteral("imported labels")));
}

void TestComparisonGroup::definedExperimentsGroupByDataTargetAndSplit()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("a.csv")), "x,y\n1,2\n3,4\n");
    writeFile(dir.filePath(QStringLiteral("b.csv")), "x,y\n1,2\n3,5\n");
    const ExperimentLabels labels = regressionLabels(0);
    const auto group = [&](const QString& name, const QString& data, quint64 splitSeed = 42) {
        return groupOfFolder(storeExperiment(dir.path(), name, data, labels, splitSeed), labels);
    };
    const ComparisonGroup one = group(QStringLiteral("one"), QStringLiteral("a.csv"));
    const ComparisonGroup two = group(QStringLiteral("two"), QStringLiteral("a.csv"));
    QVERIFY(one.defined);
    QCOMPARE(one.dataHash.size(), 16);
    QCOMPARE(two.key, one.key);
    // The same truth rows from other data, or another split, are other rows: another group.
    QVERIFY(group(QStringLiteral("three"), QStringLiteral("b.csv")).key != one.key);
    QVERIFY(group(QStringLiteral("four"), QStringLiteral("a.csv"), 7).key != one.key);
    QVERIFY(one.key != ComparisonGroup::ofLabels(labels).key);
    QVERIFY2(one.description().contains(QStringLiteral("a.csv")) &&
                 one.description().contains(QStringLiteral("split 0.2/0.2 seed 42")),
             qPrintable(one.description()));
    QVERIFY(one.key.startsWith(QStringLiteral("definition:")));
    // The same definition scored on other truth rows (the file changed between runs): apart.
    const QString oneFolder = dir.filePath(QStringLiteral("results/one"));
    QVERIFY(groupOfFolder(oneFolder, regressionLabels(0.5)).key != one.key);
    // A data file gone since: still grouped, and said so.
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("a.csv"))));
    const ComparisonGroup gone = groupOfFolder(oneFolder, labels);
    QVERIFY(gone.dataHash.isEmpty());
    QVERIFY(gone.description().contains(QStringLiteral("file not found")));
    // Results without a stored definition are known by their labels.
    const QString bare = dir.filePath(QStringLiteral("results/bare"));
    QDir().mkpath(bare);
    QCOMPARE(groupOfFolder(bare, labels).key, ComparisonGroup::ofLabels(labels).key);
}

void TestComparisonGroup::aChangedDataFileIsHashedAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("data.csv"));
    writeFile(path, "x,y\n1,2\n");
    const QString before = ComparisonGroup::fileHash(path);
    QCOMPARE(ComparisonGroup::fileHash(path), before);
    writeFile(path, "x,y\n1,2\n3,4\n");
    QVERIFY(ComparisonGroup::fileHash(path) != before);
    QVERIFY(ComparisonGroup::fileHash(dir.filePath(QStringLiteral("missing.csv"))).isEmpty());
}

void TestComparisonGroup::nothingIsComparedAcrossGroups()
{
    const ComparisonGroup first = ComparisonGroup::ofLabels(regressionLabels(0));
    const ComparisonGroup second = ComparisonGroup::ofLabels(regressionLabels(1));
    const WorkspaceStatistics w =
        WorkspaceStatistics::fromExperiments({statisticsOf(QStringLiteral("a"), first, {1, 2, 3}),
                                              statisticsOf(QStringLiteral("b"), second, {0.5, 1}),
                                              statisticsOf(QStringLiteral("c"), first, {2, 3, 4, 5})});
    QCOMPARE(w.groups.size(), size_t(2));
    QCOMPARE(w.groups[0].experiments, QStringList({QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(w.groups[1].experiments, QStringList({QStringLiteral("b")}));
    QCOMPARE(w.groups[0].comparisons.size(), size_t(2)); // a vs c, c vs a
    QCOMPARE(w.groups[0].comparisons[0].seedsA, 3);
    QCOMPARE(w.groups[0].comparisons[0].seedsB, 4);
    QVERIFY(w.groups[1].comparisons.empty());
    QCOMPARE(w.groups[0].acrossSeeds.n, 7); // a's and c's seeds, none of b's
    // b is alone on its rows: nothing to pick it against (a and c do not count).
    QVERIFY(w.groups[1].pickByEnsemble.isEmpty());
    QCOMPARE(w.groups[1].whyNoPickByEnsemble(),
             QStringLiteral("b is the only candidate, and a pick among one compares nothing"));
    QVERIFY(!w.groups[0].pickByEnsemble.isEmpty());
    QCOMPARE(w.groupOf(QStringLiteral("c")), &w.groups[0]);

    const auto j = nlohmann::json::parse(StatisticsJson::toJson(w, {}).toStdString());
    QVERIFY(!j.contains("comparisons") && !j.contains("pick"));
    QCOMPARE(j["groups"].size(), 2u);
    QCOMPARE(j["groups"][0]["experiments"], nlohmann::json::array({"a", "c"}));
    QCOMPARE(j["groups"][0]["comparisons"][0]["n_a"].get<int>(), 3);
    QCOMPARE(j["groups"][1]["data"]["source"].get<std::string>(), std::string("labels"));
    QCOMPARE(j["groups"][0]["across_experiments"]["ensembles"]["n"].get<int>(), 2);
    QVERIFY(j["groups"][0]["across_experiments"]["ensembles"]["pearson"].is_null()); // 2 points: none
}

QTEST_GUILESS_MAIN(TestComparisonGroup)
#include "tst_comparisongroup.moc"
