#include "common/seednumber.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <limits>

using namespace seedscape;

// One rule for a seed wherever it is read: the import's seed column and the command line's
// --seed parse text, the experiment file's seeds.list and dataset.split.seed read JSON.
class TestSeedNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesText_data();
    void parsesText();
    void readsJson();
    void message();
};

void TestSeedNumber::parsesText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("seed");
    QTest::addRow("zero") << QStringLiteral("0") << true << quint64(0);
    QTest::addRow("largest") << QStringLiteral("18446744073709551615") << true
                             << std::numeric_limits<quint64>::max();
    QTest::addRow("spaces around") << QStringLiteral(" 42 ") << true << quint64(42);
    QTest::addRow("negative") << QStringLiteral("-3") << false << quint64(0);
    QTest::addRow("too large") << QStringLiteral("18446744073709551616") << false << quint64(0);
    QTest::addRow("fraction") << QStringLiteral("1.5") << false << quint64(0);
    QTest::addRow("empty") << QString() << false << quint64(0);
    QTest::addRow("word") << QStringLiteral("abc") << false << quint64(0);
}

void TestSeedNumber::parsesText()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(quint64, seed);
    const std::optional<quint64> parsed = SeedNumber::parse(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, seed);
}

void TestSeedNumber::readsJson()
{
    using nlohmann::json;
    QCOMPARE(SeedNumber::fromJson(json(7)), std::optional<quint64>(7));
    QCOMPARE(SeedNumber::fromJson(json::parse("18446744073709551615")),
             std::optional<quint64>(std::numeric_limits<quint64>::max()));
    QVERIFY(!SeedNumber::fromJson(json(-1)));
    QVERIFY(!SeedNumber::fromJson(json(3.0)));
    QVERIFY(!SeedNumber::fromJson(json::parse("18446744073709551616"))); // read as a double
    QVERIFY(!SeedNumber::fromJson(json("3")));
    QVERIFY(!SeedNumber::fromJson(json(nullptr)));
}

void TestSeedNumber::message()
{
    // tst_experimentfile, tst_statistics and tst_cli expect exactly these words.
    QCOMPARE(SeedNumber::rule(),
             QStringLiteral("a seed must be a whole number from 0 to 18446744073709551615"));
    QCOMPARE(SeedNumber::range(), QStringLiteral("a whole number from 0 to 18446744073709551615"));
}

QTEST_GUILESS_MAIN(TestSeedNumber)
#include "tst_seednumber.moc"
