// Runs the real seedscape-cli binary as a user or a script would: what it checks, refuses
// and explains before anything trains.
#include "store/resultstore.h"
#include "support/processprobe.h"
#include "support/sampledata.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seedscape::testsupport;

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
};

void TestCli::checkPrintsWhatSeedscapeSees()
{
    const ProgramOutput r = runCli(
        {QStringLiteral("check"), QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/examples/wine-mlp.json")});
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
    QVERIFY2(r.err.isEmpty(), r.err.constData());

    // Named unlike its file in what may be a workspace: run would refuse it there, so check warns.
    QTemporaryDir dir;
    const QString misnamed = dir.filePath(QStringLiteral("other.experiment.json"));
    QFile in(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/examples/wine-mlp.json"));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QFile out(misnamed);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(in.readAll().replace("\"../datasets/", "\"" SEEDSCAPE_SOURCE_DIR "/resources/datasets/"));
    out.close();
    const ProgramOutput warned = runCli({QStringLiteral("check"), misnamed});
    QCOMPARE(warned.exitCode, 0);
    QVERIFY2(warned.err.contains("field 'name': \"wine-mlp\" does not match the file name; in a workspace it "
                                 "must be \"other\""),
             warned.err.constData());
    const auto warnedJson = nlohmann::json::parse(warned.out.toStdString());
    QCOMPARE(warnedJson["warnings"].size(), size_t(1));
}

void TestCli::checkAndRunRefuseAModelThatCannotFit()
{
    QTemporaryDir dir;
    const QString experiment = writeQuickExperimentFile(dir.path(), 5);
    const ProgramOutput fits = runCli({QStringLiteral("check"), experiment});
    QCOMPARE(fits.exitCode, 0);
    const auto j = nlohmann::json::parse(fits.out.toStdString());
    QCOMPARE(j["estimate"]["parameters"].get<double>(), 10.0 * 32 + 32 + 32 + 1);
    QVERIFY(j["estimate"]["memory_bytes"].get<double>() > 0);
    // Counts are whole numbers in the JSON, as a script expects them ("547", not "547.0").
    QVERIFY(j["estimate"]["parameters"].is_number_integer() &&
            j["estimate"]["memory_bytes"].is_number_integer());
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
        const ProgramOutput r = runCli(args);
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
                                    << QString() << QByteArray()
                                    << "unknown option --worksp; did you mean --workspace?";
    QTest::addRow("value after =") << QStringList{QStringLiteral("sample"), QStringLiteral("--workspace=x")}
                                   << QString() << QByteArray()
                                   << "option --workspace: give its value as the next argument";
    QTest::addRow("mistyped command") << QStringList{QStringLiteral("stat")} << QString() << QByteArray()
                                      << "unknown command 'stat'; did you mean 'stats'?";
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
    const ProgramOutput r = runCli(args);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrContains), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(r.out.isEmpty());
}

void TestCli::sampleWritesAWorkspace()
{
    QTemporaryDir dir;
    const ProgramOutput r = runCli({QStringLiteral("sample"), QStringLiteral("--workspace"), dir.path()});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.experiment.json")}).size(), 5);
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("programs/train_cnn.py"))).isExecutable());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("datasets/diabetes.csv"))));
    const ProgramOutput check =
        runCli({QStringLiteral("check"), dir.filePath(QStringLiteral("diabetes-mlp.experiment.json"))});
    QCOMPARE(check.exitCode, 0);
    QCOMPARE(nlohmann::json::parse(check.out.toStdString())["dataset"]["rows"].get<int>(), 442);
}

void TestCli::eachCommandHasItsOwnHelp()
{
    const QByteArray whole = runCli({QStringLiteral("--help")}).out;
    for (const char* command :
         {"run", "rerun", "import", "stats", "plot", "report", "check", "sample", "rename", "delete",
          "restore", "submit", "jobs", "cancel-job", "slurm-task"}) {
        const QString word = QString::fromLatin1(command);
        const ProgramOutput help = runCli({word, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.err.isEmpty());
        QVERIFY2(help.out.startsWith("Usage: seedscape-cli " + QByteArray(command) + ' '),
                 help.out.constData());
        // Its own part of the whole help, word for word, and no other command's.
        QVERIFY2(whole.contains(help.out.mid(int(strlen("Usage: seedscape-cli "))).trimmed()),
                 help.out.constData());
        QCOMPARE(help.out.count("\n  run ") + help.out.count("\n  stats "), 0);
        if (word == QLatin1String("run") || word == QLatin1String("stats")) { // the other ways to ask
            QCOMPARE(runCli({QStringLiteral("help"), word}).out, help.out);
            QCOMPARE(
                runCli({word, QStringLiteral("--workspace"), QStringLiteral("x"), QStringLiteral("-h")}).out,
                help.out);
        }
    }
    // No command at all: a user error, its usage on stderr (stdout is for results only).
    const ProgramOutput none = runCli({});
    QCOMPARE(none.exitCode, 1);
    QVERIFY(none.out.isEmpty());
    QCOMPARE(none.err, whole);
    // A workspace with nothing to report: the summary on stderr, stdout empty, exit 0.
    QTemporaryDir empty;
    const ProgramOutput nothing =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), empty.path()});
    QCOMPARE(nothing.exitCode, 0);
    QVERIFY(nothing.out.isEmpty());
    QVERIFY2(nothing.err.contains("has a finished seed yet"), nothing.err.constData());
    const ProgramOutput unknown = runCli({QStringLiteral("help"), QStringLiteral("frobnicate")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("unknown command 'frobnicate'"), unknown.err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
