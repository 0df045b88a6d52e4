// Runs the real seedscape-cli binary as a user or a script would: runs and reruns, two runs
// at once, killed and interrupted runs that keep every finished seed.
#include "store/checkpointfile.h"
#include "store/resultstore.h"
#include "support/processprobe.h"
#include "support/sampledata.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <map>

using namespace seedscape::testsupport;

class TestCliRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runThenRerunReproducesEverySeed();
    void runRefusesAChangedDefinitionOverStoredSeeds();
    void runRefusesEditedDataOverStoredSeeds();
    void aDamagedCheckpointIsRemovedAndSaid();
    void twoRunsOfOneExperimentNeverStoreMoreThanAsked();
    void killedRunResumesItsRunningSeedsFromCheckpoints();
    void killedRunContinuesAndKeepsEveryFinishedSeed();
    void interruptedRunSaysHowToContinue();
    void failedSeedsRecordTheirProvenance();
};

void TestCliRun::runThenRerunReproducesEverySeed()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString experiment = writeQuickExperimentFile(dir.path(), 5);
    const ProgramOutput r = runCli({QStringLiteral("run"), experiment, QStringLiteral("--workspace"),
                                    workspace, QStringLiteral("--seeds"), QStringLiteral("3"),
                                    QStringLiteral("--jobs"), QStringLiteral("2")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("3 finished seeds"), r.err.constData());
    QVERIFY(QFile::exists(workspace + QStringLiteral("/quick.experiment.json")));
    // A file from outside the workspace is added, and its data is said to stay where it is.
    QVERIFY2(
        r.err.startsWith(QStringLiteral("quick: added to the workspace as %1/quick.experiment.json; its data "
                                        "stays outside the workspace, at %2\n")
                             .arg(workspace, sampleDatasetPath(QStringLiteral("diabetes.csv")))
                             .toUtf8()),
        r.err.constData());
    const auto seeds = seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).load(false);
    QCOMPARE(seeds.size(), size_t(3));
    for (const auto& seed : seeds) {
        const ProgramOutput again = runCli({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
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
    const ProgramOutput done = runCli({QStringLiteral("run"), experiment, QStringLiteral("--workspace"),
                                       workspace, QStringLiteral("--seeds"), QStringLiteral("3")});
    QCOMPARE(done.exitCode, 0);
    QVERIFY(done.err.contains("already has 3 finished seeds"));
    const ProgramOutput unknown = runCli({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                                          QStringLiteral("--experiment"), QStringLiteral("quick"),
                                          QStringLiteral("--seed"), QStringLiteral("12345")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("has no recorded seed 12345"));
    // A mistyped name is said to be one, with the name meant, not as a file that was not found.
    const ProgramOutput typo = runCli({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                                       QStringLiteral("--experiment"), QStringLiteral("qiuck"),
                                       QStringLiteral("--seed"), QStringLiteral("1")});
    QCOMPARE(typo.exitCode, 1);
    QVERIFY2(typo.err.contains("no experiment named 'qiuck' here; did you mean 'quick'?"),
             typo.err.constData());
    // A trained experiment whose file was removed is not "imported": its seeds keep the definition.
    QVERIFY(QFile::remove(workspace + QStringLiteral("/quick.experiment.json")));
    const ProgramOutput removed = runCli({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                                          QStringLiteral("--experiment"), QStringLiteral("quick"),
                                          QStringLiteral("--seed"), QStringLiteral("1")});
    QCOMPARE(removed.exitCode, 1);
    QVERIFY2(removed.err.contains("quick.experiment.json: file not found") &&
                 removed.err.contains("seedscape-cli restore --workspace"),
             removed.err.constData());
}

void TestCliRun::runRefusesAChangedDefinitionOverStoredSeeds()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString experiment = writeQuickExperimentFile(dir.path(), 2);
    const QStringList runArgs = {QStringLiteral("run"), workspace + QStringLiteral("/quick.experiment.json"),
                                 QStringLiteral("--workspace"), workspace, QStringLiteral("--seeds")};
    QCOMPARE(runCli({QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
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
        const ProgramOutput changed = runCli(runArgs + QStringList{seeds});
        QCOMPARE(changed.exitCode, 1);
        QVERIFY2(changed.err.contains("2 finished seeds trained with another definition"),
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
    const ProgramOutput more = runCli(runArgs + QStringList{QStringLiteral("3")});
    QCOMPARE(more.exitCode, 0);
    QCOMPARE(seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).finishedCount(), 3);
}

void TestCliRun::runRefusesEditedDataOverStoredSeeds()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString data = dir.filePath(QStringLiteral("diabetes.csv"));
    QVERIFY(QFile::copy(seedscape::testsupport::sampleDatasetPath(QStringLiteral("diabetes.csv")), data));
    QFile::setPermissions(data, QFile::ReadOwner | QFile::WriteOwner);
    const QString experiment = dir.filePath(QStringLiteral("quick.json"));
    {
        QFile f(experiment);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(
                    R"({"format": 1, "name": "quick", "dataset": {"path": "%1", "target": "progression"},
            "model": {"hidden": [8]}, "training": {"epochs": 2}})")
                    .arg(data)
                    .toUtf8());
    }
    const auto run = [&](const QString& seeds) {
        return runCli({QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
                       QStringLiteral("--seeds"), seeds});
    };
    QCOMPARE(run(QStringLiteral("2")).exitCode, 0);
    const QString results = workspace + QStringLiteral("/results/quick");
    QFile labels(results + QStringLiteral("/labels.json"));
    QVERIFY(labels.open(QIODevice::ReadOnly));
    const QByteArray stored = labels.readAll();
    labels.close();

    // The targets re-exported in other units: every progression value 150 higher.
    QFile csv(data);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    csv.close();
    QByteArray shifted = lines.front() + '\n';
    for (qsizetype i = 1; i < lines.size(); ++i)
        if (!lines[i].isEmpty()) {
            const qsizetype comma = lines[i].lastIndexOf(',');
            shifted += lines[i].left(comma + 1) +
                       QByteArray::number(lines[i].mid(comma + 1).toDouble() + 150) + '\n';
        }
    QVERIFY(csv.open(QIODevice::WriteOnly | QIODevice::Truncate));
    csv.write(shifted);
    csv.close();

    const ProgramOutput edited = run(QStringLiteral("3"));
    QCOMPARE(edited.exitCode, 1);
    QVERIFY2(edited.err.contains(data.toUtf8() +
                                 ": the data changed since the 2 stored seeds of 'quick' were "
                                 "trained: validation row 0 is now "),
             edited.err.constData());
    QVERIFY2(edited.err.contains("Undo the change to the data, or save the experiment under a new name"),
             edited.err.constData());
    QCOMPARE(seedscape::ResultStore(results).finishedCount(), 2); // nothing trained on the new data
    QVERIFY(labels.open(QIODevice::ReadOnly));
    QCOMPARE(labels.readAll(), stored); // and the stored truth stays
    labels.close();

    // The edit undone, the sweep goes on.
    QVERIFY(csv.open(QIODevice::WriteOnly | QIODevice::Truncate));
    csv.write(lines.join('\n'));
    csv.close();
    QCOMPARE(run(QStringLiteral("3")).exitCode, 0);
    QCOMPARE(seedscape::ResultStore(results).finishedCount(), 3);
}

void TestCliRun::aDamagedCheckpointIsRemovedAndSaid()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QStringList runArgs = {QStringLiteral("run"), writeQuickExperimentFile(dir.path(), 2),
                                 QStringLiteral("--workspace"), workspace, QStringLiteral("--seeds")};
    QCOMPARE(runCli(runArgs + QStringList{QStringLiteral("1")}).exitCode, 0);
    // A checkpoint cut short (a full disk before saves were checked, a bad copy): nothing can resume
    // from it, and left in place it would stay there unexplained for ever.
    const QString checkpoint = workspace + QStringLiteral("/results/quick/checkpoints/4242.ckpt");
    QVERIFY(QDir().mkpath(QFileInfo(checkpoint).absolutePath()));
    {
        QFile f(checkpoint);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SEEDSCAPE-CKPT cut short");
    }
    // And what a save killed half-way leaves: a hidden temporary file, as large as the checkpoint.
    const QString leftover = workspace + QStringLiteral("/results/quick/checkpoints/.4243.ckpt.999-0-0.tmp");
    {
        QFile f(leftover);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, 'x'));
    }
    const ProgramOutput again = runCli(runArgs + QStringList{QStringLiteral("2")});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains("quick: removed a damaged checkpoint, so its seeds start over (" +
                                checkpoint.toUtf8() + ": "),
             again.err.constData());
    QVERIFY(!QFileInfo::exists(checkpoint));
    QVERIFY(!QFileInfo::exists(leftover));
    QCOMPARE(seedscape::ResultStore(workspace + QStringLiteral("/results/quick")).finishedCount(), 2);
}

void TestCliRun::twoRunsOfOneExperimentNeverStoreMoreThanAsked()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString experiment = writeQuickExperimentFile(dir.path(), 150);
    const QStringList args = {QStringLiteral("run"),         experiment,
                              QStringLiteral("--workspace"), workspace,
                              QStringLiteral("--seeds"),     QStringLiteral("6"),
                              QStringLiteral("--jobs"),      QStringLiteral("1"),
                              QStringLiteral("--engine"),    QStringLiteral("per-seed")};
    QCOMPARE(runCli({QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
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

void TestCliRun::killedRunResumesItsRunningSeedsFromCheckpoints()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString results = workspace + QStringLiteral("/results/quick");
    const QString experiment = writeQuickExperimentFile(dir.path(), 400);
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

    const ProgramOutput again = runCli(args);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains("resuming 4 seeds from the checkpoints"), again.err.constData());
    QVERIFY(seedscape::CheckpointFile::readAll(results).empty());
    const auto seeds = seedscape::ResultStore(results).load(false);
    QCOMPARE(seeds.size(), size_t(4));
    // Each resumed seed is exactly what an uninterrupted training of it gives.
    for (const auto& seed : seeds) {
        const ProgramOutput rerun = runCli({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                                            QStringLiteral("--experiment"), QStringLiteral("quick"),
                                            QStringLiteral("--seed"), QString::number(seed.seed)});
        QCOMPARE(rerun.exitCode, 0);
        QVERIFY(nlohmann::json::parse(rerun.out.toStdString())["identical_to_recorded"].get<bool>());
    }
}

void TestCliRun::killedRunContinuesAndKeepsEveryFinishedSeed()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString results = workspace + QStringLiteral("/results/quick");
    const QString experiment = writeQuickExperimentFile(dir.path(), 60);
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

    const ProgramOutput again = runCli(args);
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

void TestCliRun::interruptedRunSaysHowToContinue()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    QProcess child;
    child.start(QStringLiteral(SEEDSCAPE_CLI),
                {QStringLiteral("run"), writeQuickExperimentFile(dir.path(), 2000),
                 QStringLiteral("--workspace"), workspace, QStringLiteral("--seeds"), QStringLiteral("4")});
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

void TestCliRun::failedSeedsRecordTheirProvenance()
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
        const ProgramOutput r =
            runCli({QStringLiteral("run"), path, QStringLiteral("--workspace"), ws, QStringLiteral("--seeds"),
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

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_clirun.moc"
