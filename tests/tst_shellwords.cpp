// A command line typed in the editor, split as a POSIX shell splits it and joined back so that it
// splits to the same arguments.
#include "common/shellwords.h"

#include <QtTest>

using namespace seedscape;

class TestShellWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsAndJoinsLikeAShell_data();
    void splitsAndJoinsLikeAShell();
    void anOpenQuoteIsAProblem();
    void everyArgumentSurvivesAJoin();
};

void TestShellWords::splitsAndJoinsLikeAShell_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("joined");
    QTest::addRow("plain") << QStringLiteral("python3  train.py --lr 3e-4")
                           << QStringList{QStringLiteral("python3"), QStringLiteral("train.py"),
                                          QStringLiteral("--lr"), QStringLiteral("3e-4")}
                           << QStringLiteral("python3 train.py --lr 3e-4");
    QTest::addRow("double quotes") << QStringLiteral("python3 \"my train.py\" --name \"run 1\"")
                                   << QStringList{QStringLiteral("python3"), QStringLiteral("my train.py"),
                                                  QStringLiteral("--name"), QStringLiteral("run 1")}
                                   << QStringLiteral("python3 'my train.py' --name 'run 1'");
    // What QProcess::splitCommand, which the editor used before, cut into five words.
    QTest::addRow("single quotes") << QStringLiteral("/bin/sh -c 'echo boom >&2; exit 3'")
                                   << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                                  QStringLiteral("echo boom >&2; exit 3")}
                                   << QStringLiteral("/bin/sh -c 'echo boom >&2; exit 3'");
    QTest::addRow("placeholders") << QStringLiteral("./train --seed {seed} --out {output}")
                                  << QStringList{QStringLiteral("./train"), QStringLiteral("--seed"),
                                                 QStringLiteral("{seed}"), QStringLiteral("--out"),
                                                 QStringLiteral("{output}")}
                                  << QStringLiteral("./train --seed {seed} --out {output}");
    QTest::addRow("backslashes") << QStringLiteral("say it\\'s \"a \\\"b\\\" \\n\" my\\ file")
                                 << QStringList{QStringLiteral("say"), QStringLiteral("it's"),
                                                QStringLiteral("a \"b\" \\n"), QStringLiteral("my file")}
                                 << QStringLiteral("say 'it'\\''s' 'a \"b\" \\n' 'my file'");
    QTest::addRow("nothing expanded") << QStringLiteral("echo $HOME ~ *.py")
                                      << QStringList{QStringLiteral("echo"), QStringLiteral("$HOME"),
                                                     QStringLiteral("~"), QStringLiteral("*.py")}
                                      << QStringLiteral("echo '$HOME' '~' '*.py'");
    QTest::addRow("empty argument") << QStringLiteral("run '' \"\" x")
                                    << QStringList{QStringLiteral("run"), QString(), QString(),
                                                   QStringLiteral("x")}
                                    << QStringLiteral("run '' '' x");
    QTest::addRow("tab inside") << QStringLiteral("a \"x\ty\"")
                                << QStringList{QStringLiteral("a"), QStringLiteral("x\ty")}
                                << QStringLiteral("a 'x\ty'");
    QTest::addRow("blank") << QStringLiteral("   ") << QStringList{} << QString();
}

void TestShellWords::splitsAndJoinsLikeAShell()
{
    QFETCH(QString, line);
    QFETCH(QStringList, arguments);
    QFETCH(QString, joined);
    QString problem = QStringLiteral("not cleared");
    QCOMPARE(ShellWords::split(line, &problem), arguments);
    QVERIFY(problem.isEmpty());
    QCOMPARE(ShellWords::join(arguments), joined);
    QCOMPARE(ShellWords::split(ShellWords::join(arguments)), arguments);
}

void TestShellWords::anOpenQuoteIsAProblem()
{
    QString problem;
    QCOMPARE(ShellWords::split(QStringLiteral("run 'a b"), &problem),
             (QStringList{QStringLiteral("run"), QStringLiteral("a b")}));
    QVERIFY2(problem.startsWith(QStringLiteral("a ' quote is never closed")), qPrintable(problem));
    QCOMPARE(ShellWords::split(QStringLiteral("run \"a 'b"), &problem),
             (QStringList{QStringLiteral("run"), QStringLiteral("a 'b")}));
    QVERIFY2(problem.startsWith(QStringLiteral("a \" quote is never closed")), qPrintable(problem));
}

// Whatever the arguments (quotes, backslashes, spaces, non-ASCII), the joined line gives them back.
void TestShellWords::everyArgumentSurvivesAJoin()
{
    const QString alphabet = QStringLiteral("ab '\"\\$`\t é{}*~;&|<>()#!");
    quint32 state = 12345;
    for (int round = 0; round < 500; ++round) {
        QStringList arguments;
        const int count = 1 + static_cast<int>(state % 4);
        for (int a = 0; a < count; ++a) {
            QString argument;
            state = state * 1664525u + 1013904223u;
            const int length = static_cast<int>(state >> 28);
            for (int c = 0; c < length; ++c) {
                state = state * 1664525u + 1013904223u;
                argument += alphabet[static_cast<qsizetype>((state >> 16) % alphabet.size())];
            }
            arguments << argument;
        }
        QCOMPARE(ShellWords::split(ShellWords::join(arguments)), arguments);
    }
}

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
