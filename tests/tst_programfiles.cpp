// A command experiment's program files (core/command/programfiles.h): which files a command names,
// and how an edit of one is kept from mixing two programs in one experiment's seeds: a finished
// seed's record names what it ran, a sweep refuses seeds of an edited program, a seed started after
// an edit during the sweep fails, and a Slurm task refuses a program edited since it was submitted;
// the files and folders model.watch adds (the modules a script imports), and which of them count.
#include "command/commandseedengine.h"
#include "command/programfiles.h"
#include "common/fnv1a.h"
#include "common/inputerror.h"
#include "experiment/experimentfingerprint.h"
#include "slurm/slurmjob.h"
#include "slurm/slurmtaskrecord.h"
#include "slurm/slurmtaskrunner.h"
#include "store/resultstore.h"
#include "store/seedresultfile.h"
#include "store/workspace.h"
#include "support/processprobe.h"
#include "sweep/sweepexperiment.h"
#include "sweep/sweeprunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

const QString kTrainer = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/tests/command/fake_trainer.py");
const QString kPython = QStringLiteral(SEEDSCAPE_PYTHON); // Debian's, with numpy

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

// A workspace with one command experiment whose program is a copy of fake_trainer.py in its own
// folder, programs/trainer.py, so that the test can edit it.
class EditableProgram
{
public:
    EditableProgram()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral("programs"));
        QVERIFY(QFile::copy(kTrainer, script()));
        QByteArray csv("size,animal\n");
        for (int i = 0; i < 40; ++i)
            csv += QByteArray::number(i) + (i % 2 ? ",cat\n" : ",dog\n");
        writeFile(m_dir.filePath(QStringLiteral("animals.csv")), csv);
        experiment.name = QStringLiteral("animals-cmd");
        experiment.dataset.path = m_dir.filePath(QStringLiteral("animals.csv"));
        experiment.dataset.target = QStringLiteral("animal");
        experiment.model.type = ModelType::Command;
        experiment.model.command.command = {kPython, QStringLiteral("trainer.py"), QStringLiteral("--epochs"),
                                            QStringLiteral("1")};
        experiment.model.command.workdir = QStringLiteral("programs");
        experiment.metric = Metric::Accuracy;
        workspace.emplace(m_dir.filePath(QStringLiteral("ws")));
        experiment = workspace->add(experiment, m_dir.path());
        data = std::make_shared<const PreparedData>(workspace->prepareData(experiment));
    }

    QString script() const { return m_dir.filePath(QStringLiteral("programs/trainer.py")); }
    QString results() const { return workspace->resultsFolder(experiment.name); }
    void edit() const
    {
        QFile file(script());
        QVERIFY(file.open(QIODevice::Append));
        file.write("# a comment: any edit is another program\n");
    }
    std::shared_ptr<CommandSeedEngine> engine() const
    {
        return std::make_shared<CommandSeedEngine>(experiment, data,
                                                   workspace->commandPlaces(experiment.name));
    }
    SweepRunner::Outcome sweep(int wanted, std::shared_ptr<const SeedEngine> engine = {}) const
    {
        SweepRunner runner;
        runner.add({experiment, data, results(), wanted, engine ? engine : this->engine()});
        runner.start(1);
        runner.wait();
        return runner.outcome();
    }
    std::vector<SeedResult> stored(SeedStatus status) const
    {
        std::vector<SeedResult> out;
        for (const SeedResult& r : ResultStore(results()).load(false))
            if (r.status == status)
                out.push_back(r);
        return out;
    }

    Experiment experiment;
    std::optional<Workspace> workspace;
    std::shared_ptr<const PreparedData> data;

private:
    QTemporaryDir m_dir;
};

} // namespace

class TestProgramFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (kPython.isEmpty())
            QSKIP("no /usr/bin/python3");
    }

    void theCommandsOwnFilesAreNamedAndNothingElse()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("train.py")), "print('train')\n");
        writeFile(dir.filePath(QStringLiteral("config.yaml")), "lr: 0.1\n");
        writeFile(dir.filePath(QStringLiteral("run.sh")), "#!/bin/sh\n");
        writeFile(dir.filePath(QStringLiteral("{seed}")), "a file named like a placeholder\n");
        QDir(dir.path()).mkpath(QStringLiteral("checkpoints"));
        CommandSpec spec;
        spec.workdir = dir.path();
        spec.command = {QStringLiteral("/usr/bin/python3"), // installed software
                        QStringLiteral("train.py"),
                        QStringLiteral("--config=config.yaml"), // the value of an option
                        QStringLiteral("--lr"),
                        QStringLiteral("0.1"),
                        QStringLiteral("{seed}"),      // a placeholder, even where a file has its name
                        QStringLiteral("checkpoints"), // a folder
                        QStringLiteral("missing.py"),  // no such file
                        QStringLiteral("/etc/hostname")};
        ProgramFiles files = ProgramFiles::read(spec, QStringLiteral("/"));
        QCOMPARE(files.hashes().keys(),
                 (QStringList{QStringLiteral("config.yaml"), QStringLiteral("train.py")}));
        QCOMPARE(files.hashes().value(QStringLiteral("train.py")), fnv1a64("print('train')\n"));
        QCOMPARE(files.hashes().value(QStringLiteral("config.yaml")), fnv1a64("lr: 0.1\n"));

        // The program is a file of its own when named with a '/', and taken from PATH otherwise.
        spec.command = {QStringLiteral("./run.sh")};
        QCOMPARE(ProgramFiles::read(spec, {}).hashes().keys(), QStringList{QStringLiteral("./run.sh")});
        spec.command = {QStringLiteral("run.sh")};
        QVERIFY(ProgramFiles::read(spec, {}).isEmpty());
        // A relative workdir is taken from the base folder.
        spec.workdir = QDir(QStringLiteral("/")).relativeFilePath(dir.path());
        spec.command = {QStringLiteral("python3"), QStringLiteral("train.py")};
        QCOMPARE(ProgramFiles::read(spec, QStringLiteral("/")).hashes().keys(),
                 QStringList{QStringLiteral("train.py")});
    }

    void watchedFilesAndFoldersJoinTheCommandsFiles()
    {
        QTemporaryDir dir;
        const QDir root(dir.path());
        for (const char* folder : {"src/nn", "src/__pycache__", "src/.git", "data"})
            QVERIFY(root.mkpath(QString::fromLatin1(folder)));
        const QStringList files{QStringLiteral("train.py"),
                                QStringLiteral("model.py"),
                                QStringLiteral("src/layers.py"),
                                QStringLiteral("src/conf.YAML"),
                                QStringLiteral("src/nn/deep.py"),
                                QStringLiteral("src/data.csv"),
                                QStringLiteral("src/notes.md"),
                                QStringLiteral("src/.secret.py"),
                                QStringLiteral("src/__pycache__/layers.cpython-311.py"),
                                QStringLiteral("src/.git/hook.sh"),
                                QStringLiteral("data/big.json")};
        for (const QString& file : files)
            writeFile(root.filePath(file), file.toUtf8());
        // A link to a folder is not followed (here it would lead round in a circle).
        QVERIFY(
            QFile::link(root.filePath(QStringLiteral("src")), root.filePath(QStringLiteral("src/nn/up"))));
        CommandSpec spec;
        spec.workdir = dir.path();
        spec.command = {QStringLiteral("python3"), QStringLiteral("train.py")};
        spec.watch = {QStringLiteral("model.py"), QStringLiteral("src/")};
        const ProgramFiles read = ProgramFiles::read(spec, QStringLiteral("/"));
        QCOMPARE(read.hashes().keys(),
                 (QStringList{QStringLiteral("model.py"), QStringLiteral("src/conf.YAML"),
                              QStringLiteral("src/layers.py"), QStringLiteral("src/nn/deep.py"),
                              QStringLiteral("train.py")}));
        QCOMPARE(read.hashes().value(QStringLiteral("src/nn/deep.py")), fnv1a64("src/nn/deep.py"));
        for (qsizetype i = 0; i < spec.watch.size(); ++i)
            QCOMPARE(spec.watchProblem(i, dir.path(), QStringLiteral("/nowhere")), QString());
    }

    void aPathThatCannotBeWatchedIsNamed()
    {
        QTemporaryDir dir;
        const QDir root(dir.path());
        QVERIFY(root.mkpath(QStringLiteral("ws")) && root.mkpath(QStringLiteral("code")) &&
                root.mkpath(QStringLiteral("logs")));
        writeFile(root.filePath(QStringLiteral("logs/run.log")), "epoch 1\n");
        for (int i = 0; i <= CommandSpec::kMaxWatchedFiles; ++i)
            writeFile(root.filePath(QStringLiteral("code/m%1.py").arg(i)), "pass\n");
        Experiment e;
        e.model.type = ModelType::Command;
        e.model.command.command = {kPython};
        e.model.command.workdir = QStringLiteral("..");
        const QString experimentFile = root.filePath(QStringLiteral("ws/e.json"));
        const auto problem = [&](const QString& watched) -> QString {
            e.model.command.watch = {QStringLiteral("code/m1.py"), watched};
            try {
                e.model.command.requireRunnable(experimentFile);
                return {};
            } catch (const InputError& error) {
                if (error.where().field != QStringLiteral("model.watch[1]"))
                    return QStringLiteral("named ") + error.where().field;
                return QString(error.problem()).replace(dir.path(), QStringLiteral("DIR"));
            }
        };
        QCOMPARE(problem(QStringLiteral("model.py")), QStringLiteral("DIR/model.py does not exist"));
        QCOMPARE(problem(QStringLiteral("ws/..")),
                 QStringLiteral("the folder DIR holds the workspace, whose results change with every seed; "
                                "watch the files or folders of your code instead"));
        QCOMPARE(problem(QStringLiteral("code")),
                 QStringLiteral("the folder DIR/code holds more than 2000 code and configuration files (or "
                                "entries to look through); watch the folders of your code instead"));
        QCOMPARE(problem(QStringLiteral("logs")),
                 QStringLiteral("the folder DIR/logs holds no code or configuration files (.py, .yaml, "
                                ".json, .sh, .cpp and the like, known by their extension)"));
        QCOMPARE(problem(QStringLiteral("code/m2000.py")), QString()); // a file of a large folder is fine

        // A sweep's seeds fail with the same words rather than run unwatched.
        EditableProgram setup;
        setup.experiment.model.command.watch = {QStringLiteral("gone.py")};
        setup.sweep(1);
        const std::vector<SeedResult> failed = setup.stored(SeedStatus::Failed);
        QVERIFY(!failed.empty());
        QVERIFY2(failed.front().failureReason.startsWith(QStringLiteral("cannot watch model.watch[0]: ")) &&
                     failed.front().failureReason.endsWith(QStringLiteral("programs/gone.py does not exist")),
                 qPrintable(failed.front().failureReason));
    }

    void anEditedWatchedModuleIsRefusedAndANewlyWatchedOneIsNot()
    {
        EditableProgram setup;
        const QString module = QFileInfo(setup.script()).absolutePath() + QStringLiteral("/model.py");
        writeFile(module, "WIDTH = 64\n");
        QCOMPARE(setup.sweep(2), SweepRunner::Outcome::Completed);
        // Watching it from now on: the seeds before did not record it, so they cannot be said to
        // have run another version, and the definition still means the same.
        const QString fingerprint = experimentFingerprint(setup.experiment);
        setup.experiment.model.command.watch = {QStringLiteral("model.py")};
        QCOMPARE(experimentFingerprint(setup.experiment), fingerprint);
        QCOMPARE(setup.sweep(3), SweepRunner::Outcome::Completed);
        QCOMPARE(setup.stored(SeedStatus::Finished).size(), size_t(3));
        QCOMPARE(
            setup.stored(SeedStatus::Finished).back().programFiles.hashes().value(QStringLiteral("model.py")),
            fnv1a64("WIDTH = 64\n"));

        writeFile(module, "WIDTH = 128\n");
        try {
            setup.sweep(4);
            QFAIL("a sweep added seeds after a watched module was edited");
        } catch (const InputError& e) {
            // Only the seed that recorded the module ran another version of it.
            QVERIFY2(e.message().contains(QStringLiteral("has 1 finished seed that ran another version of "
                                                         "model.py; new seeds would mix two programs")),
                     qPrintable(e.message()));
        }

        // During a sweep, too.
        writeFile(module, "WIDTH = 64\n");
        const auto engine = setup.engine();
        writeFile(module, "WIDTH = 32\n");
        setup.sweep(4, engine);
        QCOMPARE(setup.stored(SeedStatus::Finished).size(), size_t(3));
        QCOMPARE(setup.stored(SeedStatus::Failed).front().failureReason,
                 QStringLiteral("model.py changed since the sweep started; this seed would run another "
                                "program than the seeds before it"));
    }

    void changedSinceNamesEditedAndGoneFilesButNotNewOnes()
    {
        const ProgramFiles before(
            {{QStringLiteral("a.py"), QStringLiteral("1")}, {QStringLiteral("b.py"), QStringLiteral("2")}});
        const ProgramFiles after(
            {{QStringLiteral("a.py"), QStringLiteral("1")}, {QStringLiteral("c.yaml"), QStringLiteral("3")}});
        QCOMPARE(after.changedSince(before), QStringList{QStringLiteral("b.py")});
        QVERIFY(before.changedSince(after).contains(QStringLiteral("c.yaml")));
        QVERIFY(after.changedSince(after).isEmpty());
        const ProgramFiles edited({{QStringLiteral("a.py"), QStringLiteral("9")}});
        QCOMPARE(edited.changedSince(ProgramFiles({{QStringLiteral("a.py"), QStringLiteral("1")}})),
                 QStringList{QStringLiteral("a.py")});
    }

    void aSeedRecordKeepsItsProgramFiles()
    {
        EditableProgram setup;
        QCOMPARE(setup.sweep(2), SweepRunner::Outcome::Completed);
        const std::vector<SeedResult> finished = setup.stored(SeedStatus::Finished);
        QCOMPARE(finished.size(), size_t(2));
        QCOMPARE(
            finished.front().programFiles.hashes(),
            (QMap<QString, QString>{{QStringLiteral("trainer.py"), fnv1a64(fileContents(setup.script()))}}));

        // A damaged entry names its field, dots in the file's name and all.
        const QString record = setup.results() + QStringLiteral("/seed-%1.json").arg(finished.front().seed);
        QByteArray json = fileContents(record);
        const QByteArray hash = "\"" + fnv1a64(fileContents(setup.script())).toLatin1() + "\"";
        QVERIFY(json.contains(hash));
        writeFile(record, json.replace(hash, "17"));
        try {
            SeedResultFile::read(record, false);
            QFAIL("a program file's hash that is not text was read");
        } catch (const InputError& e) {
            QCOMPARE(e.where().field, QStringLiteral("program_files.trainer.py"));
        }
    }

    void seedsOfAnEditedProgramAreRefusedNamingTheFile()
    {
        EditableProgram setup;
        QCOMPARE(setup.sweep(2), SweepRunner::Outcome::Completed);
        setup.edit();
        try {
            setup.sweep(3);
            QFAIL("a sweep added seeds of an edited program");
        } catch (const InputError& e) {
            QVERIFY2(e.message().contains(QStringLiteral("has 2 finished seeds that ran another version of "
                                                         "trainer.py; new seeds would mix two programs")),
                     qPrintable(e.message()));
        }
        QCOMPARE(setup.stored(SeedStatus::Finished).size(), size_t(2));
    }

    void seedsThatFailedDoNotHoldTheirProgramBack()
    {
        // The usual story: the script fails, its author fixes it and runs again.
        EditableProgram setup;
        const QByteArray working = fileContents(setup.script());
        writeFile(setup.script(), "import sys\nsys.exit(3)\n");
        QCOMPARE(setup.sweep(1), SweepRunner::Outcome::Completed); // gave up after the failures
        QVERIFY(!setup.stored(SeedStatus::Failed).empty());
        writeFile(setup.script(), working);
        QCOMPARE(setup.sweep(2), SweepRunner::Outcome::Completed);
        QCOMPARE(setup.stored(SeedStatus::Finished).size(), size_t(2));
    }

    void aSeedStartedAfterAnEditDuringTheSweepFails()
    {
        EditableProgram setup;
        const auto engine = setup.engine(); // the sweep's program, as it starts
        setup.edit();
        setup.sweep(2, engine);
        QVERIFY(setup.stored(SeedStatus::Finished).empty());
        const std::vector<SeedResult> failed = setup.stored(SeedStatus::Failed);
        QVERIFY(!failed.empty());
        QCOMPARE(failed.front().failureReason,
                 QStringLiteral("trainer.py changed since the sweep started; this seed would run another "
                                "program than the seeds before it"));
    }

    void aSlurmTaskRefusesAProgramEditedSinceItWasSubmitted()
    {
        EditableProgram setup;
        SlurmJob job;
        job.folder = setup.results() + QStringLiteral("/slurm/1");
        QVERIFY(QDir().mkpath(job.folder));
        job.experiment = setup.experiment.name;
        job.fingerprint = experimentFingerprint(setup.experiment);
        job.programFiles = setup.engine()->programFiles();
        job.engine = CommandSeedEngine::engineName();
        job.tasks = {{11}, {12}};
        job.write();
        QCOMPARE(SlurmJob::read(job.folder).programFiles, job.programFiles);
        const std::atomic<bool> cancel{false};
        QCOMPARE(SlurmTaskRunner(*setup.workspace, job.folder, 0).run(cancel, {}), 0);

        setup.edit();
        QCOMPARE(SlurmTaskRunner(*setup.workspace, job.folder, 1).run(cancel, {}), 1);
        const auto record = SlurmTaskRecord::read(job.taskRecordFile(1));
        QVERIFY(record);
        QCOMPARE(record->reason,
                 QStringLiteral(
                     "trainer.py changed after the job was submitted; its seeds would mix two programs"));
        QCOMPARE(ResultStore(setup.results()).recordedSeeds(), std::set<quint64>{11});
    }
};

QTEST_GUILESS_MAIN(TestProgramFiles)
#include "tst_programfiles.moc"
