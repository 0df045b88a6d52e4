// Runs the real seedscape-cli binary as a user or a script would.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkPrintsWhatSeedscapeSees();
    void userErrorsExitWithOneClearLine_data();
    void userErrorsExitWithOneClearLine();
    void sampleWritesAWorkspace();

private:
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
    const Result r = run({QStringLiteral("check"), QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/examples/wine-mlp.json")});
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

void TestCli::userErrorsExitWithOneClearLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("fileName"); // written to a temporary folder first, when not empty
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("stderrContains");
    QTest::addRow("missing experiment file") << QStringList{QStringLiteral("check"), QStringLiteral("/no/such.json")} << QString()
                                             << QByteArray() << "/no/such.json: file not found";
    QTest::addRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QString() << QByteArray()
                                     << "unknown command 'frobnicate'";
    QTest::addRow("unknown option") << QStringList{QStringLiteral("sample"), QStringLiteral("--worksp"), QStringLiteral("x")}
                                    << QString() << QByteArray() << "unknown option --worksp";
    QTest::addRow("bad field") << QStringList{QStringLiteral("check")} << QStringLiteral("e.json")
                               << QByteArray(R"({"format":1,"name":"e","dataset":{"path":"d.csv","target":"y"},"training":{"lr":-1}})")
                               << "e.json: field 'training.lr': must be greater than 0, got -1";
    QTest::addRow("missing data") << QStringList{QStringLiteral("check")} << QStringLiteral("e.json")
                                  << QByteArray(R"({"format":1,"name":"e","dataset":{"path":"d.csv","target":"y"}})")
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
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.experiment.json")}).size(), 4);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("datasets/diabetes.csv"))));
    const Result check = run({QStringLiteral("check"), dir.filePath(QStringLiteral("diabetes-mlp.experiment.json"))});
    QCOMPARE(check.exitCode, 0);
    QCOMPARE(nlohmann::json::parse(check.out.toStdString())["dataset"]["rows"].get<int>(), 442);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
