// The bad-input catalogue: tests/data/badinput/<case>/ holds the input files, a `command` file
// (seedscape-cli's arguments) and an `expected` file (the exit code on the first line, then lines
// that stderr must contain). In both, {case} stands for the case folder and {workspace} for a
// fresh workspace: a copy of the case's workspace/ folder when it has one, else a folder that does
// not exist yet. Every case runs the real seedscape-cli, which must exit normally, never crash.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogue_data();
    void catalogue();

private:
    static bool copyTree(const QString& from, const QString& to);
    static QString readText(const QString& path);
};

// A message longer than this is not one a person reads.
constexpr int kMaxLineChars = 400;

QString TestBadInput::readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool TestBadInput::copyTree(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        if (it.fileInfo().isDir() ? !QDir().mkpath(target) : !QFile::copy(path, target))
            return false;
    }
    return true;
}

void TestBadInput::catalogue_data()
{
    QTest::addColumn<QString>("folder");
    const QDir root(QStringLiteral(SEEDSCAPE_TEST_DATA "/badinput"));
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(cases.size() >= 60, qPrintable(QString::number(cases.size())));
    for (const QString& name : cases)
        QTest::addRow("%s", qPrintable(name)) << root.filePath(name);
}

void TestBadInput::catalogue()
{
    QFETCH(QString, folder);
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString workspace = temp.filePath(QStringLiteral("ws"));
    if (QFileInfo(folder + QStringLiteral("/workspace")).isDir())
        QVERIFY(copyTree(folder + QStringLiteral("/workspace"), workspace));
    const auto fill = [&](QString text) {
        return text.replace(QStringLiteral("{case}"), folder)
            .replace(QStringLiteral("{workspace}"), workspace);
    };

    const QString command = readText(folder + QStringLiteral("/command")).trimmed();
    QVERIFY2(!command.isEmpty(), "no command file");
    const QStringList args = QProcess::splitCommand(fill(command));
    QStringList expected = readText(folder + QStringLiteral("/expected")).split(QLatin1Char('\n'));
    bool codeOk = false;
    const int expectedCode = expected.takeFirst().trimmed().toInt(&codeOk);
    QVERIFY2(codeOk, "the expected file must start with the exit code");
    expected.removeAll(QString());
    QVERIFY2(!expected.isEmpty(), "the expected file names no message");

    QProcess p;
    p.start(QStringLiteral(SEEDSCAPE_CLI), args);
    QVERIFY2(p.waitForFinished(120000), "seedscape-cli did not end within 2 minutes");
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == expectedCode, qPrintable(QStringLiteral("exit code %1, expected %2; stderr: %3")
                                                          .arg(p.exitCode())
                                                          .arg(expectedCode)
                                                          .arg(err)));
    for (const QString& message : expected)
        QVERIFY2(err.contains(fill(message)),
                 qPrintable(QStringLiteral("stderr lacks \"%1\"; it is: %2").arg(message, err)));
    QVERIFY2(!err.contains(QStringLiteral("internal error")), qPrintable(err));
    // Measured with the case folder and workspace written as their placeholders: the length of the
    // checkout's path is not the message's.
    QString unplaced = err;
    unplaced.replace(folder, QStringLiteral("{case}")).replace(workspace, QStringLiteral("{workspace}"));
    for (const QString& line : unplaced.split(QLatin1Char('\n')))
        QVERIFY2(line.size() <= kMaxLineChars,
                 qPrintable(QStringLiteral("a %1-character line: %2").arg(line.size()).arg(line)));
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
