// Command experiments through the real seedscape-cli: run, rerun, check, Ctrl-C, SIGKILL, and the
// shipped example CNN (resources/examples/train_cnn.py).
#include "support/processprobe.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <csignal>

using namespace seedscape::testsupport;

namespace {

const QString kCli = QStringLiteral(SEEDSCAPE_CLI);
const QString kPython = QStringLiteral(SEEDSCAPE_PYTHON);
const QString kTrainer = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/tests/command/fake_trainer.py");

int recordsIn(const QString& resultsFolder, const QString& status)
{
    int n = 0;
    for (const QString& name : QDir(resultsFolder).entryList({QStringLiteral("seed-*.json")}, QDir::Files))
        n += QJsonDocument::fromJson(fileContents(resultsFolder + QLatin1Char('/') + name))
                 .object()
                 .value(QStringLiteral("status"))
                 .toString() == status;
    return n;
}

// A folder with a small 3-class dataset and a command experiment file running `command`.
class Setup
{
public:
    explicit Setup(const QStringList& command, int parallel = 1)
    {
        QFile data(m_dir.filePath(QStringLiteral("shapes.csv")));
        data.open(QIODevice::WriteOnly);
        data.write("label,size,shape\n");
        for (int i = 0; i < 45; ++i)
            data.write(QStringLiteral("\"item %1\",%2,%3\n")
                           .arg(i)
                           .arg(i * 0.5)
                           .arg(QStringLiteral("abc")[i % 3])
                           .toUtf8());
        data.close();
        QDir(m_dir.path()).mkpath(QStringLiteral("pids"));
        QJsonArray argv;
        for (const QString& a : command)
            argv << (a == QLatin1String("PIDS") ? pidDir() : a);
        const QJsonObject experiment{
            {QStringLiteral("format"), 1},
            {QStringLiteral("name"), QStringLiteral("shapes-cmd")},
            {QStringLiteral("dataset"), QJsonObject{{QStringLiteral("path"), QStringLiteral("shapes.csv")},
                                                    {QStringLiteral("target"), QStringLiteral("shape")}}},
            {QStringLiteral("model"), QJsonObject{{QStringLiteral("type"), QStringLiteral("command")},
                                                  {QStringLiteral("command"), argv},
                                                  {QStringLiteral("parallel"), parallel}}},
            {QStringLiteral("metric"), QStringLiteral("accuracy")}};
        QFile file(experimentFile());
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(experiment).toJson());
    }

    QString experimentFile() const { return m_dir.filePath(QStringLiteral("shapes.json")); }
    QString folder() const { return m_dir.path(); } // the experiment file's, its program's working folder
    QString workspace() const { return m_dir.filePath(QStringLiteral("ws")); }
    QString results() const { return workspace() + QStringLiteral("/results/shapes-cmd"); }
    QString pidDir() const { return m_dir.filePath(QStringLiteral("pids")); }
    QStringList runArgs(int seeds) const
    {
        return {QStringLiteral("run"), experimentFile(),          QStringLiteral("--workspace"),
                workspace(),           QStringLiteral("--seeds"), QString::number(seeds)};
    }

private:
    QTemporaryDir m_dir;
};

struct Result
{
    int exitCode = -1;
    QByteArray out, err;
};

Result run(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(kCli, args);
    Result r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// A program that sleeps until it is ended, two at a time: what cancel and kill are tried on.
const QStringList kSleepingProgram = {kPython,
                                      kTrainer,
                                      QStringLiteral("--mode"),
                                      QStringLiteral("sleep"),
                                      QStringLiteral("--pid-dir"),
                                      QStringLiteral("PIDS")};

// Starts `run` of 4 seeds and waits until its two programs are running.
bool startUntilTwoProgramsRun(QProcess& cli, const Setup& setup)
{
    cli.start(kCli, setup.runArgs(4));
    return waitUntil([&] { return pidFilesIn(setup.pidDir()).size() == 2; }, 30000);
}

} // namespace

class TestCommandCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (kPython.isEmpty())
            QSKIP("Debian's python3 (/usr/bin/python3) is not installed");
    }

    void runStatsAndRerunACommandExperiment()
    {
        Setup setup({kPython, kTrainer, QStringLiteral("--epochs"), QStringLiteral("2")});
        const Result r = run(setup.runArgs(3));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.contains("3 finished seeds"));
        // Added from outside the workspace: what stays behind is named, the program's folder too.
        const QString folder = QFileInfo(setup.experimentFile()).absolutePath();
        QVERIFY2(
            r.err.contains(QStringLiteral("; its data stays outside the workspace, at %1/shapes.csv; its "
                                          "program's folder stays outside too, at %1\n")
                               .arg(folder)
                               .toUtf8()),
            r.err.constData());
        QCOMPARE(recordsIn(setup.results(), QStringLiteral("finished")), 3);
        const Result stats = run({QStringLiteral("stats"), QStringLiteral("--workspace"), setup.workspace(),
                                  QStringLiteral("--json")});
        QCOMPARE(stats.exitCode, 0);
        const auto j = nlohmann::json::parse(stats.out.toStdString());
        QCOMPARE(j["experiments"][0]["seeds"].size(), size_t(3));
        // rerun runs the program again with the same seed: its scores match.
        const QString seed = QDir(setup.results())
                                 .entryList({QStringLiteral("seed-*.json")})
                                 .front()
                                 .section(QLatin1Char('-'), 1)
                                 .section(QLatin1Char('.'), 0, 0);
        const Result again = run({QStringLiteral("rerun"), QStringLiteral("--workspace"), setup.workspace(),
                                  QStringLiteral("--experiment"), QStringLiteral("shapes-cmd"),
                                  QStringLiteral("--seed"), seed});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.out.contains("\"identical_to_recorded\":true"));
        // ... beside the recorded run, not over it.
        QVERIFY(QFile::exists(setup.results() + QStringLiteral("/reruns/%1/log.txt").arg(seed)));
    }

    void aMissingProgramIsAUserError()
    {
        Setup setup({QStringLiteral("no-such-trainer-seedscape")});
        const Result r = run(setup.runArgs(2));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("field 'model.command[0]': no program \"no-such-trainer-seedscape\" on PATH"),
                 r.err.constData());
        QVERIFY(!QFile::exists(setup.workspace() + QStringLiteral("/shapes-cmd.experiment.json")));
        const Result check = run({QStringLiteral("check"), setup.experimentFile()});
        QCOMPARE(check.exitCode, 1);
        QVERIFY(check.err.contains("model.command[0]"));
    }

    // A program edited after seeds were trained with it would mix two programs in one experiment.
    void anEditedProgramIsRefusedByRunAndRerun()
    {
        Setup setup({kPython, QStringLiteral("trainer.py"), QStringLiteral("--epochs"), QStringLiteral("1")});
        const QString script = setup.folder() + QStringLiteral("/trainer.py");
        QVERIFY(QFile::copy(kTrainer, script));
        const Result first = run(setup.runArgs(2));
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QByteArray original = fileContents(script);
        QFile file(script);
        QVERIFY(file.open(QIODevice::Append));
        file.write("# edited\n");
        file.close();

        const Result more = run(setup.runArgs(3));
        QCOMPARE(more.exitCode, 1);
        QVERIFY2(more.err.contains("experiment \"shapes-cmd\" has 2 finished seeds that ran another version "
                                   "of trainer.py; new seeds would mix two programs"),
                 more.err.constData());
        const QString seed = QDir(setup.results())
                                 .entryList({QStringLiteral("seed-*.json")})
                                 .front()
                                 .section(QLatin1Char('-'), 1)
                                 .section(QLatin1Char('.'), 0, 0);
        const Result rerun = run({QStringLiteral("rerun"), QStringLiteral("--workspace"), setup.workspace(),
                                  QStringLiteral("--experiment"), QStringLiteral("shapes-cmd"),
                                  QStringLiteral("--seed"), seed});
        QCOMPARE(rerun.exitCode, 1);
        QVERIFY2(rerun.err.contains(
                     QStringLiteral("trainer.py changed after seed %1 was trained, so it cannot reproduce it")
                         .arg(seed)
                         .toUtf8()),
                 rerun.err.constData());

        // Undone, the experiment goes on.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(original);
        file.close();
        const Result undone = run(setup.runArgs(3));
        QVERIFY2(undone.exitCode == 0, undone.err.constData());
        QCOMPARE(recordsIn(setup.results(), QStringLiteral("finished")), 3);
    }

    void checkReadsTheTargetOnly()
    {
        Setup setup({kPython, kTrainer});
        const Result r = run({QStringLiteral("check"), setup.experimentFile()});
        QVERIFY2(r.exitCode == 0, r.err.constData()); // the text column "label" is no problem
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["dataset"]["task"].get<std::string>(), std::string("multiclass"));
        QCOMPARE(j["dataset"]["rows"].get<int>(), 45);
        // Not "0 features": the program chooses its own.
        QVERIFY(j["dataset"]["features"].is_null());
        QVERIFY(j["dataset"]["feature_names"].is_null());
    }

    // What the program wrote that Seedscape ignored is said under the seed's line, with its log.
    void runSaysWhatItIgnored()
    {
        Setup setup({kPython, kTrainer, QStringLiteral("--mode"), QStringLiteral("noisy")});
        const Result r = run(setup.runArgs(1));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QRegularExpression said(
            QStringLiteral("seed \\d+ finished: [^\n]*\n"
                           "    warning: ignored 3 @seedscape progress lines it could not read \\(the first, "
                           "log line \\d+: [^\n]+\\)\n"
                           "    warning: predictions.csv: did not read the column 'label' [^\n]+\n"
                           "    log: [^\n]+/runs/\\d+/log.txt\n"));
        QVERIFY2(said.match(QString::fromUtf8(r.err)).hasMatch(), r.err.constData());
        // A long sweep's summary line counts them, since their lines have scrolled away.
        QVERIFY2(r.err.contains("1 finished seed in ") &&
                     r.err.contains("; 1 seed of this run finished with warnings (see its line above)\n"),
                 r.err.constData());
    }

    void sigkillOfTheCliLeavesNoProgramRunning()
    {
        Setup setup(kSleepingProgram, 2);
        QProcess cli;
        QVERIFY(startUntilTwoProgramsRun(cli, setup));
        const QList<qint64> pids = pidFilesIn(setup.pidDir());
        for (qint64 pid : pids)
            QVERIFY(processAlive(pid));
        ::kill(static_cast<pid_t>(cli.processId()), SIGKILL);
        QVERIFY(cli.waitForFinished(5000));
        QVERIFY(waitUntil([&] { return !processAlive(pids[0]) && !processAlive(pids[1]); }, 5000));
        QCOMPARE(recordsIn(setup.results(), QStringLiteral("finished")), 0); // nothing half-done counted
    }

    void ctrlCEndsTheProgramsAndKeepsFinishedSeeds()
    {
        Setup setup({kPython, kTrainer, QStringLiteral("--epochs"), QStringLiteral("4"),
                     QStringLiteral("--epoch-seconds"), QStringLiteral("0.25"), QStringLiteral("--pid-dir"),
                     QStringLiteral("PIDS")});
        QProcess cli;
        cli.start(kCli, setup.runArgs(5));
        QVERIFY(
            waitUntil([&] { return recordsIn(setup.results(), QStringLiteral("finished")) >= 1; }, 30000));
        QVERIFY(waitUntil([&] { return pidFilesIn(setup.pidDir()).size() >= 2; }, 30000));
        ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
        QVERIFY(cli.waitForFinished(15000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY(cli.readAllStandardError().contains("interrupted"));
        for (qint64 pid : pidFilesIn(setup.pidDir()))
            QVERIFY(!processAlive(pid));
        const int kept = recordsIn(setup.results(), QStringLiteral("finished"));
        QVERIFY(kept >= 1 && kept < 5);
        // The same command again trains only what is missing.
        const Result again = run(setup.runArgs(5));
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.err.contains(
            QStringLiteral("training %1 seeds (%2 already finished)").arg(5 - kept).arg(kept).toUtf8()));
        QCOMPARE(recordsIn(setup.results(), QStringLiteral("finished")), 5);
    }

    void ctrlCSaysWhichProgramsItIsStopping()
    {
        Setup setup(kSleepingProgram, 2);
        QProcess cli;
        QVERIFY(startUntilTwoProgramsRun(cli, setup));
        ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
        QVERIFY(cli.waitForFinished(15000));
        const QByteArray err = cli.readAllStandardError();
        // A program may take up to the grace period over SIGTERM: the user is told what the wait is.
        QVERIFY2(
            err.contains(": stopping 2 running programs (SIGTERM; any still running after 10 s is killed)\n"),
            err.constData());
        QVERIFY2(err.contains("interrupted; 0 of 4 finished seeds are stored"), err.constData());
    }

    // The example a newcomer runs first: the CNN on the sample digits, 2 seeds of 2 epochs.
    void exampleCnnTrainsOnTheSampleDigits()
    {
        QProcess probe;
        probe.start(kPython, {QStringLiteral("-c"), QStringLiteral("import torch")});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("Debian's python3-torch is not installed");
        QTemporaryDir dir;
        const QString examples = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/examples");
        QJsonObject e =
            QJsonDocument::fromJson(fileContents(examples + QStringLiteral("/digits-cnn.json"))).object();
        QJsonObject dataset = e.value(QStringLiteral("dataset")).toObject();
        dataset[QStringLiteral("path")] =
            QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/digits.csv");
        e[QStringLiteral("dataset")] = dataset;
        QJsonObject model = e.value(QStringLiteral("model")).toObject();
        model[QStringLiteral("workdir")] = examples;
        model[QStringLiteral("command")] = QJsonArray{kPython, QStringLiteral("train_cnn.py"),
                                                      QStringLiteral("--epochs"), QStringLiteral("2")};
        e[QStringLiteral("model")] = model;
        QFile file(dir.filePath(QStringLiteral("digits-cnn.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(e).toJson());
        file.close();
        const Result r =
            run({QStringLiteral("run"), file.fileName(), QStringLiteral("--workspace"),
                 dir.filePath(QStringLiteral("ws")), QStringLiteral("--seeds"), QStringLiteral("2")},
                300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const Result stats = run({QStringLiteral("stats"), QStringLiteral("--workspace"),
                                  dir.filePath(QStringLiteral("ws")), QStringLiteral("--json")});
        const auto j = nlohmann::json::parse(stats.out.toStdString());
        QCOMPARE(j["experiments"][0]["seeds"].size(), size_t(2));
        // Two epochs of a small CNN already read many digits (chance is 0.1).
        QVERIFY2(j["experiments"][0]["test"]["mean"].get<double>() > 0.4, stats.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCommandCli)
#include "tst_commandcli.moc"
