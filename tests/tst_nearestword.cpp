// nearestWord: the "did you mean" of the command line and the workspace's experiment names.
#include "common/nearestword.h"

#include <QtTest>

using seedscape::nearestWord;

class TestNearestWord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheWordOneOrTwoEditsAway_data();
    void findsTheWordOneOrTwoEditsAway();
    void shortWordsNeedACloserMatch();
    void completesAUniquePrefix();
    void prefersTheFewestEditsAndTheFirstOnATie();
};

void TestNearestWord::findsTheWordOneOrTwoEditsAway_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("meant");
    QTest::newRow("letter changed") << QStringLiteral("--workspase") << QStringLiteral("--workspace");
    QTest::newRow("letter missing") << QStringLiteral("--workspce") << QStringLiteral("--workspace");
    QTest::newRow("letter added") << QStringLiteral("--workspacce") << QStringLiteral("--workspace");
    QTest::newRow("neighbours swapped") << QStringLiteral("--wrokspace") << QStringLiteral("--workspace");
    QTest::newRow("two edits") << QStringLiteral("--wrkspase") << QStringLiteral("--workspace");
    QTest::newRow("case ignored") << QStringLiteral("STATS") << QStringLiteral("stats");
    QTest::newRow("command") << QStringLiteral("reprot") << QStringLiteral("report");
}

void TestNearestWord::findsTheWordOneOrTwoEditsAway()
{
    QFETCH(QString, typed);
    QFETCH(QString, meant);
    const QStringList candidates = {QStringLiteral("--workspace"), QStringLiteral("--seeds"),
                                    QStringLiteral("stats"), QStringLiteral("report"), QStringLiteral("run")};
    QCOMPARE(nearestWord(typed, candidates), std::optional<QString>(meant));
}

void TestNearestWord::shortWordsNeedACloserMatch()
{
    // Three edits are never enough, however long the word.
    QCOMPARE(nearestWord(QStringLiteral("--wxrkxpaxe"), {QStringLiteral("--workspace")}), std::nullopt);
    // A one-letter option is not "one edit from" every other one-letter option: the dashes do not count
    // towards its length.
    QCOMPARE(nearestWord(QStringLiteral("--x"), {QStringLiteral("--k"), QStringLiteral("--json")}),
             std::nullopt);
    QCOMPARE(nearestWord(QStringLiteral("ab"), {QStringLiteral("cd")}), std::nullopt);
    // Four letters may be one edit from the word meant, not two.
    QCOMPARE(nearestWord(QStringLiteral("--seds"), {QStringLiteral("--k"), QStringLiteral("--seeds")}),
             std::optional<QString>(QStringLiteral("--seeds")));
    QCOMPARE(nearestWord(QStringLiteral("--sd"), {QStringLiteral("--k"), QStringLiteral("--seeds")}),
             std::nullopt);
    QCOMPARE(nearestWord(QString(), {QStringLiteral("run")}), std::nullopt);
}

void TestNearestWord::completesAUniquePrefix()
{
    const QStringList candidates = {QStringLiteral("--workspace"), QStringLiteral("--width"),
                                    QStringLiteral("--subset-limit"), QStringLiteral("--curve-subset-limit")};
    QCOMPARE(nearestWord(QStringLiteral("--worksp"), candidates),
             std::optional<QString>(QStringLiteral("--workspace")));
    QCOMPARE(nearestWord(QStringLiteral("--sub"), candidates),
             std::optional<QString>(QStringLiteral("--subset-limit")));
    // Two ways to complete it: neither is guessed.
    QCOMPARE(nearestWord(QStringLiteral("--w"), candidates), std::nullopt);
}

void TestNearestWord::prefersTheFewestEditsAndTheFirstOnATie()
{
    QCOMPARE(nearestWord(QStringLiteral("sample"), {QStringLiteral("simple"), QStringLiteral("sample")}),
             std::optional<QString>(QStringLiteral("sample")));
    QCOMPARE(nearestWord(QStringLiteral("plat"), {QStringLiteral("plot"), QStringLiteral("play")}),
             std::optional<QString>(QStringLiteral("plot")));
}

QTEST_GUILESS_MAIN(TestNearestWord)
#include "tst_nearestword.moc"
