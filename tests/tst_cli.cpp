// Runs the real seedscape-cli binary as a user or a script would.
#include "store/checkpointfile.h"
#include "store/resultstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <map>

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkPrintsWhatSeedscapeSees();
    void checkAndRunRefuseAModelThatCannotFit();
    void userErrorsExitWithOneClearLine_data();
    void userErrorsExitWithOneClearLine();
    void sampleWritesAWorkspace();
    void eachCommandHasItsOwnHelp();
    void runThenRerunReproducesEverySeed();
    void runRefusesAChangedDefinitionOverStoredSeeds();
    void twoRunsOfOneExperimentNeverStoreMoreThanAsked();
    void killedRunResumesItsRunningSeedsFromCheckpoints();
    void killedRunContinuesAndKeepsEveryFinishedSeed();
    void interruptedRunSaysHowToContinue();
    void importThenStatsGivesTheGoldenValues();
    void statsOfATrainedSweep();
    void statsWarnsOfDamagedSeedsAndRunReplacesThem();
    void runRebuildsLabelsThatStatsReportsMissing();
    void importRefusesStoredSeedsUnlessReplacing();
    void failedSeedsRecordTheirProvenance();

private:
    // A quick diabetes experiment in dir, with an absolute data path.
    QString writeExperiment(const QTemporaryDir& dir, int epochs);
    struct Result
    {
        int exitCode = -1;
        QProcess::ExitStatus status = QProcess::CrashExit;
        QByteArray out, err;
    };
    Result run(const QStringList& args);
};

TestCli::Result TestCli::run(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(SEEDSCAPE_CLI), args);
    Result r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestCli::checkPrintsWhatSeedscapeSees()
{
    const Result r = run(
        {QStringLiteral("check"), QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/examples/wine-mlp.json")});
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 0);
    const auto j = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(j["name"].get<std::string>(), std::string("wine-mlp"));
    QCOMPARE(j["dataset"]["rows"].get<int>(), 178);
    QCOMPARE(j["dataset"]["task"].get<std::string>(), std::string("multiclass"));
    QCOMPARE(j["dataset"]["classes"].size(), size_t(3));
    QCOMPARE(j["dataset"]["split"]["validation"].get<int>() + j["dataset"]["split"]["test"].get<int>() +
                 j["dataset"]["split"]["train"].get<int>(),
             178);
    QCOMPARE(j["metric"].get<std::string>(), std::string("logloss"));
    QCOMPARE(j["higher_is_better"].get<bool>(), false);
}

void TestCli::checkAndRunRefuseAModelThatCannotFit()
{
    QTemporaryDir dir;
    const QString experiment = writeExperiment(dir, 5);
    const Result fits = run({QStringLiteral("check"), experiment});
    QCOMPARE(fits.exitCode, 0);
    const auto j = nlohmann::json::parse(fits.out.toStdString());
    QCOMPARE(j["estimate"]["parameters"].get<double>(), 10.0 * 32 + 32 + 32 + 1);
    QVERIFY(j["estimate"]["memory_bytes"].get<double>() > 0);
    QVERIFY(j["warnings"].is_array());

    QFile f(experiment);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray huge = f.readAll().replace("[32]", "[65536, 65536, 65536]");
    f.close();
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(huge);
    f.close();
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    for (const QStringList& args :
         {QStringList{QStringLiteral("check"), experiment},
          QStringList{QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace}}) {
        const Result r = run(args);
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("field 'model.hidden': the model cannot fit in memory: training needs about"),
                 r.err.constData());
        QVERIFY2(r.err.contains("8,590,852,097 parameters × 4 values"), r.err.constData());
    }
    QVERIFY(seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).load(false).empty());
    // Refused before the workspace changed: the corrected file does not clash with a stored copy.
    QVERIFY(!QFile::exists(workspace + QStringLiteral("/quick.experiment.json")));
}

void TestCli::userErrorsExitWithOneClearLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("fileName"); // written to a temporary folder first, when not empty
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("stderrContains");
    QTest::addRow("missing experiment file")
        << QStringList{QStringLiteral("check"), QStringLiteral("/no/such.json")} << QString() << QByteArray()
        << "/no/such.json: file not found";
    QTest::addRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QString() << QByteArray()
                                     << "unknown command 'frobnicate'";
    QTest::addRow("unknown option") << QStringList{QStringLiteral("sample"), QStringLiteral("--worksp"),
                                                   QStringLiteral("x")}
                                    << QString() << QByteArray() << "unknown option --worksp";
    QTest::addRow("empty option value")
        << QStringList{QStringLiteral("stats"), QStringLiteral("--k"), QString(),
                       QStringLiteral("--workspace"), QStringLiteral("/tmp")}
        << QString() << QByteArray() << "option --k needs a value, got an empty one";
    QTest::addRow("bad field")
        << QStringList{QStringLiteral("check")} << QStringLiteral("e.json")
        << QByteArray(
               R"({"format":1,"name":"e","dataset":{"path":"d.csv","target":"y"},"training":{"lr":-1}})")
        << "e.json: field 'training.lr': must be greater than 0, got -1";
    QTest::addRow("number overflow")
        << QStringList{QStringLiteral("check")} << QStringLiteral("e.json")
        << QByteArray(
               R"({"format":1,"name":"e","dataset":{"path":"d.csv","target":"y"},"training":{"lr":1e999}})")
        << "e.json:1: field 'training.lr': the number is too large";
    QTest::addRow("duplicate key")
        << QStringList{QStringLiteral("check")} << QStringLiteral("e.json")
        << QByteArray("{\"format\":1,\"name\":\"e\",\n\"name\":\"f\",\"dataset\":{\"path\":\"d.csv\","
                      "\"target\":\"y\"}}")
        << "e.json:2: field 'name': the key \"name\" appears twice in one object; keep one";
    QTest::addRow("missing data") << QStringList{QStringLiteral("check")} << QStringLiteral("e.json")
                                  << QByteArray(
                                         R"({"format":1,"name":"e","dataset":{"path":"d.csv","target":"y"}})")
                                  << "d.csv: file not found";
}

void TestCli::userErrorsExitWithOneClearLine()
{
    QFETCH(QStringList, args);
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, stderrContains);
    QTemporaryDir dir;
    if (!fileName.isEmpty()) {
        QFile f(dir.filePath(fileName));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        args << f.fileName();
    }
    const Result r = run(args);
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrContains), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(r.out.isEmpty());
}

void TestCli::sampleWritesAWorkspace()
{
    QTemporaryDir dir;
    const Result r = run({QStringLiteral("sample"), QStringLiteral("--workspace"), dir.path()});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.experiment.json")}).size(), 5);
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("programs/train_cnn.py"))).isExecutable());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("datasets/diabetes.csv"))));
    const Result check =
        run({QStringLiteral("check"), dir.filePath(QStringLiteral("diabetes-mlp.experiment.json"))});
    QCOMPARE(check.exitCode, 0);
    QCOMPARE(nlohmann::json::parse(check.out.toStdString())["dataset"]["rows"].get<int>(), 442);
}

QString TestCli::writeExperiment(const QTemporaryDir& dir, int epochs)
{
    const QString path = dir.filePath(QStringLiteral("quick.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QStringLiteral(R"({"format": 1, "name": "quick",
        "dataset": {"path": "%1", "target": "progression"},
        "model": {"hidden": [32], "dropout": 0.1}, "training": {"epochs": %2}})")
                .arg(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/diabetes.csv"))
                .arg(epochs)
                .toUtf8());
    return path;
}

void TestCli::eachCommandHasItsOwnHelp()
{
    const QByteArray whole = run({QStringLiteral("--help")}).out;
    for (const char* command : {"run", "rerun", "import", "stats", "plot", "report", "check", "sample",
                                "rename", "delete", "submit", "jobs", "cancel-job", "slurm-task"}) {
        const QString word = QString::fromLatin1(command);
        const Result help = run({word, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.err.isEmpty());
        QVERIFY2(help.out.startsWith("Usage: seedscape-cli " + QByteArray(command) + ' '),
                 help.out.constData());
        // Its own part of the whole help, word for word, and no other command's.
        QVERIFY2(whole.contains(help.out.mid(int(strlen("Usage: seedscape-cli "))).trimmed()),
                 help.out.constData());
        QCOMPARE(help.out.count("\n  run ") + help.out.count("\n  stats "), 0);
        if (word == QLatin1String("run") || word == QLatin1String("stats")) { // the other ways to ask
            QCOMPARE(run({QStringLiteral("help"), word}).out, help.out);
            QCOMPARE(
                run({word, QStringLiteral("--workspace"), QStringLiteral("x"), QStringLiteral("-h")}).out,
                help.out);
        }
    }
    const Result unknown = run({QStringLiteral("help"), QStringLiteral("frobnicate")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("unknown command 'frobnicate'"), unknown.err.constData());
}

void TestCli::runThenRerunReproducesEverySeed()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString experiment = writeExperiment(dir, 5);
    const Result r =
        run({QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
             QStringLiteral("--seeds"), QStringLiteral("3"), QStringLiteral("--jobs"), QStringLiteral("2")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("3 finished seeds"), r.err.constData());
    QVERIFY(QFile::exists(workspace + QStringLiteral("/quick.experiment.json")));
    const auto seeds = seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).load(false);
    QCOMPARE(seeds.size(), size_t(3));
    for (const auto& seed : seeds) {
        const Result again = run({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                                  QStringLiteral("--experiment"), QStringLiteral("quick"),
                                  QStringLiteral("--seed"), QString::number(seed.seed)});
        QCOMPARE(again.exitCode, 0);
        const auto j = nlohmann::json::parse(again.out.toStdString());
        QCOMPARE(j["seed"].get<quint64>(), seed.seed);
        QCOMPARE(j["val"].get<double>(), seed.validationScore);
        QCOMPARE(j["test"].get<double>(), seed.testScore);
        QVERIFY(j["identical_to_recorded"].get<bool>());
    }
    // Asking again for what is there trains nothing.
    const Result done = run({QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
                             QStringLiteral("--seeds"), QStringLiteral("3")});
    QCOMPARE(done.exitCode, 0);
    QVERIFY(done.err.contains("already has 3 finished seeds"));
    const Result unknown = run({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                                QStringLiteral("--experiment"), QStringLiteral("quick"),
                                QStringLiteral("--seed"), QStringLiteral("12345")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("has no recorded seed 12345"));
}

void TestCli::runRefusesAChangedDefinitionOverStoredSeeds()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString experiment = writeExperiment(dir, 2);
    const QStringList runArgs = {QStringLiteral("run"), workspace + QStringLiteral("/quick.experiment.json"),
                                 QStringLiteral("--workspace"), workspace, QStringLiteral("--seeds")};
    QCOMPARE(run({QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
                  QStringLiteral("--seeds"), QStringLiteral("2")})
                 .exitCode,
             0);
    // The user edits the workspace's own experiment file: another learning rate and width.
    const QString file = workspace + QStringLiteral("/quick.experiment.json");
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto definition = nlohmann::json::parse(f.readAll().toStdString());
    f.close();
    definition["training"]["lr"] = 0.01;
    definition["model"]["hidden"] = {16};
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray::fromStdString(definition.dump(2)));
    f.close();
    for (const QString& seeds : {QStringLiteral("2"), QStringLiteral("4")}) {
        const Result changed = run(runArgs + QStringList{seeds});
        QCOMPARE(changed.exitCode, 1);
        QVERIFY2(changed.err.contains("2 stored seeds trained with another definition"),
                 changed.err.constData());
        QVERIFY2(changed.err.contains("training.lr: 0.001 → 0.01"), changed.err.constData());
        QVERIFY2(changed.err.contains("model.hidden: [32] → [16]"), changed.err.constData());
        QVERIFY2(changed.err.contains("variant"), changed.err.constData());
        QCOMPARE(changed.err.count('\n'), 1); // one line
    }
    QCOMPARE(seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).load(false).size(),
             size_t(2));
    // Changing only the seed count keeps the seeds comparable.
    definition["training"]["lr"] = 0.001;
    definition["model"]["hidden"] = {32};
    definition["seeds"]["count"] = 3;
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray::fromStdString(definition.dump(2)));
    f.close();
    const Result more = run(runArgs + QStringList{QStringLiteral("3")});
    QCOMPARE(more.exitCode, 0);
    QCOMPARE(seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).finishedCount(), 3);
}

void TestCli::twoRunsOfOneExperimentNeverStoreMoreThanAsked()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString experiment = writeExperiment(dir, 150);
    const QStringList args = {QStringLiteral("run"),         experiment,
                              QStringLiteral("--workspace"), workspace,
                              QStringLiteral("--seeds"),     QStringLiteral("6"),
                              QStringLiteral("--jobs"),      QStringLiteral("1"),
                              QStringLiteral("--engine"),    QStringLiteral("per-seed")};
    QCOMPARE(run({QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
                  QStringLiteral("--seeds"), QStringLiteral("1")})
                 .exitCode,
             0); // the workspace and its experiment exist before the two race
    QProcess first, second;
    first.start(QStringLiteral(SEEDSCAPE_CLI), args);
    second.start(QStringLiteral(SEEDSCAPE_CLI), args);
    QVERIFY(first.waitForFinished(120000));
    QVERIFY(second.waitForFinished(120000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(second.exitCode(), 0);
    QCOMPARE(seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).finishedCount(), 6);
    const QByteArray errors = first.readAllStandardError() + second.readAllStandardError();
    QVERIFY2(errors.contains("another sweep of this experiment is running (pid "), errors.constData());
}

void TestCli::killedRunResumesItsRunningSeedsFromCheckpoints()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString results = workspace + QStringLiteral("/results/quick");
    const QString experiment = writeExperiment(dir, 400);
    const QStringList args = {QStringLiteral("run"),
                              experiment,
                              QStringLiteral("--workspace"),
                              workspace,
                              QStringLiteral("--seeds"),
                              QStringLiteral("4"),
                              QStringLiteral("--jobs"),
                              QStringLiteral("2"),
                              QStringLiteral("--engine"),
                              QStringLiteral("batched"),
                              QStringLiteral("--checkpoint-seconds"),
                              QStringLiteral("0")};
    QProcess child;
    child.start(QStringLiteral(SEEDSCAPE_CLI), args);
    QVERIFY(child.waitForStarted());
    // Two groups of two seeds, checkpointed at every epoch: kill once both are a few epochs in.
    const auto bothGroupsAreFewEpochsIn = [&results] {
        const auto checkpoints = seedscape::CheckpointFile::readAll(results);
        return checkpoints.size() == 2 &&
               std::all_of(checkpoints.begin(), checkpoints.end(),
                           [](const auto& checkpoint) { return checkpoint.epoch >= 3; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(bothGroupsAreFewEpochsIn(), 60000);
    ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
    QVERIFY(child.waitForFinished());
    QCOMPARE(seedscape::ResultStore(results).finishedCount(), 0);
    int checkpointedEpochs = 0;
    for (const auto& checkpoint : seedscape::CheckpointFile::readAll(results))
        checkpointedEpochs += checkpoint.epoch;
    QVERIFY(checkpointedEpochs >= 6);

    const Result again = run(args);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains("resuming 4 seeds from the checkpoints"), again.err.constData());
    QVERIFY(seedscape::CheckpointFile::readAll(results).empty());
    const auto seeds = seedscape::ResultStore(results).load(false);
    QCOMPARE(seeds.size(), size_t(4));
    // Each resumed seed is exactly what an uninterrupted training of it gives.
    for (const auto& seed : seeds) {
        const Result rerun = run({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                                  QStringLiteral("--experiment"), QStringLiteral("quick"),
                                  QStringLiteral("--seed"), QString::number(seed.seed)});
        QCOMPARE(rerun.exitCode, 0);
        QVERIFY(nlohmann::json::parse(rerun.out.toStdString())["identical_to_recorded"].get<bool>());
    }
}

void TestCli::killedRunContinuesAndKeepsEveryFinishedSeed()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString results = workspace + QStringLiteral("/results/quick");
    const QString experiment = writeExperiment(dir, 60);
    // The per-seed engine finishes seeds one by one, so there is a moment with some seeds stored
    // and others running; the batched engine would finish a whole group at once.
    const QStringList args = {QStringLiteral("run"),         experiment,
                              QStringLiteral("--workspace"), workspace,
                              QStringLiteral("--seeds"),     QStringLiteral("10"),
                              QStringLiteral("--jobs"),      QStringLiteral("2"),
                              QStringLiteral("--engine"),    QStringLiteral("per-seed")};
    QProcess child;
    child.start(QStringLiteral(SEEDSCAPE_CLI), args);
    QVERIFY(child.waitForStarted());
    QElapsedTimer waited;
    waited.start();
    while (QDir(results).entryList({QStringLiteral("seed-*.json")}).size() < 3 && waited.elapsed() < 120000)
        QTest::qWait(5);
    ::kill(static_cast<pid_t>(child.processId()), SIGKILL); // no chance to clean up
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    QStringList problems;
    const auto before = seedscape::ResultStore(results).load(true, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY(before.size() >= 3);
    QVERIFY2(before.size() < 10, "the run ended before it could be killed; make its seeds slower");
    std::map<quint64, std::vector<double>> predictions;
    for (const auto& seed : before)
        predictions[seed.seed] = seed.validationPredictions;

    const Result again = run(args);
    QCOMPARE(again.exitCode, 0);
    const auto after = seedscape::ResultStore(results).load(true, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(after.size(), size_t(10));
    for (const auto& seed : after)
        if (predictions.count(seed.seed))
            QCOMPARE(seed.validationPredictions, predictions[seed.seed]); // every earlier seed intact
    int kept = 0;
    for (const auto& seed : after)
        kept += predictions.count(seed.seed) > 0 ? 1 : 0;
    QCOMPARE(kept, static_cast<int>(before.size()));
}

void TestCli::interruptedRunSaysHowToContinue()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    QProcess child;
    child.start(QStringLiteral(SEEDSCAPE_CLI),
                {QStringLiteral("run"), writeExperiment(dir, 2000), QStringLiteral("--workspace"), workspace,
                 QStringLiteral("--seeds"), QStringLiteral("4")});
    QVERIFY(child.waitForStarted());
    QElapsedTimer waited;
    waited.start();
    while (!QDir(workspace).exists(QStringLiteral("quick.experiment.json")) && waited.elapsed() < 60000)
        QTest::qWait(5);
    QTest::qWait(300);
    ::kill(static_cast<pid_t>(child.processId()), SIGINT);
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 1);
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(
        err.contains("interrupted; 0 of 4 finished seeds are stored; run the same command again to continue"),
        err.constData());
}

void TestCli::importThenStatsGivesTheGoldenValues()
{
    QTemporaryDir dir;
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/binary_auc_ties");
    const Result imported = run({QStringLiteral("import"), QStringLiteral("--predictions"),
                                 golden + QStringLiteral("/predictions.csv"), QStringLiteral("--labels"),
                                 golden + QStringLiteral("/labels.csv"), QStringLiteral("--workspace"),
                                 dir.path(), QStringLiteral("--task"), QStringLiteral("binary"),
                                 QStringLiteral("--metric"), QStringLiteral("auc")});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY2(imported.err.contains("imported 7 seeds of 2 experiments"), imported.err.constData());
    const Result stats = run({QStringLiteral("stats"), QStringLiteral("--workspace"), dir.path(),
                              QStringLiteral("--k"), QStringLiteral("3,4"), QStringLiteral("--json")});
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
    const Result table = run({QStringLiteral("stats"), QStringLiteral("--workspace"), dir.path()});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("b1") && table.out.contains("pick by ensemble"));
    const Result wrong = run({QStringLiteral("import"), QStringLiteral("--predictions"),
                              golden + QStringLiteral("/predictions.csv"), QStringLiteral("--labels"),
                              golden + QStringLiteral("/labels.csv"), QStringLiteral("--workspace"),
                              dir.path(), QStringLiteral("--task"), QStringLiteral("binary"),
                              QStringLiteral("--metric"), QStringLiteral("rmse")});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY(wrong.err.contains("rmse does not score a binary task"));
}

void TestCli::statsOfATrainedSweep()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    QCOMPARE(run({QStringLiteral("run"), writeExperiment(dir, 4), QStringLiteral("--workspace"), workspace,
                  QStringLiteral("--seeds"), QStringLiteral("4")})
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
    const Result stats =
        run({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json"),
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
    const Result table = run({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
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
    // k above the seeds: the k-ensemble column is undefined ("—"), not a number.
    const Result beyond = run({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace,
                               QStringLiteral("--k"), QStringLiteral("5")});
    QCOMPARE(beyond.exitCode, 0);
    const QStringList beyondLines = QString::fromUtf8(beyond.out).split(QLatin1Char('\n'));
    const qsizetype beyondHeader = beyondLines.indexOf(QRegularExpression(QStringLiteral("experiment .*")));
    QVERIFY(beyondHeader >= 0 && beyondHeader + 1 < beyondLines.size());
    const qsizetype kColumn = beyondLines[beyondHeader].indexOf(QStringLiteral("5-ens val"));
    QVERIFY(kColumn > 0);
    QVERIFY2(beyondLines[beyondHeader + 1].mid(kColumn).startsWith(QStringLiteral("— ")),
             qPrintable(beyondLines[beyondHeader + 1]));
}

void TestCli::statsWarnsOfDamagedSeedsAndRunReplacesThem()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString results = workspace + QStringLiteral("/results/quick");
    const QStringList runArgs = {QStringLiteral("run"),         writeExperiment(dir, 2),
                                 QStringLiteral("--workspace"), workspace,
                                 QStringLiteral("--seeds"),     QStringLiteral("3")};
    QCOMPARE(run(runArgs).exitCode, 0);
    const auto seeds = seedscape::ResultStore(results).load(false);
    QCOMPARE(seeds.size(), size_t(3));
    // One seed's predictions change on disk (a bit flip, a bad copy).
    const QString bin = QStringLiteral("seed-%1.bin").arg(seeds[1].seed);
    QFile f(results + QLatin1Char('/') + bin);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(16);
    f.write("\x7f");
    f.close();

    const Result stats =
        run({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
    QCOMPARE(stats.exitCode, 0);
    QVERIFY2(stats.err.startsWith("warning: "), stats.err.constData());
    QVERIFY2(stats.err.contains(QStringLiteral("%1: predictions file damaged").arg(bin).toUtf8()),
             stats.err.constData());
    QVERIFY2(stats.err.contains("a damaged seed of 'quick', left out"), stats.err.constData());
    const auto e = nlohmann::json::parse(stats.out.toStdString())["experiments"][0];
    QCOMPARE(e["val"]["n"].get<int>(), 2);
    QCOMPARE(e["damaged_seeds"],
             nlohmann::json::array({QStringLiteral("seed-%1.json").arg(seeds[1].seed).toStdString()}));

    const Result repaired = run(runArgs);
    QCOMPARE(repaired.exitCode, 0);
    QVERIFY2(repaired.err.contains(QStringLiteral("quick: set aside damaged seed seed-%1.json in %2/damaged")
                                       .arg(seeds[1].seed)
                                       .arg(results)
                                       .toUtf8()),
             repaired.err.constData());
    QVERIFY2(repaired.err.contains("training 1 seeds (2 already finished)"), repaired.err.constData());
    QCOMPARE(seedscape::ResultStore(results).finishedCount(), 3);
    QVERIFY(QFile::exists(results + QStringLiteral("/damaged/") + bin));
    const Result clean = run({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(clean.exitCode, 0);
    QVERIFY2(clean.err.isEmpty(), clean.err.constData());
}

void TestCli::runRebuildsLabelsThatStatsReportsMissing()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString labels = workspace + QStringLiteral("/results/quick/labels.json");
    const QStringList runArgs = {QStringLiteral("run"),         writeExperiment(dir, 2),
                                 QStringLiteral("--workspace"), workspace,
                                 QStringLiteral("--seeds"),     QStringLiteral("2")};
    QCOMPARE(run(runArgs).exitCode, 0);
    QFile original(labels);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray written = original.readAll();
    original.close();
    for (const QByteArray& damage : {QByteArray(), QByteArray("{\"format\": 1, \"task\"")}) {
        QFile::remove(labels);
        if (!damage.isEmpty()) {
            QFile f(labels);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(damage);
        }
        const Result stats = run({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
        QCOMPARE(stats.exitCode, 0);
        QVERIFY2(
            stats.err.contains("results/quick/labels.json is missing or damaged; run the experiment again "
                               "to rebuild it"),
            stats.err.constData());
        // Its seeds are there, only unreadable: stdout must not say there are none.
        QVERIFY2(stats.out.contains("no experiment in " + workspace.toUtf8() +
                                    " has finished seeds that can be read; see the warnings above"),
                 stats.out.constData());
        // Nothing is missing, so nothing trains, and the labels come back all the same.
        const Result again = run(runArgs);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.err.contains("already has 2 finished seeds"), again.err.constData());
        QVERIFY2(again.err.contains("labels.json was missing or damaged; rebuilt it from the data"),
                 again.err.constData());
        QFile rebuilt(labels);
        QVERIFY(rebuilt.open(QIODevice::ReadOnly));
        QCOMPARE(rebuilt.readAll(), written);
        const Result fixed = run(
            {QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        QVERIFY2(fixed.err.isEmpty(), fixed.err.constData());
        QCOMPARE(nlohmann::json::parse(fixed.out.toStdString())["experiments"][0]["val"]["n"].get<int>(), 2);
    }
}

void TestCli::importRefusesStoredSeedsUnlessReplacing()
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
    QCOMPARE(run(args).exitCode, 0);
    const Result again = run(args);
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(again.err.count('\n'), 1);
    QVERIFY2(again.err.contains("predictions.csv:2: column 'seed': experiment '"), again.err.constData());
    QVERIFY2(again.err.contains("nothing was imported. Use --replace to replace stored seeds on purpose"),
             again.err.constData());
    const Result replaced = run(args + QStringList{QStringLiteral("--replace")});
    QCOMPARE(replaced.exitCode, 0);
    QVERIFY2(replaced.err.contains("imported 7 seeds of 2 experiments"), replaced.err.constData());
}

void TestCli::failedSeedsRecordTheirProvenance()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    // A learning rate that makes every seed diverge.
    const QString path = dir.filePath(QStringLiteral("diverges.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"format": 1, "name": "diverges",
        "dataset": {"path": "%1", "target": "progression"},
        "model": {"hidden": [32]}, "training": {"epochs": 3, "lr": 1e30}})")
                .arg(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/diabetes.csv"))
                .toUtf8());
    f.close();
    for (const QString& engine : {QStringLiteral("batched"), QStringLiteral("per-seed")}) {
        const QString ws = workspace + QLatin1Char('-') + engine;
        const Result r =
            run({QStringLiteral("run"), path, QStringLiteral("--workspace"), ws, QStringLiteral("--seeds"),
                 QStringLiteral("1"), QStringLiteral("--engine"), engine});
        QCOMPARE(r.exitCode, 1);
        const auto stored = seedscape::ResultStore(ws + QStringLiteral("/results/diverges")).load(false);
        QVERIFY(!stored.empty());
        for (const auto& seed : stored) {
            QCOMPARE(seed.status, seedscape::SeedStatus::Failed);
            QCOMPARE(seed.engine, engine);
            QCOMPARE(seed.experimentFingerprint.size(), 16);
            QVERIFY(seed.startedAt.isValid());
            QVERIFY(seed.versions.startsWith(QStringLiteral("seedscape ")));
            QVERIFY(seed.streams.init != 0 || seed.streams.order != 0 || seed.streams.dropout != 0);
        }
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
