#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "data/preparedata.h"
#include "experiment/commandspec.h"
#include "experiment/experimentreader.h"
#include "experiment/experimentwriter.h"
#include "store/sampleworkspace.h"
#include "store/workspace.h"

#include "support/sampledata.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addRebasesRelativeDatasetPath();
    void addFindsTheSameExperimentAgain();
    void addRejectsADifferentExperimentOfTheSameName();
    void scanReportsBrokenFilesWithoutThrowing();
    void nameMustMatchFileName();
    void sampleWorkspaceIsReadyToRun();
    void dataRefusesAMetricForTheInferredTask();
    void folderThatIsAFile();
};

void TestWorkspace::addRebasesRelativeDatasetPath()
{
    QTemporaryDir root;
    QDir(root.path()).mkpath(QStringLiteral("elsewhere/data"));
    QFile::copy(sampleDatasetPath(QStringLiteral("wine.csv")),
                root.filePath(QStringLiteral("elsewhere/data/wine.csv")));
    Experiment e;
    e.name = QStringLiteral("wine");
    e.dataset.path = QStringLiteral("data/wine.csv"); // relative to elsewhere/, where the file was written
    e.dataset.target = QStringLiteral("cultivar");

    const Workspace ws(root.filePath(QStringLiteral("ws")));
    const Experiment stored = ws.add(e, root.filePath(QStringLiteral("elsewhere")));
    QCOMPARE(stored.dataset.path, QStringLiteral("../elsewhere/data/wine.csv"));
    QCOMPARE(ws.experimentNames(), QStringList({QStringLiteral("wine")}));
    const Experiment read = ws.experiment(QStringLiteral("wine"));
    QVERIFY(read == stored);
    QCOMPARE(ws.datasetPath(read), root.filePath(QStringLiteral("elsewhere/data/wine.csv")));
    QCOMPARE(PreparedData::prepare(ws.datasetPath(read), read.dataset).dataset.rowCount(), 178);
    QVERIFY(QFile::exists(root.filePath(QStringLiteral("ws/wine.experiment.json"))));

    // Absolute paths are kept as they are.
    e.name = QStringLiteral("wine-abs");
    e.dataset.path = root.filePath(QStringLiteral("elsewhere/data/wine.csv"));
    QCOMPARE(ws.add(e, QStringLiteral("/somewhere/else")).dataset.path, e.dataset.path);
}

void TestWorkspace::addFindsTheSameExperimentAgain()
{
    QTemporaryDir root;
    const Workspace ws(root.path());
    Experiment e;
    e.name = QStringLiteral("a");
    e.dataset.path = QStringLiteral("/data/a.csv");
    e.dataset.target = QStringLiteral("y");
    ws.add(e, root.path());
    e.seeds.count = 40; // asking for more seeds is the same experiment
    const Experiment found = ws.add(e, root.path());
    QCOMPARE(found.seeds.count, 16);
    QCOMPARE(ws.experimentNames().size(), 1);
}

void TestWorkspace::addRejectsADifferentExperimentOfTheSameName()
{
    QTemporaryDir root;
    const Workspace ws(root.path());
    Experiment e;
    e.name = QStringLiteral("a");
    e.dataset.path = QStringLiteral("/data/a.csv");
    e.dataset.target = QStringLiteral("y");
    ws.add(e, root.path());
    e.training.lr = 0.5;
    try {
        ws.add(e, root.path());
        QFAIL("a different experiment replaced the stored one");
    } catch (const InputError& error) {
        QCOMPARE(
            error.message(),
            ws.experimentFile(QStringLiteral("a")) +
                QStringLiteral(
                    ": the workspace already has a different experiment named \"a\"; rename the new one"));
    }
    QCOMPARE(ws.experiment(QStringLiteral("a")).training.lr, 1e-3); // the stored one is untouched
}

void TestWorkspace::scanReportsBrokenFilesWithoutThrowing()
{
    QTemporaryDir root;
    const Workspace ws(root.path());
    AtomicFile::write(root.filePath(QStringLiteral("broken.experiment.json")), "{ not json");
    Experiment e;
    e.name = QStringLiteral("good");
    e.dataset.path = QStringLiteral("/d.csv");
    e.dataset.target = QStringLiteral("y");
    ws.save(e);
    AtomicFile::write(root.filePath(QStringLiteral("notes.json")), "{}"); // not an experiment file
    const auto entries = ws.scan();
    QCOMPARE(entries.size(), size_t(2));
    QVERIFY(!entries[0].experiment);
    QVERIFY2(entries[0].error.startsWith(
                 root.filePath(QStringLiteral("broken.experiment.json:1: not valid JSON"))),
             qPrintable(entries[0].error));
    QVERIFY(entries[1].experiment);
    QCOMPARE(entries[1].experiment->name, QStringLiteral("good"));
    QCOMPARE(ws.experimentNames(), QStringList({QStringLiteral("good")}));
}

void TestWorkspace::nameMustMatchFileName()
{
    QTemporaryDir root;
    const Workspace ws(root.path());
    Experiment e;
    e.name = QStringLiteral("inner");
    e.dataset.path = QStringLiteral("/d.csv");
    e.dataset.target = QStringLiteral("y");
    ExperimentWriter::writeFile(e, root.filePath(QStringLiteral("outer.experiment.json")));
    try {
        ws.experiment(QStringLiteral("outer"));
        QFAIL("a file whose name differs from its experiment was accepted");
    } catch (const InputError& error) {
        QCOMPARE(error.where().field, QStringLiteral("name"));
    }
    // The same rule for a file that `run` is given: in the workspace's folder, its name is its file's;
    // elsewhere (or not named *.experiment.json) a file may hold any experiment.
    QVERIFY_THROWS_EXCEPTION(InputError,
                             ws.requireNameOfFile(root.filePath(QStringLiteral("outer.experiment.json")),
                                                  QStringLiteral("inner")));
    ws.requireNameOfFile(root.filePath(QStringLiteral("outer.experiment.json")), QStringLiteral("outer"));
    ws.requireNameOfFile(root.filePath(QStringLiteral("outer.json")), QStringLiteral("inner"));
    QTemporaryDir elsewhere;
    ws.requireNameOfFile(elsewhere.filePath(QStringLiteral("outer.experiment.json")),
                         QStringLiteral("inner"));
}

void TestWorkspace::sampleWorkspaceIsReadyToRun()
{
    QTemporaryDir root;
    QCOMPARE(SampleWorkspace::create(root.path()), 5);
    const Workspace ws(root.path());
    QCOMPARE(ws.experimentNames(), QStringList({QStringLiteral("breast-cancer-mlp"),
                                                QStringLiteral("diabetes-mlp"), QStringLiteral("digits-cnn"),
                                                QStringLiteral("digits-mlp"), QStringLiteral("wine-mlp")}));
    for (const QString& name : ws.experimentNames()) {
        const Experiment e = ws.experiment(name);
        QVERIFY(e.dataset.path.startsWith(QStringLiteral("datasets/")));
        QVERIFY(ws.prepareData(e).split.test.size() > 10);
    }
    // The example of your own program: its script in programs/, runnable from the workspace.
    const Experiment cnn = ws.experiment(QStringLiteral("digits-cnn"));
    QVERIFY(cnn.isCommand());
    QCOMPARE(cnn.model.command.workdir, QStringLiteral("programs"));
    QString problem;
    QVERIFY2(!CommandSpec::findProgram(cnn.model.command.command.front(),
                                       cnn.model.command.resolvedWorkdir(ws.path()), &problem)
                  .isEmpty(),
             qPrintable(problem));
    // A second call keeps what the user changed.
    Experiment changed = ws.experiment(QStringLiteral("wine-mlp"));
    changed.training.epochs = 3;
    ws.save(changed);
    QCOMPARE(SampleWorkspace::create(root.path()), 5);
    QCOMPARE(ws.experiment(QStringLiteral("wine-mlp")).training.epochs, 3);
}

// The window, rerun and Slurm tasks read an experiment's data here: a metric that cannot score the
// task inferred from the data ("task": "auto") is refused as the file's field, as check and run do.
void TestWorkspace::dataRefusesAMetricForTheInferredTask()
{
    QTemporaryDir root;
    QCOMPARE(SampleWorkspace::create(root.path()), 5);
    const Workspace ws(root.path());
    Experiment e = ws.experiment(QStringLiteral("wine-mlp"));
    e.dataset.task = Task::Auto;
    e.metric = Metric::R2;
    try {
        ws.prepareData(e);
        QFAIL("r2 was accepted for the wine data's classes");
    } catch (const InputError& error) {
        QCOMPARE(error.where().field, QStringLiteral("metric"));
        QCOMPARE(error.where().file, ws.experimentFile(QStringLiteral("wine-mlp")));
        QVERIFY2(error.problem().startsWith(QStringLiteral("r2 does not score a multiclass task")),
                 qPrintable(error.problem()));
    }
    e.metric = Metric::F1Macro; // one that does: the data as before
    QVERIFY(ws.prepareData(e).split.test.size() > 10);
}

void TestWorkspace::folderThatIsAFile()
{
    QTemporaryDir root;
    AtomicFile::write(root.filePath(QStringLiteral("f")), "x");
    QVERIFY_THROWS_EXCEPTION(StorageError, Workspace(root.filePath(QStringLiteral("f"))));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
