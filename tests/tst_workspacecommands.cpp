// seedscape-cli rename, delete, restore and study-sources, through the real program: what the window's
// Rename, Delete, Restore and Study randomness sources do (tst_experimentmover tests the moves
// themselves), with the messages and refusals.
#include "slurm/slurmjob.h"
#include "store/experimentcolourfile.h"
#include "store/experimentlock.h"
#include "store/resultstore.h"
#include "store/workspace.h"
#include "support/processprobe.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

// A workspace with the experiment "wine" and two stored seeds of it.
QString trainedWorkspace(const QTemporaryDir& dir)
{
    const QString file = dir.filePath(QStringLiteral("wine.json"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral(R"({"format": 1, "name": "wine", "dataset": {"path": "%1", "target": "cultivar"},
                               "model": {"hidden": [8]}, "training": {"epochs": 2}, "tags": ["baseline"]})")
                .arg(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/wine.csv"))
                .toUtf8());
    f.close();
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const ProgramOutput ran = runCli({QStringLiteral("run"), file, QStringLiteral("--workspace"), workspace,
                                      QStringLiteral("--seeds"), QStringLiteral("2")});
    return ran.exitCode == 0 ? workspace : QString();
}

// Imports the golden multiclass case (experiments m1 and m2) into workspace; the exit code.
int importGolden(const QString& workspace)
{
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/multiclass_accuracy");
    return runCli({QStringLiteral("import"), QStringLiteral("--predictions"),
                   golden + QStringLiteral("/predictions.csv"), QStringLiteral("--labels"),
                   golden + QStringLiteral("/labels.csv"), QStringLiteral("--workspace"), workspace,
                   QStringLiteral("--task"), QStringLiteral("multiclass"), QStringLiteral("--metric"),
                   QStringLiteral("accuracy")})
        .exitCode;
}

QStringList experimentsInStats(const QString& workspace)
{
    const ProgramOutput stats =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
    QStringList names;
    const auto document = nlohmann::json::parse(stats.out.toStdString());
    for (const auto& e : document["experiments"])
        names << QString::fromStdString(e["name"].get<std::string>()) +
                     QStringLiteral(" %1").arg(e["val"]["n"].get<int>());
    return names;
}

} // namespace

class TestWorkspaceCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renameTakesTheSeedsTagsAndColourAlong()
    {
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        ExperimentColourFile::write(workspace, {{QStringLiteral("wine"), 5}});
        const ProgramOutput renamed =
            runCli({QStringLiteral("rename"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("wine"), QStringLiteral("--to"),
                    QStringLiteral("wine-baseline")});
        QCOMPARE(renamed.exitCode, 0);
        QVERIFY2(renamed.err.contains("renamed wine to wine-baseline with its 2 stored seeds"),
                 renamed.err.constData());
        QCOMPARE(experimentsInStats(workspace), QStringList{QStringLiteral("wine-baseline 2")});
        QVERIFY(!QFile::exists(workspace + QStringLiteral("/wine.experiment.json")));
        QVERIFY(
            fileContents(workspace + QStringLiteral("/wine-baseline.experiment.json")).contains("baseline"));
        QCOMPARE(ExperimentColourFile::read(workspace).at(QStringLiteral("wine-baseline")), 5);
    }

    void renameRefusesWhatWouldLoseOrMixSeeds_data()
    {
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("message");
        QTest::addRow("a name that is no file name") << "a/b"
                                                     << "The new name";
        QTest::addRow("an experiment that exists, in another case") << "OTHER"
                                                                    << "already has an experiment";
        QTest::addRow("no new name") << ""
                                     << "--to";
    }
    void renameRefusesWhatWouldLoseOrMixSeeds()
    {
        QFETCH(QString, to);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        QFile other(workspace + QStringLiteral("/other.experiment.json"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(fileContents(workspace + QStringLiteral("/wine.experiment.json"))
                        .replace("\"name\": \"wine\"", "\"name\": \"other\""));
        other.close();
        QStringList args{QStringLiteral("rename"), QStringLiteral("--workspace"), workspace,
                         QStringLiteral("--experiment"), QStringLiteral("wine")};
        if (!to.isEmpty())
            args << QStringLiteral("--to") << to;
        const ProgramOutput refused = runCli(args);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(message.toUtf8()), refused.err.constData());
        QCOMPARE(ResultStore(workspace + QStringLiteral("/results/wine")).finishedCount(), 2);
    }

    void deleteMovesTheExperimentAsideWithItsSeeds()
    {
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        const ProgramOutput deleted =
            runCli({QStringLiteral("delete"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("wine")});
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY2(deleted.err.contains("moved wine and its 2 stored seeds to ") &&
                     deleted.err.contains("; move them back to restore it"),
                 deleted.err.constData());
        QVERIFY(experimentsInStats(workspace).isEmpty());
        const QStringList aside =
            QDir(workspace + QStringLiteral("/deleted")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(aside.size(), 1);
        const QString folder = workspace + QStringLiteral("/deleted/") + aside.front();
        QVERIFY(QFile::exists(folder + QStringLiteral("/wine.experiment.json")));
        QCOMPARE(ResultStore(folder + QStringLiteral("/results/wine")).finishedCount(), 2);

        const ProgramOutput again =
            runCli({QStringLiteral("delete"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("wine")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("no experiment named 'wine' here"), again.err.constData());
    }

    // Imported experiments (no file, their results alone) are renamed and deleted as well: a wrong
    // import can be undone without touching the folders by hand.
    void importedExperimentsAreRenamedAndDeleted()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        QCOMPARE(importGolden(workspace), 0);
        const QStringList before = experimentsInStats(workspace);
        QCOMPARE(before.size(), 2);
        QVERIFY(before.front().startsWith(QStringLiteral("m1 ")));
        const ProgramOutput renamed = runCli({QStringLiteral("rename"), QStringLiteral("--workspace"),
                                              workspace, QStringLiteral("--experiment"), QStringLiteral("m1"),
                                              QStringLiteral("--to"), QStringLiteral("first")});
        QCOMPARE(renamed.exitCode, 0);
        QStringList expected = before;
        expected.front().replace(0, 2, QStringLiteral("first"));
        QStringList after = experimentsInStats(workspace);
        after.sort();
        QCOMPARE(after, QStringList({expected.front(), before[1]}));
        QVERIFY(!QFile::exists(workspace + QStringLiteral("/first.experiment.json"))); // still imported

        const ProgramOutput deleted =
            runCli({QStringLiteral("delete"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("first")});
        QCOMPARE(deleted.exitCode, 0);
        QCOMPARE(experimentsInStats(workspace), QStringList({before[1]}));
        const QStringList aside =
            QDir(workspace + QStringLiteral("/deleted")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(aside.size(), 1);
        QVERIFY(ResultStore(workspace + QStringLiteral("/deleted/") + aside.front() +
                            QStringLiteral("/results/first"))
                    .finishedCount() > 0);
        // A name that is no experiment's names no folder: nothing outside results/ is ever moved.
        QVERIFY(QDir().mkpath(workspace + QStringLiteral("/programs")));
        const ProgramOutput outside =
            runCli({QStringLiteral("delete"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("../programs")});
        QCOMPARE(outside.exitCode, 1);
        QVERIFY2(outside.err.contains("no experiment named '../programs' here"), outside.err.constData());
        QVERIFY(QFileInfo(workspace + QStringLiteral("/programs")).isDir());
    }

    // An experiment file removed outside Seedscape (by hand, a git checkout): its results keep the
    // definition, and restore writes the same file back, one the stored seeds still reproduce with.
    void restoreWritesBackARemovedFileFromItsSeeds()
    {
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        const Workspace ws(workspace);
        const Experiment original = ws.experiment(QStringLiteral("wine"));
        const QString seed =
            QString::number(*ResultStore(ws.resultsFolder(QStringLiteral("wine"))).recordedSeeds().begin());
        QVERIFY(QFile::remove(ws.experimentFile(QStringLiteral("wine"))));
        const std::vector<WorkspaceEntry> entries = ws.scan();
        QCOMPARE(entries.size(), size_t(1));
        QCOMPARE(entries.front().importedName, QStringLiteral("wine"));
        QVERIFY(entries.front().fileMissing); // not "imported": its results hold a definition
        QCOMPARE(experimentsInStats(workspace), QStringList({QStringLiteral("wine 2")}));
        // Running the same experiment's file into it says what is wrong, not "imported predictions".
        const ProgramOutput run = runCli({QStringLiteral("run"), dir.filePath(QStringLiteral("wine.json")),
                                          QStringLiteral("--workspace"), workspace});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(
            run.err.contains("whose experiment file is missing; write it back first (seedscape-cli restore"),
            run.err.constData());

        const QStringList restore{QStringLiteral("restore"), QStringLiteral("--workspace"), workspace,
                                  QStringLiteral("--experiment"), QStringLiteral("wine")};
        const ProgramOutput restored = runCli(restore);
        QCOMPARE(restored.exitCode, 0);
        QVERIFY2(restored.err.contains(
                     "wine.experiment.json from the definition its 2 stored seeds were trained with"),
                 restored.err.constData());
        QVERIFY(ws.experiment(QStringLiteral("wine")) == original); // tags included
        QVERIFY(!ws.scan().front().fileMissing);
        const ProgramOutput rerun =
            runCli({QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("wine"), QStringLiteral("--seed"), seed});
        QCOMPARE(rerun.exitCode, 0);
        QVERIFY2(rerun.out.contains("\"identical_to_recorded\":true"), rerun.out.constData());

        const ProgramOutput again = runCli(restore);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("the experiment file exists; nothing to restore"), again.err.constData());

        // Renamed since it trained: the definition in its results still says "wine".
        QCOMPARE(runCli({QStringLiteral("rename"), QStringLiteral("--workspace"), workspace,
                         QStringLiteral("--experiment"), QStringLiteral("wine"), QStringLiteral("--to"),
                         QStringLiteral("grapes")})
                     .exitCode,
                 0);
        QVERIFY(QFile::remove(ws.experimentFile(QStringLiteral("grapes"))));
        QCOMPARE(runCli({QStringLiteral("restore"), QStringLiteral("--workspace"), workspace,
                         QStringLiteral("--experiment"), QStringLiteral("grapes")})
                     .exitCode,
                 0);
        QCOMPARE(ws.experiment(QStringLiteral("grapes")).name, QStringLiteral("grapes"));
        QCOMPARE(ws.experiment(QStringLiteral("grapes")).model.hidden, original.model.hidden);

        const ProgramOutput unknown =
            runCli({QStringLiteral("restore"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("wine")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("no stored seeds of an experiment named \"wine\""),
                 unknown.err.constData());
        QVERIFY(!QFile::exists(ws.experimentFile(QStringLiteral("wine"))));
    }

    // Imported predictions keep no definition: there is nothing to restore a file from.
    void restoreRefusesImportedPredictions()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        QCOMPARE(importGolden(workspace), 0);
        QVERIFY(!Workspace(workspace).scan().front().fileMissing);
        const ProgramOutput refused =
            runCli({QStringLiteral("restore"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("m1")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("imported predictions keep no definition"), refused.err.constData());
        QVERIFY(!QFile::exists(Workspace(workspace).experimentFile(QStringLiteral("m1"))));
    }

    // While a sweep on this machine or a Slurm job may still store seeds, neither command moves them.
    void bothWaitForWhatStillTrains()
    {
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        const QString results = workspace + QStringLiteral("/results/wine");
        const QStringList rename{
            QStringLiteral("rename"),       QStringLiteral("--workspace"), workspace,
            QStringLiteral("--experiment"), QStringLiteral("wine"),        QStringLiteral("--to"),
            QStringLiteral("wine-2")};
        {
            ExperimentLock sweep(results);
            QVERIFY(sweep.tryLock());
            const ProgramOutput refused = runCli(rename);
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("a sweep of this experiment is running"), refused.err.constData());
        }
        SlurmJob job;
        job.folder = results + QStringLiteral("/slurm/") + SlurmJob::newSubmissionName();
        job.jobId = QStringLiteral("4242");
        job.experiment = QStringLiteral("wine");
        job.engine = QStringLiteral("batched");
        job.tasks = {{77, 78}};
        job.submittedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(QDir().mkpath(job.folder));
        job.write();
        // Without squeue the job's task may still be running: refused, saying why.
        QProcessEnvironment noSlurm = QProcessEnvironment::systemEnvironment();
        noSlurm.insert(QStringLiteral("PATH"), dir.filePath(QStringLiteral("empty")));
        for (const QStringList& args :
             {rename, QStringList{QStringLiteral("delete"), QStringLiteral("--workspace"), workspace,
                                  QStringLiteral("--experiment"), QStringLiteral("wine")}}) {
            const ProgramOutput refused = runCli(args, noSlurm);
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("Slurm job 4242 is unknown (squeue failed") &&
                         refused.err.contains("cancel it first"),
                     refused.err.constData());
        }
        QCOMPARE(ResultStore(results).finishedCount(), 2);
    }

    void studySourcesWritesOneVariantPerSourceToRun()
    {
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        const QStringList study = {QStringLiteral("study-sources"), QStringLiteral("--workspace"), workspace,
                                   QStringLiteral("--experiment"), QStringLiteral("wine")};
        const ProgramOutput wrote = runCli(study);
        QCOMPARE(wrote.exitCode, 0);
        // wine has no dropout: init and order, one file each, printed for a script to run.
        const QStringList files = QString::fromUtf8(wrote.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(files, (QStringList{workspace + QStringLiteral("/wine-only-init.experiment.json"),
                                     workspace + QStringLiteral("/wine-only-order.experiment.json")}));
        QVERIFY2(wrote.err.contains("wrote wine-only-init: its seeds vary only in init"),
                 wrote.err.constData());
        const auto vary = [](const QString& file) {
            return nlohmann::json::parse(fileContents(file).toStdString())["seeds"]["vary"];
        };
        QCOMPARE(vary(files[0]), nlohmann::json::array({"init"}));
        QCOMPARE(vary(files[1]), nlohmann::json::array({"order"}));

        // Trained with run, a variant's spread is reported beside wine's.
        QCOMPARE(runCli({QStringLiteral("run"), files[0], QStringLiteral("--workspace"), workspace,
                         QStringLiteral("--seeds"), QStringLiteral("2")})
                     .exitCode,
                 0);
        if (SEEDSCAPE_CLI_DRAWS) { // a build without the window program has no report
            const QString report = dir.filePath(QStringLiteral("report.html"));
            QCOMPARE(runCli({QStringLiteral("report"), QStringLiteral("--workspace"), workspace,
                             QStringLiteral("--out"), report, QStringLiteral("--experiment"),
                             QStringLiteral("wine")})
                         .exitCode,
                     0);
            const QByteArray html = fileContents(report);
            QVERIFY(html.contains("<h2>Where the spread comes from</h2>"));
            QVERIFY(html.contains("<tr><td class=\"name\">wine-only-init</td><td>init</td><td>2</td>"));
            // The variant is the same model with less randomness: never a pick.
            QVERIFY(html.contains("Not picked: wine-only-init holds a source of randomness fixed"));
        }
        // And in `stats --json`, for scripts: the same rows, the same spreads as the experiments'.
        const ProgramOutput stats = runCli(
            {QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        QCOMPARE(stats.exitCode, 0);
        const auto document = nlohmann::json::parse(stats.out.toStdString());
        QCOMPARE(document["randomness_studies"].size(), size_t(1));
        const auto& rows = document["randomness_studies"][0]["rows"];
        QCOMPARE(document["randomness_studies"][0]["experiment"].get<std::string>(), std::string("wine"));
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0]["vary"], nlohmann::json::array({"init", "order"}));
        QCOMPARE(rows[1]["name"].get<std::string>(), std::string("wine-only-init"));
        QCOMPARE(rows[1]["vary"], nlohmann::json::array({"init"}));
        QCOMPARE(rows[1]["n"].get<int>(), 2);
        for (const auto& e : document["experiments"]) {
            if (e["name"] == "wine-only-init") {
                QCOMPARE(rows[1]["val_std"].get<double>(), e["val"]["std"].get<double>());
                QCOMPARE(rows[1]["test_range"].get<double>(), e["test"]["range"].get<double>());
                QCOMPARE(e["held_fixed"], nlohmann::json::array({"order"}));
            } else {
                QCOMPARE(e["held_fixed"], nlohmann::json::array());
            }
        }
        // The variant is the same model with less randomness: never a pick (wine is the only model).
        for (const auto& g : document["groups"])
            for (const char* rule : {"by_ensemble", "by_stability"})
                QVERIFY(g["pick"][rule].is_null() || g["pick"][rule] != "wine-only-init");
        const ProgramOutput table =
            runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), workspace});
        QVERIFY2(table.out.contains("Not picked: wine-only-init holds"), table.out.constData());
        // Seeds stored without their definition (an older Seedscape): the experiment file says it.
        QVERIFY(QFile::remove(workspace + QStringLiteral("/results/wine-only-init/definition.json")));
        const ProgramOutput withoutDefinition = runCli(
            {QStringLiteral("stats"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        const auto reread = nlohmann::json::parse(withoutDefinition.out.toStdString());
        int variants = 0;
        for (const auto& e : reread["experiments"])
            if (e["name"] == "wine-only-init") {
                QCOMPARE(e["held_fixed"], nlohmann::json::array({"order"}));
                ++variants;
            }
        QCOMPARE(variants, 1);

        // Again: the names taken, the next ones numbered.
        const ProgramOutput again = runCli(study);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("wine-only-init-2.experiment.json"), again.out.constData());
    }

    void studySourcesRefusesWhatHasNoSourcesToVary()
    {
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        QCOMPARE(importGolden(workspace), 0); // m1 and m2: imported predictions
        for (const auto& [name, message] : std::vector<std::pair<QString, QByteArray>>{
                 {QStringLiteral("absent"), "no experiment named 'absent' here"},
                 // A typo names what was likely meant, in each command that takes --experiment.
                 {QStringLiteral("wnie"), "no experiment named 'wnie' here; did you mean 'wine'?"},
                 {QStringLiteral("m1"), "imported predictions keep no definition"}}) {
            const ProgramOutput refused =
                runCli({QStringLiteral("study-sources"), QStringLiteral("--workspace"), workspace,
                        QStringLiteral("--experiment"), name});
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains(message), refused.err.constData());
            QVERIFY(refused.out.isEmpty());
        }
        QCOMPARE(QDir(workspace).entryList({QStringLiteral("*-only-*")}).size(), 0);
    }

    void studySourcesNeverOverwritesAFile()
    {
        QTemporaryDir dir;
        const QString workspace = trainedWorkspace(dir);
        QVERIFY(!workspace.isEmpty());
        // A user's file that does not read (a typo by hand) still owns its name, in any case.
        const QString broken = workspace + QStringLiteral("/wine-only-init.experiment.json");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        const ProgramOutput wrote =
            runCli({QStringLiteral("study-sources"), QStringLiteral("--workspace"), workspace,
                    QStringLiteral("--experiment"), QStringLiteral("wine")});
        QCOMPARE(wrote.exitCode, 0);
        QVERIFY2(wrote.out.contains("wine-only-init-2.experiment.json"), wrote.out.constData());
        QCOMPARE(fileContents(broken), QByteArray("{ not json"));

        // A name too long for its variants writes none of them.
        const QString longName = QString(110, QLatin1Char('w'));
        const ProgramOutput added = runCli({QStringLiteral("rename"), QStringLiteral("--workspace"),
                                            workspace, QStringLiteral("--experiment"), QStringLiteral("wine"),
                                            QStringLiteral("--to"), longName});
        QCOMPARE(added.exitCode, 0);
        const ProgramOutput refused = runCli({QStringLiteral("study-sources"), QStringLiteral("--workspace"),
                                              workspace, QStringLiteral("--experiment"), longName});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.out.isEmpty());
        QCOMPARE(QDir(workspace).entryList({longName + QStringLiteral("-only-*")}).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceCommands)
#include "tst_workspacecommands.moc"
