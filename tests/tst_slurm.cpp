// Sweeps on a real one-node Slurm cluster (tests/slurm/localcluster.sh: munged, slurmctld, slurmd
// started for this test and stopped after it): submit, jobs, cancel-job and the array tasks, through
// the real seedscape-cli. No mocks of Slurm. Skipped where Slurm's daemons are not installed.
#include "support/localslurmcluster.h"
#include "support/processprobe.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace seedscape::testsupport;

namespace {

const QString kCli = QStringLiteral(SEEDSCAPE_CLI);
const QString kPython = QStringLiteral(SEEDSCAPE_PYTHON);
const QString kTrainer = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/tests/command/fake_trainer.py");

using Result = ProgramOutput;

Result cli(const QStringList& args, const QProcessEnvironment& env = {})
{
    return runProgram(kCli, args, env);
}

QJsonObject readJson(const QString& path)
{
    return QJsonDocument::fromJson(fileContents(path)).object();
}

int storedSeeds(const QString& results, const QString& status = QStringLiteral("finished"))
{
    int n = 0;
    for (const QString& name : QDir(results).entryList({QStringLiteral("seed-*.json")}, QDir::Files))
        n += readJson(results + QLatin1Char('/') + name).value(QStringLiteral("status")).toString() == status;
    return n;
}

} // namespace

class TestSlurm : public QObject
{
    Q_OBJECT

private:
    // In the system temporary folder: the test cluster's node is this machine, so it sees it.
    QTemporaryDir m_root;
    std::unique_ptr<LocalSlurmCluster> m_cluster;

    // A '%' in the path, which sbatch reads as a pattern ("%j": the job id) unless it is escaped.
    QString workspace() const { return m_root.filePath(QStringLiteral("ws-50%j")); }

    // The jobs of the workspace, as `jobs --json` tells them.
    QJsonArray jobs()
    {
        const Result r = cli(
            {QStringLiteral("jobs"), QStringLiteral("--workspace"), workspace(), QStringLiteral("--json")});
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("jobs")).toArray();
    }
    QJsonObject job(const QString& id)
    {
        for (const QJsonValue& j : jobs())
            if (j.toObject().value(QStringLiteral("job_id")).toString() == id)
                return j.toObject();
        return {};
    }
    bool jobEnded(const QString& id)
    {
        const QString state = job(id).value(QStringLiteral("state")).toString();
        return !state.isEmpty() && state != QLatin1String("pending") && state != QLatin1String("running");
    }

    // An experiment file: a quick built-in MLP, or fake_trainer.py with extra arguments.
    QString writeExperiment(const QString& name, const QStringList& trainerArgs = {}, bool command = false,
                            const QString& data = QStringLiteral(SEEDSCAPE_SOURCE_DIR
                                                                 "/resources/datasets/wine.csv"))
    {
        QJsonObject e{
            {QStringLiteral("format"), 1},
            {QStringLiteral("name"), name},
            {QStringLiteral("dataset"), QJsonObject{{QStringLiteral("path"), data},
                                                    {QStringLiteral("target"), QStringLiteral("cultivar")}}},
            {QStringLiteral("metric"), QStringLiteral("accuracy")}};
        if (command) {
            QJsonArray argv{kPython, kTrainer};
            for (const QString& a : trainerArgs)
                argv << a;
            e[QStringLiteral("model")] = QJsonObject{{QStringLiteral("type"), QStringLiteral("command")},
                                                     {QStringLiteral("command"), argv}};
        } else {
            e[QStringLiteral("model")] = QJsonObject{{QStringLiteral("hidden"), QJsonArray{16}}};
            e[QStringLiteral("training")] = QJsonObject{{QStringLiteral("epochs"), 10}};
        }
        const QString path = m_root.filePath(name + QStringLiteral(".json"));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(e).toJson());
        return path;
    }

    // What the queue, the workspace and the daemons' logs say of a job, for a failure's message.
    QString diagnosis(const QString& id)
    {
        return QString::fromUtf8(
                   runProgram(QStringLiteral("squeue"), {QStringLiteral("-r")}).out +
                   cli({QStringLiteral("jobs"), QStringLiteral("--workspace"), workspace()}).out) +
               m_cluster->logLines(QStringLiteral("JobId=%1_").arg(id)) +
               m_cluster->logLines(QStringLiteral("revoked"));
    }

    QString submit(const QStringList& args)
    {
        const Result r = cli(QStringList{QStringLiteral("submit")} + args);
        if (r.exitCode != 0)
            qWarning("submit failed: %s", r.err.constData());
        return QString::fromUtf8(r.out).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        m_cluster = std::make_unique<LocalSlurmCluster>(m_root.filePath(QStringLiteral("cluster")));
        if (m_cluster->state() == LocalSlurmCluster::State::NotInstalled)
            QSKIP(qPrintable(m_cluster->problem()));
        QVERIFY2(m_cluster->state() == LocalSlurmCluster::State::Running, qPrintable(m_cluster->problem()));
    }

    void cleanupTestCase() { m_cluster.reset(); } // stops every daemon

    void builtInAndCommandExperimentsRunAsJobArrays()
    {
        QElapsedTimer clock;
        clock.start();
        const QString mlp =
            submit({writeExperiment(QStringLiteral("wine-mlp")), QStringLiteral("--workspace"), workspace(),
                    QStringLiteral("--seeds"), QStringLiteral("6"), QStringLiteral("--seeds-per-task"),
                    QStringLiteral("3")});
        const QString command = submit(
            {writeExperiment(QStringLiteral("wine-cmd"), {QStringLiteral("--epochs"), QStringLiteral("2")},
                             true),
             QStringLiteral("--workspace"), workspace(), QStringLiteral("--seeds"), QStringLiteral("3")});
        QVERIFY(!mlp.isEmpty() && !command.isEmpty());
        QVERIFY(waitUntil([&] { return jobEnded(mlp) && jobEnded(command); }, 180000));
        qInfo("9 seeds in 5 tasks, submit to last seed: %.1f s", clock.elapsed() / 1000.0);
        QCOMPARE(storedSeeds(workspace() + QStringLiteral("/results/wine-mlp")), 6);
        QCOMPARE(storedSeeds(workspace() + QStringLiteral("/results/wine-cmd")), 3);
        // jobs --json agrees with the workspace.
        const QJsonObject m = job(mlp), c = job(command);
        QCOMPARE(m.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
        QCOMPARE(m.value(QStringLiteral("engine")).toString(), QStringLiteral("batched"));
        QCOMPARE(m.value(QStringLiteral("tasks")).toArray().size(), 2); // 3 seeds per task
        QCOMPARE(c.value(QStringLiteral("tasks")).toArray().size(), 3); // a command seed per task
        for (const QJsonObject& j : {m, c})
            for (const QJsonValue& t : j.value(QStringLiteral("tasks")).toArray()) {
                QCOMPARE(t.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
                QCOMPARE(t.toObject().value(QStringLiteral("finished_seeds")).toInt(),
                         t.toObject().value(QStringLiteral("seeds")).toArray().size());
            }
        // Nothing is missing now: a second submit submits nothing.
        const Result again =
            cli({QStringLiteral("submit"), writeExperiment(QStringLiteral("wine-mlp")),
                 QStringLiteral("--workspace"), workspace(), QStringLiteral("--seeds"), QStringLiteral("6")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.trimmed().isEmpty());
        QVERIFY(again.err.contains("nothing to submit"));
    }

    void aCancelledTaskLosesOnlyItsSeedAndARequeuedOneTrainsNoSeedTwice()
    {
        const QString file = writeExperiment(QStringLiteral("slow-cmd"),
                                             // 6 s a seed: time for scancel and requeue to land
                                             // while the second seeds train, even on a loaded machine.
                                             {QStringLiteral("--epochs"), QStringLiteral("30"),
                                              QStringLiteral("--epoch-seconds"), QStringLiteral("0.2")},
                                             true);
        const QString results = workspace() + QStringLiteral("/results/slow-cmd");
        // Task 0: two seeds one after the other; task 1: two more.
        const QString id =
            submit({file, QStringLiteral("--workspace"), workspace(), QStringLiteral("--seeds"),
                    QStringLiteral("4"), QStringLiteral("--seeds-per-task"), QStringLiteral("2")});
        QVERIFY(!id.isEmpty());
        const QJsonArray tasks = job(id).value(QStringLiteral("tasks")).toArray();
        QCOMPARE(tasks.size(), 2);
        const auto seedsOf = [&](int task) {
            QList<quint64> seeds;
            for (const QJsonValue& s : tasks[task].toObject().value(QStringLiteral("seeds")).toArray())
                seeds << static_cast<quint64>(s.toDouble());
            return seeds;
        };
        const auto stored = [&](quint64 seed) {
            return QFile::exists(results + QStringLiteral("/seed-%1.json").arg(seed));
        };
        // Task 0 stored its first seed and trains its second: scancel it.
        QVERIFY(waitUntil([&] { return stored(seedsOf(0)[0]); }, 60000));
        QVERIFY(!stored(seedsOf(0)[1]));
        // Task 1 stored its first seed: requeue it (ended, then queued again by Slurm).
        QVERIFY(waitUntil([&] { return stored(seedsOf(1)[0]); }, 60000));
        const QByteArray firstRecord =
            fileContents(results + QStringLiteral("/seed-%1.json").arg(seedsOf(1)[0]));
        QCOMPARE(runProgram(QStringLiteral("scancel"), {id + QStringLiteral("_0")}).exitCode, 0);
        QCOMPARE(
            runProgram(QStringLiteral("scontrol"), {QStringLiteral("requeue"), id + QStringLiteral("_1")})
                .exitCode,
            0);
        // Slurm holds a requeued task for two minutes, for good reason: slurmd refuses to launch a job
        // whose credential it revoked when it killed the first run, and compares whole seconds, so a
        // second run started in the second of that kill dies unlaunched and leaves the queue (1 run
        // in ~20 under load). Release the task early only once its first run has ended and a second
        // has passed since.
        const auto taskState = [&](int task) {
            return job(id)
                .value(QStringLiteral("tasks"))
                .toArray()[task]
                .toObject()
                .value(QStringLiteral("state"))
                .toString();
        };
        const auto squeueState = [&] {
            return runProgram(QStringLiteral("squeue"),
                              {QStringLiteral("-h"), QStringLiteral("-r"), QStringLiteral("-j"),
                               id + QStringLiteral("_1"), QStringLiteral("-o"), QStringLiteral("%T")})
                .out.trimmed();
        };
        QVERIFY2(waitUntil(
                     [&] {
                         const QJsonObject record =
                             readJson(job(id).value(QStringLiteral("folder")).toString() +
                                      QStringLiteral("/task-1.json"));
                         // Its end: "cancelled", or "finished" had the kill come after its last seed.
                         const QString state = record.value(QStringLiteral("state")).toString();
                         return squeueState() == "PENDING" && !state.isEmpty() &&
                                state != QLatin1String("running");
                     },
                     30000),
                 qPrintable(diagnosis(id)));
        // What the first run stored is what the second must skip (1, unless the kill came late).
        const int storedByTheFirstRun = int(stored(seedsOf(1)[0])) + int(stored(seedsOf(1)[1]));
        QVERIFY(storedByTheFirstRun >= 1);
        QTest::qWait(2000);
        QCOMPARE(runProgram(QStringLiteral("scontrol"),
                            {QStringLiteral("update"), QStringLiteral("JobId=%1_1").arg(id),
                             QStringLiteral("StartTime=now")})
                     .exitCode,
                 0);
        // Until the requeued task runs, its record still holds the first run's end (cancelled); under
        // load squeue can miss it for a moment between requeue and start. Wait for its second end.
        QVERIFY2(waitUntil([&] { return jobEnded(id) && taskState(1) == QLatin1String("finished"); }, 120000),
                 qPrintable(diagnosis(id)));

        const QJsonArray after = job(id).value(QStringLiteral("tasks")).toArray();
        QCOMPARE(after[0].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(after[1].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
        QVERIFY(stored(seedsOf(0)[0])); // the finished seed stays
        QVERIFY2(
            !stored(seedsOf(0)[1]), // the running one is lost, never half-stored
            fileContents(results + QStringLiteral("/seed-%1.json").arg(seedsOf(0)[1])).left(600).constData());
        QVERIFY(stored(seedsOf(1)[1]));
        // The requeued task skipped its stored seed: the same record, byte for byte.
        QCOMPARE(fileContents(results + QStringLiteral("/seed-%1.json").arg(seedsOf(1)[0])), firstRecord);
        const QJsonObject record =
            readJson(job(id).value(QStringLiteral("folder")).toString() + QStringLiteral("/task-1.json"));
        QCOMPARE(record.value(QStringLiteral("restarts")).toInt(), 1);
        QCOMPARE(record.value(QStringLiteral("skipped_seeds")).toInt(), storedByTheFirstRun);
        QCOMPARE(storedSeeds(results), 3);

        // Submitting again draws only the missing seed.
        const QString more = submit({file, QStringLiteral("--workspace"), workspace(),
                                     QStringLiteral("--seeds"), QStringLiteral("4")});
        QVERIFY(!more.isEmpty());
        QCOMPARE(job(more).value(QStringLiteral("seeds")).toInt(), 1);
        QVERIFY(waitUntil([&] { return jobEnded(more); }, 60000));
        QCOMPARE(storedSeeds(results), 4);
    }

    void cancelJobCancelsAPendingJob()
    {
        const QString id = submit({writeExperiment(QStringLiteral("later")), QStringLiteral("--workspace"),
                                   workspace(), QStringLiteral("--seeds"), QStringLiteral("2"),
                                   QStringLiteral("--sbatch-arg"), QStringLiteral("--begin=now+1hour")});
        QVERIFY(!id.isEmpty());
        QCOMPARE(job(id).value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
        // Pending seeds count as on their way: a second submit adds none.
        const Result twice =
            cli({QStringLiteral("submit"), writeExperiment(QStringLiteral("later")),
                 QStringLiteral("--workspace"), workspace(), QStringLiteral("--seeds"), QStringLiteral("2")});
        QVERIFY(twice.err.contains("nothing to submit"));
        const Result r = cli({QStringLiteral("cancel-job"), QStringLiteral("--workspace"), workspace(),
                              QStringLiteral("--job"), id});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(waitUntil([&] { return jobEnded(id); }, 30000));
        const QJsonObject j = job(id);
        QCOMPARE(j.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(j.value(QStringLiteral("tasks"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("cancelled before it started"));
        QCOMPARE(storedSeeds(workspace() + QStringLiteral("/results/later")), 0);
        const Result unknown = cli({QStringLiteral("cancel-job"), QStringLiteral("--workspace"), workspace(),
                                    QStringLiteral("--job"), QStringLiteral("999999")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("no submitted job 999999"));
    }

    void clearErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown partition")
            << QStringList{QStringLiteral("--partition"), QStringLiteral("nope")}
            << "the cluster has no partition \"nope\"; it has: debug, remote";
        QTest::addRow("sbatch's rejection")
            << QStringList{QStringLiteral("--sbatch-arg"), QStringLiteral("--mem=999999999")}
            << "sbatch refused the job: ";
        QTest::addRow("workspace the nodes cannot see")
            << QStringList{QStringLiteral("--partition"), QStringLiteral("remote"),
                           QStringLiteral("--workspace"), QStringLiteral("/tmp/seedscape-tst_slurm-local")}
            << "is on /tmp, which only this machine sees, but the tasks run on ghost-host";
    }

    void clearErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QStringList args{QStringLiteral("submit"), writeExperiment(QStringLiteral("refused")),
                         QStringLiteral("--seeds"), QStringLiteral("2")};
        if (!extra.contains(QStringLiteral("--workspace")))
            args << QStringLiteral("--workspace") << workspace();
        const Result r = cli(args + extra);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("seedscape-cli: ") && r.err.contains(message.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1); // one line
        QVERIFY(
            !QFileInfo::exists(workspace() + QStringLiteral("/results/refused/slurm")) ||
            QDir(workspace() + QStringLiteral("/results/refused/slurm")).isEmpty()); // nothing half-submitted
        QDir(QStringLiteral("/tmp/seedscape-tst_slurm-local")).removeRecursively();
    }

    void withoutSbatchSubmitSaysWhatIsMissing()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATH"), m_root.filePath(QStringLiteral("empty-bin")));
        const QString ws = m_root.filePath(QStringLiteral("ws-no-slurm"));
        const Result r = cli({QStringLiteral("submit"), writeExperiment(QStringLiteral("nowhere")),
                              QStringLiteral("--workspace"), ws},
                             env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("sbatch is not on PATH"), r.err.constData());
        QVERIFY(!QFileInfo::exists(ws)); // nothing changed
    }

    void aTaskThatCannotStartAndADamagedRecordAreSaid()
    {
        // Slurm cannot open this output file, so the task leaves the queue without starting: nobody
        // cancelled it, and the reason must not say so.
        const QString id =
            submit({writeExperiment(QStringLiteral("nostart")), QStringLiteral("--workspace"), workspace(),
                    QStringLiteral("--seeds"), QStringLiteral("1"), QStringLiteral("--sbatch-arg"),
                    QStringLiteral("--output=/nonexistent-seedscape/task-%a.out")});
        QVERIFY(!id.isEmpty());
        QVERIFY2(waitUntil([&] { return jobEnded(id); }, 60000), qPrintable(diagnosis(id)));
        const QJsonObject task = job(id).value(QStringLiteral("tasks")).toArray()[0].toObject();
        QCOMPARE(
            task.value(QStringLiteral("reason")).toString(),
            QStringLiteral("left the queue without starting: cancelled, or Slurm could not start it (sacct "
                           "-j %1_0 says which)")
                .arg(id));

        // Its record damaged: named by jobs, and submit will not count past a job it cannot read.
        const QString record =
            job(id).value(QStringLiteral("folder")).toString() + QStringLiteral("/job.json");
        QVERIFY(QFile::resize(record, 30));
        const Result listed = cli({QStringLiteral("jobs"), QStringLiteral("--workspace"), workspace()});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(listed.err.contains(record.toUtf8()) && listed.err.contains("its job is not shown"),
                 listed.err.constData());
        const Result refused =
            cli({QStringLiteral("submit"), writeExperiment(QStringLiteral("nostart")),
                 QStringLiteral("--workspace"), workspace(), QStringLiteral("--seeds"), QStringLiteral("2")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("so the seeds of its job cannot be counted"), refused.err.constData());
    }

    void aTaskRefusesDataEditedAfterSubmitting()
    {
        const QString data = m_root.filePath(QStringLiteral("wine-edited.csv"));
        QVERIFY(QFile::copy(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/wine.csv"), data));
        QFile::setPermissions(data, QFile::ReadOwner | QFile::WriteOwner);
        const QString id =
            submit({writeExperiment(QStringLiteral("edited"), {}, false, data), QStringLiteral("--workspace"),
                    workspace(), QStringLiteral("--seeds"), QStringLiteral("1"),
                    QStringLiteral("--sbatch-arg"), QStringLiteral("--begin=now+8")});
        QVERIFY(!id.isEmpty());
        // Before the task starts, cultivars 0 and 1 trade names in the file: other truth, same rows.
        QFile f(data);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        f.close();
        const qsizetype target = lines.front().trimmed().split(',').indexOf("cultivar");
        QVERIFY(target >= 0);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const bool crlf = lines[i].endsWith('\r'); // the shipped file's line ends
            QList<QByteArray> cells = lines[i].trimmed().split(',');
            if (cells.size() > target)
                cells[target] = cells[target] == "0" ? "1" : cells[target] == "1" ? "0" : cells[target];
            lines[i] = cells.join(',') + (crlf ? "\r" : "");
        }
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(lines.join('\n'));
        f.close();
        QVERIFY2(waitUntil([&] { return jobEnded(id); }, 90000), qPrintable(diagnosis(id)));
        const QJsonObject task = job(id).value(QStringLiteral("tasks")).toArray()[0].toObject();
        QCOMPARE(task.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY2(
            task.value(QStringLiteral("reason"))
                .toString()
                .contains(QStringLiteral("the data changed since 'edited''s truth was stored (when its job "
                                         "was submitted)")),
            qPrintable(task.value(QStringLiteral("reason")).toString()));
        QCOMPARE(storedSeeds(workspace() + QStringLiteral("/results/edited")), 0);
    }
};

QTEST_GUILESS_MAIN(TestSlurm)
#include "tst_slurm.moc"
