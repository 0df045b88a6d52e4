// Command experiments: the user's own program run once per seed (docs/interfaces.md, "Command
// experiments"), driven by tests/command/fake_trainer.py (numpy only).
#include "command/childprocess.h"
#include "command/commandseedengine.h"
#include "command/seedprogramrun.h"
#include "common/inputerror.h"
#include "data/csvreader.h"
#include "data/splitpartswriter.h"
#include "store/experimentlabels.h"
#include "store/resultstore.h"
#include "store/workspace.h"
#include "support/processprobe.h"
#include "sweep/sweeprunner.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <set>
#include <thread>

#include <csignal>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

const QString kTrainer = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/tests/command/fake_trainer.py");
const QString kPython = QStringLiteral(SEEDSCAPE_PYTHON); // Debian's, with numpy

// 60 rows, 3 classes, and cells a numeric loader would refuse: text with commas and quotes.
QByteArray animalsCsv()
{
    QByteArray csv = "name,photo,weight,animal\n";
    const char* animals[] = {"cat", "dog", "fox"};
    for (int i = 0; i < 60; ++i)
        csv += QStringLiteral("\"pet %1, \"\"the %2\"\"\",img/%1.png,%3,%2\n")
                   .arg(i)
                   .arg(QLatin1String(animals[i % 3]))
                   .arg(3.5 + i)
                   .toUtf8();
    return csv;
}

QJsonObject readJson(const QString& path)
{
    return QJsonDocument::fromJson(fileContents(path)).object();
}

// A workspace with the animals data and one command experiment running fake_trainer.py.
class CommandSetup
{
public:
    explicit CommandSetup(const QStringList& trainerArgs, int parallel = 1, double timeoutMinutes = 0)
    {
        QFile data(m_dir.filePath(QStringLiteral("animals.csv")));
        data.open(QIODevice::WriteOnly);
        data.write(animalsCsv());
        data.close();
        QDir(m_dir.path()).mkpath(QStringLiteral("pids"));
        experiment.name = QStringLiteral("animals-cmd");
        experiment.dataset.path = data.fileName();
        experiment.dataset.target = QStringLiteral("animal");
        experiment.model.type = ModelType::Command;
        experiment.model.command.command = QStringList{kPython, kTrainer} + trainerArgs;
        experiment.model.command.parallel = parallel;
        experiment.model.command.timeoutMinutes = timeoutMinutes;
        experiment.metric = Metric::Accuracy;
        workspace.emplace(m_dir.filePath(QStringLiteral("ws")));
        experiment = workspace->add(experiment, m_dir.path());
        data_ = std::make_shared<const PreparedData>(workspace->prepareData(experiment));
    }

    QString pidDir() const { return m_dir.filePath(QStringLiteral("pids")); }
    QString markerDir() const { return m_dir.path(); }
    QString results() const { return workspace->resultsFolder(experiment.name); }

    std::shared_ptr<CommandSeedEngine> engine(int graceMs = 500) const
    {
        auto e =
            std::make_shared<CommandSeedEngine>(experiment, data_, workspace->commandPlaces(experiment.name));
        e->setGraceMilliseconds(graceMs);
        return e;
    }
    SweepItem item(int wanted) const { return {experiment, data_, results(), wanted, engine()}; }
    std::vector<SeedResult> stored() const { return ResultStore(results()).load(true); }
    const PreparedData& data() const { return *data_; }

    Experiment experiment;
    std::optional<Workspace> workspace;

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const PreparedData> data_;
};

// Runs a sweep to its end; collects what the callbacks said.
struct SweepLog
{
    std::mutex mutex;
    std::vector<EpochProgress> epochs;
    std::vector<quint64> started;
};

SweepRunner::Outcome runSweep(const CommandSetup& setup, int wanted, int jobs, SweepLog* log = nullptr)
{
    SweepCallbacks callbacks;
    if (log) {
        callbacks.epochFinished = [log](const QString&, const EpochProgress& p) {
            std::lock_guard lock(log->mutex);
            log->epochs.push_back(p);
        };
        callbacks.seedStarted = [log](const QString&, quint64 seed) {
            std::lock_guard lock(log->mutex);
            log->started.push_back(seed);
        };
    }
    SweepRunner runner(callbacks);
    runner.add(setup.item(wanted));
    runner.start(jobs);
    runner.wait();
    return runner.outcome();
}

std::vector<SeedResult> withStatus(const std::vector<SeedResult>& results, SeedStatus status)
{
    std::vector<SeedResult> out;
    std::copy_if(results.begin(), results.end(), std::back_inserter(out),
                 [status](const SeedResult& r) { return r.status == status; });
    return out;
}

// The most programs that ran at once, from the start and end times they wrote.
int mostAtOnce(const QString& pidDir)
{
    std::vector<std::pair<double, int>> events;
    for (qint64 pid : pidFilesIn(pidDir)) {
        const QList<QByteArray> lines =
            fileContents(pidDir + QLatin1Char('/') + QString::number(pid)).split('\n');
        events.push_back({lines.at(0).split(' ').at(1).toDouble(), +1});
        events.push_back({lines.at(1).toDouble(), -1});
    }
    std::sort(events.begin(), events.end());
    int running = 0, most = 0;
    for (const auto& e : events)
        most = std::max(most, running += e.second);
    return most;
}

} // namespace

class TestCommandEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (kPython.isEmpty())
            QSKIP("Debian's python3 (/usr/bin/python3) is not installed");
    }

    void partsRepeatTheDatasetCellsInLabelOrder()
    {
        CommandSetup setup({});
        const auto engine = setup.engine();
        const QList<QByteArray> val = fileContents(engine->parts().validation).split('\n');
        QCOMPARE(val.front(), QByteArray("name,photo,weight,animal"));
        // Text, commas and quotes come back as written, quoted as CSV needs.
        QVERIFY2(val.at(1).startsWith("\"pet ") && val.at(1).contains(", \"\"the "), val.at(1).constData());
        const PreparedData& data = setup.data();
        const ExperimentLabels labels = ExperimentLabels::fromData(data, Metric::Accuracy);
        const CsvTable table = CsvReader::readFile(engine->parts().validation);
        QCOMPARE(table.rowCount(), static_cast<int>(labels.validation.size()));
        for (int r = 0; r < table.rowCount(); ++r) {
            QCOMPARE(table.rows[r], data.dataset.cells[data.split.validation[r]]);
            QCOMPARE(table.rows[r].at(3), data.dataset.classNames[static_cast<int>(labels.validation[r])]);
        }
        int rows = 0;
        for (const QString& part : {engine->parts().train, engine->parts().validation, engine->parts().test})
            rows += CsvReader::readFile(part).rowCount();
        QCOMPARE(rows, 60);
    }

    void sweepRunsParallelProgramsWithLiveProgress()
    {
        CommandSetup setup({QStringLiteral("--epochs"), QStringLiteral("3"),
                            QStringLiteral("--epoch-seconds"), QStringLiteral("0.3"),
                            QStringLiteral("--pid-dir"), QString()},
                           2);
        setup.experiment.model.command.command.last() = setup.pidDir();
        SweepLog log;
        QCOMPARE(runSweep(setup, 4, 2, &log), SweepRunner::Outcome::Completed);
        const auto results = setup.stored();
        QCOMPARE(withStatus(results, SeedStatus::Finished).size(), size_t(4));
        QCOMPARE(mostAtOnce(setup.pidDir()), 2); // parallel 2: two at once, never more
        for (const SeedResult& r : results) {
            QVERIFY(r.seed >= 1 && r.seed <= 0x7FFFFFFF);
            QCOMPARE(r.engine, QStringLiteral("command"));
            // The program chooses its own device: the stored record names none.
            QVERIFY2(r.device.isEmpty() && r.gpu.isEmpty(), qPrintable(r.device));
            // The scores are Seedscape's own, from the predictions: equal to the program's own.
            const QString output = setup.engine()->runFolder(r.seed) + QStringLiteral("/output");
            const QJsonObject own = readJson(output + QStringLiteral("/own_scores.json"));
            QCOMPARE(r.validationScore, own.value(QStringLiteral("val")).toDouble());
            QCOMPARE(r.testScore, own.value(QStringLiteral("test")).toDouble());
            // The progress lines became the learning curve, and epochs reported live.
            QCOMPARE(r.trainLoss.size(), size_t(3));
            QCOMPARE(r.trainLoss[1], 0.5);
            QCOMPARE(r.validationCurve[2], 0.8);
            int reported = 0;
            for (const EpochProgress& p : log.epochs)
                if (p.seed == r.seed) {
                    ++reported;
                    QCOMPARE(p.epochs, 3);
                    QCOMPARE(p.validationScore, 0.5 + 0.1 * p.epoch);
                    QCOMPARE(p.testScore, 0.45 + 0.1 * p.epoch); // the window's cross
                }
            QCOMPARE(reported, 3);
            // The documented environment.
            const QJsonObject env = readJson(output + QStringLiteral("/env.json"));
            QCOMPARE(env.value(QStringLiteral("SEEDSCAPE_SEED")).toString(), QString::number(r.seed));
            QCOMPARE(env.value(QStringLiteral("SEEDSCAPE_TASK")).toString(), QStringLiteral("multiclass"));
            QCOMPARE(env.value(QStringLiteral("SEEDSCAPE_CLASSES")).toString(), QStringLiteral("3"));
            QCOMPARE(env.value(QStringLiteral("SEEDSCAPE_TARGET")).toString(), QStringLiteral("animal"));
            QCOMPARE(env.value(QStringLiteral("SEEDSCAPE_METRIC")).toString(), QStringLiteral("accuracy"));
            QCOMPARE(env.value(QStringLiteral("SEEDSCAPE_VAL")).toString(),
                     setup.engine()->parts().validation);
            QCOMPARE(env.value(QStringLiteral("SEEDSCAPE_OUTPUT")).toString(), output);
            // stdout goes to the log, progress lines do not.
            const QByteArray logText = fileContents(r.logFile);
            QVERIFY(logText.contains("training seed " + QByteArray::number(r.seed)));
            QVERIFY(logText.contains("epoch 3 done"));
            QVERIFY(!logText.contains("@seedscape"));
        }
    }

    void plantedFailureIsRecordedAndReplaced()
    {
        CommandSetup setup({QStringLiteral("--mode"), QStringLiteral("fail-once"),
                            QStringLiteral("--marker-dir"), QString()});
        setup.experiment.model.command.command.last() = setup.markerDir();
        QCOMPARE(runSweep(setup, 2, 1), SweepRunner::Outcome::Completed);
        const auto results = setup.stored();
        QCOMPARE(withStatus(results, SeedStatus::Finished).size(), size_t(2));
        const auto failed = withStatus(results, SeedStatus::Failed);
        QCOMPARE(failed.size(), size_t(1));
        const SeedResult& f = failed.front();
        QCOMPARE(f.failureReason, QStringLiteral("the program exited with code 3"));
        QCOMPARE(f.stderrTail.size(), 20);
        QCOMPARE(f.stderrTail.last(),
                 QStringLiteral("RuntimeError: planted failure for seed %1").arg(f.seed));
        QVERIFY(fileContents(f.logFile).contains("traceback line 0")); // the log has every line
    }

    void badPredictionsFailTheSeed_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing row") << "missing-row"
                                     << "has no prediction for val row 3 (val has ";
        QTest::newRow("NaN") << "nan"
                             << "not a number: 'nan'";
        QTest::newRow("probability 1.3") << "prob-too-high"
                                         << "a probability must be between 0 and 1, got '1.3'";
        QTest::newRow("no file") << "no-predictions"
                                 << "wrote no";
    }

    void badPredictionsFailTheSeed()
    {
        QFETCH(QString, mode);
        QFETCH(QString, reason);
        CommandSetup setup({QStringLiteral("--mode"), mode});
        QCOMPARE(runSweep(setup, 1, 1), SweepRunner::Outcome::Completed);
        const auto results = setup.stored();
        // Every seed fails the same way: the sweep gives up after max(3, 1) failures.
        QCOMPARE(withStatus(results, SeedStatus::Failed).size(), size_t(3));
        for (const SeedResult& r : results)
            QVERIFY2(r.failureReason.contains(reason), qPrintable(r.failureReason));
    }

    // What the program wrote that Seedscape could not use leaves the seed standing, with warnings
    // that say what and where, kept in its record.
    void ignoredOutputIsWarnedNotFailed()
    {
        CommandSetup setup({QStringLiteral("--mode"), QStringLiteral("noisy")});
        QCOMPARE(runSweep(setup, 1, 1), SweepRunner::Outcome::Completed);
        const auto results = setup.stored(); // read back from the record
        QCOMPARE(results.size(), size_t(1));
        const SeedResult& r = results.front();
        QVERIFY(r.isFinished());
        QCOMPARE(r.validationCurve.size(), size_t(3)); // the good progress lines still count
        QCOMPARE(r.warnings.size(), 2);
        const QRegularExpressionMatch progress =
            QRegularExpression(QStringLiteral("^ignored 3 @seedscape progress lines it could not read \\(the "
                                              "first, log line (\\d+): .+\\)$"))
                .match(r.warnings.at(0));
        QVERIFY2(progress.hasMatch(), qPrintable(r.warnings.at(0)));
        // The line it names is the first malformed one in the log.
        const QList<QByteArray> log = fileContents(r.logFile).split('\n');
        const int line = progress.captured(1).toInt();
        QVERIFY(line >= 1 && line <= log.size());
        QCOMPARE(log.at(line - 1), QByteArray("@seedscape {epoch: 1"));
        QVERIFY2(
            r.warnings.at(1).startsWith(QStringLiteral("predictions.csv: did not read the column 'label' "
                                                       "(it reads split, row and p_0 … p_2)")),
            qPrintable(r.warnings.at(1)));
    }

    // docs/command-experiments.md: every key optional, others ignored, NaN and Infinity left out.
    void timeoutEndsTheProgramAndFailsTheSeed()
    {
        CommandSetup setup(
            {QStringLiteral("--mode"), QStringLiteral("sleep"), QStringLiteral("--pid-dir"), QString()}, 1,
            0.01);
        setup.experiment.model.command.command.last() = setup.pidDir();
        QCOMPARE(runSweep(setup, 1, 1), SweepRunner::Outcome::Completed);
        const auto results = setup.stored();
        QCOMPARE(withStatus(results, SeedStatus::Failed).size(), size_t(3));
        QCOMPARE(results.front().failureReason, QStringLiteral("timed out after 0.6 seconds"));
        QCOMPARE(pidFilesIn(setup.pidDir()).size(), 3);
        for (qint64 pid : pidFilesIn(setup.pidDir()))
            QVERIFY(!processAlive(pid));
    }

    void cancelEndsEveryProgramAndStoresNothing()
    {
        CommandSetup setup(
            {QStringLiteral("--mode"), QStringLiteral("sleep"), QStringLiteral("--pid-dir"), QString()}, 2);
        setup.experiment.model.command.command.last() = setup.pidDir();
        SweepRunner runner;
        runner.add(setup.item(4));
        runner.start(2);
        QVERIFY(waitUntil([&] { return pidFilesIn(setup.pidDir()).size() == 2; }, 20000));
        runner.cancel();
        QVERIFY(runner.waitFor(10000));
        QCOMPARE(runner.outcome(), SweepRunner::Outcome::Cancelled);
        QVERIFY(setup.stored().empty()); // a half-done seed is never counted
        for (qint64 pid : pidFilesIn(setup.pidDir()))
            QVERIFY(waitUntil([pid] { return !processAlive(pid); }, 5000));
    }

    void pauseStopsTheProgramAndResumeContinuesIt()
    {
        CommandSetup setup({QStringLiteral("--epochs"), QStringLiteral("15"),
                            QStringLiteral("--epoch-seconds"), QStringLiteral("0.1"),
                            QStringLiteral("--pid-dir"), QString()});
        setup.experiment.model.command.command.last() = setup.pidDir();
        SweepRunner runner;
        runner.add(setup.item(1));
        runner.start(1);
        QVERIFY(waitUntil([&] { return pidFilesIn(setup.pidDir()).size() == 1; }, 20000));
        const qint64 pid = pidFilesIn(setup.pidDir()).front();
        runner.pause();
        QVERIFY(waitUntil([pid] { return processState(pid) == 'T'; }, 5000));
        QTest::qWait(300);
        QCOMPARE(processState(pid), 'T'); // still stopped, not finished
        runner.resume();
        QVERIFY(waitUntil([pid] { return processState(pid) != 'T'; }, 5000));
        QVERIFY(runner.waitFor(30000));
        QCOMPARE(runner.outcome(), SweepRunner::Outcome::Completed);
        QCOMPARE(withStatus(setup.stored(), SeedStatus::Finished).size(), size_t(1));
    }

    void placeholdersAreReplaced()
    {
        // The program exits 5 when {seed} or {output} differ from its environment.
        CommandSetup setup({QStringLiteral("--seed-arg"), QStringLiteral("{seed}"),
                            QStringLiteral("--output-arg"), QStringLiteral("{output}")});
        QCOMPARE(runSweep(setup, 2, 1), SweepRunner::Outcome::Completed);
        QCOMPARE(withStatus(setup.stored(), SeedStatus::Finished).size(), size_t(2));
    }

    void aProgramThatCannotRunFailsTheSeedWithWhy()
    {
        CommandSetup setup({});
        setup.experiment.model.command.command = {QStringLiteral("no-such-program-seedscape")};
        QCOMPARE(runSweep(setup, 1, 1), SweepRunner::Outcome::Completed);
        const auto results = setup.stored();
        QCOMPARE(results.size(), size_t(3));
        QVERIFY2(results.front().failureReason.startsWith(QStringLiteral(
                     "cannot run the program: no program \"no-such-program-seedscape\" on PATH")),
                 qPrintable(results.front().failureReason));
    }

    // Slurm signals every process of a job at once: a program killed by the signal that also stops
    // the sweep is a cancelled seed (never stored), one killed while the sweep goes on a failed one.
    void aProgramKilledByTheSweepsOwnStopIsCancelledNotFailed()
    {
        QTemporaryDir dir;
        const ChildProcess::Spec dies{QStringLiteral("/bin/sh"),
                                      {QStringLiteral("-c"), QStringLiteral("kill -TERM $$")},
                                      dir.path(),
                                      {QStringLiteral("PATH=/usr/bin:/bin")}};
        std::atomic<bool> cancel{false};
        TrainingControl control;
        control.cancel = &cancel;
        // The stop reaches the sweep a moment after the program died of it.
        std::thread stop([&] {
            QThread::msleep(300);
            cancel = true;
        });
        const SeedProgramRun::Result stopped =
            SeedProgramRun::run(dies, dir.filePath(QStringLiteral("a.log")), 0, 1, control);
        stop.join();
        QCOMPARE(stopped.end, SeedProgramRun::End::Cancelled);

        cancel = false;
        const SeedProgramRun::Result killed =
            SeedProgramRun::run(dies, dir.filePath(QStringLiteral("b.log")), 0, 1, control);
        QCOMPARE(killed.end, SeedProgramRun::End::Exited);
        QVERIFY(!killed.succeeded());
        QCOMPARE(killed.description, QStringLiteral("was killed by signal 15 (SIGTERM)"));
    }

    void childProcessRefusesAFileThatIsNotExecutable()
    {
        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("train.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("echo hi\n");
        script.close();
        try {
            ChildProcess process({script.fileName(), {}, dir.path(), {}});
            QFAIL("started a file that is not executable");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("Permission denied")), e.what());
        }
        // Executable, but a script without "#!": the message says what it lacks.
        QVERIFY(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
        try {
            ChildProcess process({script.fileName(), {}, dir.path(), {}});
            QFAIL("started a script without a #! line");
        } catch (const std::runtime_error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QStringLiteral("Exec format error")) &&
                         message.contains(QStringLiteral("a script needs a #! line naming its interpreter")),
                     e.what());
        }
    }

    void childProcessReportsExitCodeSignalAndLines()
    {
        const auto run = [](const QStringList& args) {
            auto process = std::make_unique<ChildProcess>(ChildProcess::Spec{
                QStringLiteral("/bin/sh"), args, QDir::tempPath(), {QStringLiteral("PATH=/usr/bin:/bin")}});
            QStringList lines;
            while (!process->hasEnded())
                process->poll(100, [&](ChildProcess::Stream s, const QByteArray& line) {
                    lines << (s == ChildProcess::Stream::Out ? QStringLiteral("out:")
                                                             : QStringLiteral("err:")) +
                                 QString::fromUtf8(line);
                });
            return std::make_pair(std::move(process), lines);
        };
        const auto [exited, lines] =
            run({QStringLiteral("-c"), QStringLiteral("echo one; echo two >&2; printf three; exit 4")});
        QCOMPARE(exited->exitCode(), 4);
        QCOMPARE(exited->endDescription(), QStringLiteral("exited with code 4"));
        QVERIFY(lines.contains(QStringLiteral("out:one")));
        QVERIFY(lines.contains(QStringLiteral("err:two")));
        QVERIFY(lines.contains(QStringLiteral("out:three"))); // the last line without a line break
        const auto [killed, none] = run({QStringLiteral("-c"), QStringLiteral("kill -9 $$")});
        QCOMPARE(killed->signal(), SIGKILL);
        QCOMPARE(killed->endDescription(), QStringLiteral("was killed by signal 9 (SIGKILL)"));
    }
};

QTEST_GUILESS_MAIN(TestCommandEngine)
#include "tst_commandengine.moc"
