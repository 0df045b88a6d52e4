// Runs the real seedscape-cli binary as a user or a script would: import and stats, damaged
// and missing files that stats reports and run repairs.
#include "store/resultstore.h"
#include "support/processprobe.h"
#include "support/sampledata.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seedscape::testsupport;

class TestCliStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importThenStatsGivesTheGoldenValues();
    void statsOfATrainedSweep();
    void fewSeedsAreNoVerdict();
    void statsWarnsOfDamagedSeedsAndRunReplacesThem();
    void runRebuildsLabelsThatStatsReportsMissing();
    void aDamagedDefinitionIsNamedAndRewritten();
    void importRefusesStoredSeedsUnlessReplacing();
    void anExperimentWhoseSeedsAllFailedIsNamed();

private:
    // `run` trains two seeds of "quick" into dir/ws; returns results/quick/FILE as it wrote it, and
    // the run's arguments (to run again).
    static QByteArray trainedQuickFile(const QTemporaryDir& dir, const QString& file, QStringList* runArgs);
};

QByteArray TestCliStats::trainedQuickFile(const QTemporaryDir& dir, const QString& file, QStringList* runArgs)
{
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    *runArgs = {QStringLiteral("run"),         writeQuickExperimentFile(dir.path(), 2),
                QStringLiteral("--workspace"), workspace,
                QStringLiteral("--seeds"),     QStringLiteral("2")};
    const ProgramOutput trained = runCli(*runArgs);
    if (trained.exitCode != 0)
        qWarning("run failed: %s", trained.err.constData());
    QFile written(workspace + QStringLiteral("/results/quick/") + file);
    return written.open(QIODevice::ReadOnly) ? written.readAll() : QByteArray();
}

void TestCliStats::importThenStatsGivesTheGoldenValues()
{
    QTemporaryDir dir;
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/binary_auc_ties");
    const ProgramOutput imported =
        runCli({QStringLiteral("import"), QStringLiteral("--predictions"),
                golden + QStringLiteral("/predictions.csv"), QStringLiteral("--labels"),
                golden + QStringLiteral("/labels.csv"), QStringLiteral("--workspace"), dir.path(),
                QStringLiteral("--task"), QStringLiteral("binary"), QStringLiteral("--metric"),
                QStringLiteral("auc")});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY2(imported.err.contains("imported 7 seeds of 2 experiments"), imported.err.constData());
    // Where the seeds went: a mistyped --workspace would have made a new folder.
    QVERIFY2(imported.err.trimmed().endsWith(", into " + QDir(dir.path()).absolutePath().toUtf8()),
             imported.err.constData());
    const ProgramOutput stats =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), dir.path(), QStringLiteral("--k"),
                QStringLiteral("3,4"), QStringLiteral("--json")});
    QCOMPARE(stats.exitCode, 0);
    const auto actual = nlohmann::json::parse(stats.out.toStdString());
    QFile expectedFile(golden + QStringLiteral("/expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const auto expected = nlohmann::json::parse(expectedFile.readAll().toStdString());
    QCOMPARE(actual["experiments"].size(), expected["experiments"].size());
    for (size_t i = 0; i < expected["experiments"].size(); ++i) {
        const auto& e = expected["experiments"][i];
        const auto& a = actual["experiments"][i];
        QCOMPARE(a["name"], e["name"]);
        const auto same = [](const nlohmann::json& x, const nlohmann::json& y) {
            return x.is_null() ? y.is_null() : std::abs(x.get<double>() - y.get<double>()) < 1e-9;
        };
        for (const char* field : {"mean", "std", "iqm"})
            QVERIFY(same(a["val"][field], e["val"][field]));
        QVERIFY(same(a["ensemble"]["test"], e["ensemble"]["test"]));
        QVERIFY(same(a["k_ensembles"]["4"]["val_mean"], e["k_ensembles"]["4"]["val_mean"]));
        QCOMPARE(a["k_ensembles"]["4"]["count"], e["k_ensembles"]["4"]["count"]);
    }
    QCOMPARE(actual["groups"].size(), 1u); // imported with one set of labels: one group
    QCOMPARE(actual["groups"][0]["pick"], expected["groups"][0]["pick"]);
    // The table names every experiment; a wrong metric for the task is a clear error.
    const ProgramOutput table = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), dir.path()});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("b1") && table.out.contains("pick by ensemble"));
    QVERIFY2(table.out.contains("(4 × 3 seeds)\n"), table.out.constData()); // enough to tell
    const ProgramOutput wrong =
        runCli({QStringLiteral("import"), QStringLiteral("--predictions"),
                golden + QStringLiteral("/predictions.csv"), QStringLiteral("--labels"),
                golden + QStringLiteral("/labels.csv"), QStringLiteral("--workspace"), dir.path(),
                QStringLiteral("--task"), QStringLiteral("binary"), QStringLiteral("--metric"),
                QStringLiteral("rmse")});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY(wrong.err.contains("rmse does not score a binary task"));
}

// Two seeds against one: P(better) is printed with its counts and "too few to tell", and the one
// experiment of two seeds or more is no pick.
void TestCliStats::fewSeedsAreNoVerdict()
{
    QTemporaryDir dir;
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/regression_r2_small");
    QCOMPARE(runCli({QStringLiteral("import"), QStringLiteral("--predictions"),
                     golden + QStringLiteral("/predictions.csv"), QStringLiteral("--labels"),
                     golden + QStringLiteral("/labels.csv"), QStringLiteral("--workspace"), dir.path(),
                     QStringLiteral("--task"), QStringLiteral("regression"), QStringLiteral("--metric"),
                     QStringLiteral("r2")})
                 .exitCode,
             0);
    const ProgramOutput table = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), dir.path()});
    QCOMPARE(table.exitCode, 0);
    const QRegularExpression tooFew(
        QStringLiteral("P\\(pair better than single\\) = [^\n]+ \\(2 × 1 seeds: too few to tell\\)\n"));
    QVERIFY2(tooFew.match(QString::fromUtf8(table.out)).hasMatch(), table.out.constData());
    QVERIFY2(
        table.out.contains("pick by ensemble: — (pair is the only candidate, and a pick among one compares "
                           "nothing)\n"),
        table.out.constData());
}

void TestCliStats::statsOfATrainedSweep()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    QCOMPARE(
        runCli({QStringLiteral("run"), writeQuickExperimentFile(dir.path(), 4), QStringLiteral("--workspace"),
                workspace, QStringLiteral("--seeds"), QStringLiteral("4")})
            .exitCode,
        0);
    // Tags and notes added after the run (outside the fingerprint: the seeds still count).
    const QString file = workspace + QStringLiteral("/quick.experiment.json");
    QFile definition(file);
    QVERIFY(definition.open(QIODevice::ReadOnly));
    auto root = nlohmann::json::parse(definition.readAll().toStdString());
    definition.close();
    root["tags"] = {"baseline", "paper"};
    root["notes"] = "why: the smallest model";
    QVERIFY(definition.open(QIODevice::WriteOnly | QIODevice::Truncate));
    definition.write(QByteArray::fromStdString(root.dump()));
    definition.close();
    const ProgramOutput stats =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json"),
                QStringLiteral("--bootstrap"), QStringLiteral("200")});
    QCOMPARE(stats.exitCode, 0);
    const auto j = nlohmann::json::parse(stats.out.toStdString());
    const auto& e = j["experiments"][0];
    QCOMPARE(e["name"].get<std::string>(), std::string("quick"));
    QCOMPARE(e["tags"], nlohmann::json::array({"baseline", "paper"}));
    QCOMPARE(e["notes"].get<std::string>(), std::string("why: the smallest model"));
    QCOMPARE(e["val"]["n"].get<int>(), 4);
    QCOMPARE(e["k_ensembles"]["3"]["count"].get<int>(), 4);
    QCOMPARE(e["ensemble_size_curve"].size(), size_t(4));
    QCOMPARE(e["bootstrap"]["resamples"].get<int>(), 200);
    QVERIFY(e["val"]["ci95"][0].get<double>() < e["val"]["mean"].get<double>());

    // The text table: every column starts where its header does, with space before it.
    const ProgramOutput table = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(table.exitCode, 0);
    const QStringList lines = QString::fromUtf8(table.out).split(QLatin1Char('\n'));
    const qsizetype header = lines.indexOf(QRegularExpression(QStringLiteral("experiment .*"))); // whole line
    QVERIFY(header >= 0 && header + 1 < lines.size());
    const QString& row = lines[header + 1];
    QVERIFY(row.startsWith(QStringLiteral("quick ")));
    for (const QString& column :
         {QStringLiteral("metric"), QStringLiteral("seeds"), QStringLiteral("val mean"),
          QStringLiteral("val range"), QStringLiteral("test mean"), QStringLiteral("ens val"),
          QStringLiteral("gain val"), QStringLiteral("val/test r")}) {
        const qsizetype at = lines[header].indexOf(column);
        QVERIFY2(at > 0 && at < row.size(), qPrintable(column));
        QVERIFY2(row[at - 1] == QLatin1Char(' ') && row[at] != QLatin1Char(' '),
                 qPrintable(QStringLiteral("%1 misaligned:\n%2\n%3").arg(column, lines[header], row)));
    }
    // One column per size asked for (a repeated size once); k above the seeds is undefined ("—"), not a
    // number.
    const ProgramOutput beyond = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace,
                                         QStringLiteral("--k"), QStringLiteral("2,5,2")});
    QCOMPARE(beyond.exitCode, 0);
    const QStringList beyondLines = QString::fromUtf8(beyond.out).split(QLatin1Char('\n'));
    const qsizetype beyondHeader = beyondLines.indexOf(QRegularExpression(QStringLiteral("experiment .*")));
    QVERIFY(beyondHeader >= 0 && beyondHeader + 1 < beyondLines.size());
    const qsizetype kColumn = beyondLines[beyondHeader].indexOf(QStringLiteral("5-ens val"));
    QVERIFY(kColumn > 0);
    QVERIFY2(beyondLines[beyondHeader + 1].mid(kColumn).startsWith(QStringLiteral("— ")),
             qPrintable(beyondLines[beyondHeader + 1]));
    const qsizetype twoColumn = beyondLines[beyondHeader].indexOf(QStringLiteral("2-ens val"));
    QVERIFY(twoColumn > 0 && twoColumn < kColumn);
    QCOMPARE(beyondLines[beyondHeader].count(QStringLiteral("2-ens val")), 1);
    const ProgramOutput twoJson =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--k"),
                QStringLiteral("2"), QStringLiteral("--json")});
    const double twoMean =
        nlohmann::json::parse(twoJson.out.toStdString())["experiments"][0]["k_ensembles"]["2"]["val_mean"];
    const QString twoCell = beyondLines[beyondHeader + 1].mid(twoColumn).section(QLatin1Char(' '), 0, 0);
    QVERIFY2(std::abs(twoCell.toDouble() - twoMean) <= 1e-4 * std::abs(twoMean), qPrintable(twoCell));
}

void TestCliStats::statsWarnsOfDamagedSeedsAndRunReplacesThem()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString results = workspace + QStringLiteral("/results/quick");
    const QStringList runArgs = {QStringLiteral("run"),         writeQuickExperimentFile(dir.path(), 2),
                                 QStringLiteral("--workspace"), workspace,
                                 QStringLiteral("--seeds"),     QStringLiteral("3")};
    QCOMPARE(runCli(runArgs).exitCode, 0);
    const auto seeds = seedscape::ResultStore(results).load(false);
    QCOMPARE(seeds.size(), size_t(3));
    // One seed's predictions change on disk (a bit flip, a bad copy).
    const QString bin = QStringLiteral("seed-%1.bin").arg(seeds[1].seed);
    QFile f(results + QLatin1Char('/') + bin);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(16);
    f.write("\x7f");
    f.close();

    const ProgramOutput stats =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
    QCOMPARE(stats.exitCode, 0);
    QVERIFY2(stats.err.startsWith("warning: "), stats.err.constData());
    QVERIFY2(stats.err.contains(QStringLiteral("%1: predictions file damaged").arg(bin).toUtf8()),
             stats.err.constData());
    QVERIFY2(stats.err.contains("a damaged seed of 'quick', left out"), stats.err.constData());
    const auto e = nlohmann::json::parse(stats.out.toStdString())["experiments"][0];
    QCOMPARE(e["val"]["n"].get<int>(), 2);
    QCOMPARE(e["damaged_seeds"],
             nlohmann::json::array({QStringLiteral("seed-%1.json").arg(seeds[1].seed).toStdString()}));
    // A figure or a report that quietly drops a seed is what would be published: they warn as stats
    // does, and the report says it in its own text.
    // (A build without the window program cannot draw them.)
    if (SEEDSCAPE_CLI_DRAWS) {
        const QString report = dir.filePath(QStringLiteral("report.html"));
        for (const QStringList& drawing :
             {QStringList{QStringLiteral("plot"), QStringLiteral("--out"),
                          dir.filePath(QStringLiteral("plot.svg"))},
              QStringList{QStringLiteral("report"), QStringLiteral("--out"), report}}) {
            const ProgramOutput drawn =
                runCli(drawing + QStringList{QStringLiteral("--workspace"), workspace});
            QCOMPARE(drawn.exitCode, 0);
            QVERIFY2(drawn.err.contains("a damaged seed of 'quick', left out"), drawn.err.constData());
        }
        QFile html(report);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray reportText = html.readAll();
        QVERIFY2(reportText.contains("<ul id=\"left-out\">\n<li>") &&
                     reportText.contains("a damaged seed of 'quick', left out"),
                 reportText.constData());
    }

    const ProgramOutput repaired = runCli(runArgs);
    QCOMPARE(repaired.exitCode, 0);
    QVERIFY2(repaired.err.contains(QStringLiteral("quick: set aside damaged seed seed-%1.json in %2/damaged")
                                       .arg(seeds[1].seed)
                                       .arg(results)
                                       .toUtf8()),
             repaired.err.constData());
    QVERIFY2(repaired.err.contains("training 1 seed (2 already finished)"), repaired.err.constData());
    QCOMPARE(seedscape::ResultStore(results).finishedCount(), 3);
    QVERIFY(QFile::exists(results + QStringLiteral("/damaged/") + bin));
    const ProgramOutput clean = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(clean.exitCode, 0);
    QVERIFY2(clean.err.isEmpty(), clean.err.constData());
}

void TestCliStats::runRebuildsLabelsThatStatsReportsMissing()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString labels = workspace + QStringLiteral("/results/quick/labels.json");
    QStringList runArgs;
    const QByteArray written = trainedQuickFile(dir, QStringLiteral("labels.json"), &runArgs);
    QVERIFY(!written.isEmpty());
    for (const QByteArray& damage : {QByteArray(), QByteArray("{\"format\": 1, \"task\"")}) {
        QFile::remove(labels);
        if (!damage.isEmpty()) {
            QFile f(labels);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(damage);
        }
        const ProgramOutput stats =
            runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
        QCOMPARE(stats.exitCode, 0);
        QVERIFY2(
            stats.err.contains("results/quick/labels.json is missing or damaged; run the experiment again "
                               "to rebuild it"),
            stats.err.constData());
        // Its seeds are there, only unreadable: the summary must not say there are none.
        QVERIFY2(stats.err.contains("no experiment in " + workspace.toUtf8() +
                                    " has finished seeds that can be read; see the warnings above"),
                 stats.err.constData());
        QVERIFY(stats.out.isEmpty());
        // Nothing is missing, so nothing trains, and the labels come back all the same.
        const ProgramOutput again = runCli(runArgs);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains("already has 2 finished seeds"), again.err.constData());
        QVERIFY2(again.err.contains("labels.json was missing or damaged; rebuilt it from the data"),
                 again.err.constData());
        QFile rebuilt(labels);
        QVERIFY(rebuilt.open(QIODevice::ReadOnly));
        QCOMPARE(rebuilt.readAll(), written);
        const ProgramOutput fixed = runCli(
            {QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        QVERIFY2(fixed.err.isEmpty(), fixed.err.constData());
        QCOMPARE(nlohmann::json::parse(fixed.out.toStdString())["experiments"][0]["val"]["n"].get<int>(), 2);
    }
}

void TestCliStats::aDamagedDefinitionIsNamedAndRewritten()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString definition = workspace + QStringLiteral("/results/quick/definition.json");
    QStringList runArgs;
    const QByteArray written = trainedQuickFile(dir, QStringLiteral("definition.json"), &runArgs);
    QVERIFY(!written.isEmpty());
    {
        QFile f(definition);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"format\": 1, \"name\": 5}");
    }
    // Without it the experiment is grouped by its truth rows, which can part it from its group: said.
    const ProgramOutput stats = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(stats.exitCode, 0);
    QVERIFY2(stats.err.contains("results/quick/definition.json is damaged (") &&
                 stats.err.contains("'quick' is grouped by its truth rows instead and may be left out of its "
                                    "comparison group; run the experiment again to rewrite it"),
             stats.err.constData());
    // Nothing is missing, yet run rewrites it: the stored seeds' fingerprints match the file.
    const ProgramOutput again = runCli(runArgs);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains("definition.json was damaged; rewrote it from the experiment file"),
             again.err.constData());
    QVERIFY2(again.err.contains("already has 2 finished seeds"), again.err.constData());
    QFile rewritten(definition);
    QVERIFY(rewritten.open(QIODevice::ReadOnly));
    QCOMPARE(rewritten.readAll(), written);
    const ProgramOutput clean = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
    QVERIFY2(clean.err.isEmpty(), clean.err.constData());
}

void TestCliStats::importRefusesStoredSeedsUnlessReplacing()
{
    QTemporaryDir dir;
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/binary_auc_ties");
    const QStringList args = {QStringLiteral("import"),
                              QStringLiteral("--predictions"),
                              golden + QStringLiteral("/predictions.csv"),
                              QStringLiteral("--labels"),
                              golden + QStringLiteral("/labels.csv"),
                              QStringLiteral("--workspace"),
                              dir.path(),
                              QStringLiteral("--task"),
                              QStringLiteral("binary"),
                              QStringLiteral("--metric"),
                              QStringLiteral("auc")};
    const ProgramOutput first = runCli(args);
    QCOMPARE(first.exitCode, 0);
    QVERIFY2(!first.err.contains("replacing"), first.err.constData());
    const ProgramOutput again = runCli(args);
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(again.err.count('\n'), 1);
    QVERIFY2(again.err.contains("predictions.csv:2: column 'seed': experiment '"), again.err.constData());
    QVERIFY2(again.err.contains("nothing was imported. Use --replace to replace stored seeds on purpose"),
             again.err.constData());
    const ProgramOutput replaced = runCli(args + QStringList{QStringLiteral("--replace")});
    QCOMPARE(replaced.exitCode, 0);
    QVERIFY2(replaced.err.contains("imported 7 seeds of 2 experiments"), replaced.err.constData());
    QVERIFY2(replaced.err.contains("replacing 7 stored seeds, "), replaced.err.constData());
}

// It has no statistics, but leaving it out without a word would hide that it was run.
void TestCliStats::anExperimentWhoseSeedsAllFailedIsNamed()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    QCOMPARE(
        runCli({QStringLiteral("run"), writeQuickExperimentFile(dir.path(), 2), QStringLiteral("--workspace"),
                workspace, QStringLiteral("--seeds"), QStringLiteral("2")})
            .exitCode,
        0);
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    const nlohmann::json definition = {
        {"format", 1},
        {"name", "broken"},
        {"dataset",
         {{"path", sampleDatasetPath(QStringLiteral("diabetes.csv")).toStdString()},
          {"target", "progression"}}},
        {"model", {{"type", "command"}, {"command", {SEEDSCAPE_PYTHON, "-c", "import sys; sys.exit(4)"}}}}};
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(definition.dump()));
    file.close();
    QCOMPARE(runCli({QStringLiteral("run"), broken, QStringLiteral("--workspace"), workspace,
                     QStringLiteral("--seeds"), QStringLiteral("1")})
                 .exitCode,
             1); // gave up after three failures

    const ProgramOutput table = runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("\nquick "));
    QVERIFY2(table.err.contains("note: broken is not in the table: all its 3 seeds failed (last: the program "
                                "exited with code 4)\n"),
             table.err.constData());
    const ProgramOutput json =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    QVERIFY2(json.err.isEmpty(), json.err.constData());
    const auto j = nlohmann::json::parse(json.out.toStdString());
    QCOMPARE(j["experiments"].size(), size_t(1));
    QCOMPARE(j["failed_only"], nlohmann::json::parse(R"([{"name": "broken", "failed_seeds": 3,
        "last_failure": "the program exited with code 4"}])"));
}

QTEST_GUILESS_MAIN(TestCliStats)
#include "tst_clistats.moc"
