#include "common/countednoun.h"
#include "common/numberformat.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace seedscape;

// formatNumber replaced five local helpers: each caller's digits and its reading of NaN and
// infinity must come out as before.
class TestNumberFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void typedNumbersReadBackAsWritten();
    void meanRoundedToItsInterval_data();
    void meanRoundedToItsInterval();
    void scoresKeepTheirTrailingZeros_data();
    void scoresKeepTheirTrailingZeros();
    void intervalDecidesThePlace();
    void negativeNumbersGetAMinusSign_data();
    void negativeNumbersGetAMinusSign();
    void countsTakeTheNounInTheRightNumber();
};

void TestNumberFormat::formats_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("digits");
    QTest::addColumn<bool>("dash");
    QTest::addColumn<QString>("expected");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addRow("report mean") << 0.873456 << 4 << true << QStringLiteral("0.8735");
    QTest::addRow("trailing zeros dropped") << 0.25 << 4 << true << QStringLiteral("0.25");
    QTest::addRow("small as exponent") << 1e-5 << 4 << true << QStringLiteral("1e-05");
    QTest::addRow("plot label") << 66.123456 << 5 << true << QStringLiteral("66.123");
    QTest::addRow("undefined as dash") << nan << 4 << true << QStringLiteral("—");
    QTest::addRow("infinity as dash") << -inf << 5 << true << QStringLiteral("—");
    QTest::addRow("nan as written") << nan << 12 << false << QStringLiteral("nan");
    QTest::addRow("infinity as written") << inf << 12 << false << QStringLiteral("inf");
    QTest::addRow("whole number") << 200.0 << 12 << false << QStringLiteral("200");
}

void TestNumberFormat::formats()
{
    QFETCH(double, value);
    QFETCH(int, digits);
    QFETCH(bool, dash);
    QFETCH(QString, expected);
    QCOMPARE(formatNumber(value, digits, dash ? NonFinite::Dash : NonFinite::AsWritten), expected);
}

void TestNumberFormat::typedNumbersReadBackAsWritten()
{
    QCOMPARE(formatTypedNumber(0.1), QStringLiteral("0.1"));
    QCOMPARE(formatTypedNumber(0.1 + 0.2), QStringLiteral("0.3")); // not 0.30000000000000004
    QCOMPARE(formatTypedNumber(3e-4), QStringLiteral("0.0003"));
    QCOMPARE(formatTypedNumber(std::nan("")), QStringLiteral("nan"));
}

void TestNumberFormat::meanRoundedToItsInterval_data()
{
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("halfWidth");
    QTest::addColumn<QString>("expected");
    QTest::addRow("one decimal") << 71.525 << 1.615 << QStringLiteral("71.5 ± 1.6");
    QTest::addRow("small interval") << 0.998721 << 0.000762 << QStringLiteral("0.99872 ± 0.00076");
    QTest::addRow("whole numbers") << 1234.56 << 16.3 << QStringLiteral("1235 ± 16");
    QTest::addRow("tens") << 12345.6 << 163.0 << QStringLiteral("12350 ± 160");
    QTest::addRow("rounds up a digit") << 5.04 << 9.96 << QStringLiteral("5 ± 10");
    QTest::addRow("negative mean") << -0.0413 << 0.0021 << QStringLiteral("-0.0413 ± 0.0021");
    QTest::addRow("no negative zero") << -0.004 << 0.31 << QStringLiteral("0.00 ± 0.31");
    QTest::addRow("no interval") << 0.0881391 << std::nan("") << QStringLiteral("0.088139");
    QTest::addRow("zero interval") << 3.0 << 0.0 << QStringLiteral("3");
    QTest::addRow("no mean") << std::nan("") << 1.0 << QStringLiteral("—");
}

void TestNumberFormat::meanRoundedToItsInterval()
{
    QFETCH(double, mean);
    QFETCH(double, halfWidth);
    QFETCH(QString, expected);
    QCOMPARE(formatMeanAndInterval(mean, halfWidth), expected);
}

// The report's columns: 53.20 under 54.68, never 53.2.
void TestNumberFormat::scoresKeepTheirTrailingZeros_data()
{
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("expected");
    QTest::addRow("to a place") << formatToPlace(53.2016, 2) << QStringLiteral("53.20");
    QTest::addRow("to tens") << formatToPlace(12345.6, -1) << QStringLiteral("12350");
    QTest::addRow("no negative zero") << formatToPlace(-0.004, 2) << QStringLiteral("0.00");
    QTest::addRow("undefined") << formatToPlace(std::nan(""), 2) << QStringLiteral("—");
    QTest::addRow("four digits") << formatSignificantKept(53.2016, 4) << QStringLiteral("53.20");
    QTest::addRow("small") << formatSignificantKept(0.08, 3) << QStringLiteral("0.0800");
    QTest::addRow("large") << formatSignificantKept(-1234.5, 2) << QStringLiteral("-1200");
    QTest::addRow("zero") << formatSignificantKept(0, 3) << QStringLiteral("0.00");
    QTest::addRow("infinite") << formatSignificantKept(INFINITY, 3) << QStringLiteral("—");
}

void TestNumberFormat::scoresKeepTheirTrailingZeros()
{
    QFETCH(QString, shown);
    QFETCH(QString, expected);
    QCOMPARE(shown, expected);
}

void TestNumberFormat::intervalDecidesThePlace()
{
    QCOMPARE(intervalPlace(0.33), 2);
    QCOMPARE(intervalPlace(2.5), 1);
    QCOMPARE(intervalPlace(160), -1);
    QCOMPARE(intervalPlace(9.96), 0); // rounds to 10: "5 ± 10"
    QCOMPARE(intervalPlace(0.000762), 5);
    QCOMPARE(intervalPlace(0), kNoPlace);
    QCOMPARE(intervalPlace(std::nan("")), kNoPlace);
    // The place the mean beside it is shown to.
    QCOMPARE(formatMeanAndInterval(54.6787, 0.3253), QStringLiteral("54.68 ± 0.33"));
    QCOMPARE(formatToPlace(53.2016, intervalPlace(0.3253)), QStringLiteral("53.20"));
}

void TestNumberFormat::negativeNumbersGetAMinusSign_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("coefficient and interval") << QStringLiteral("r = -0.60 (95% -0.91 to 0.12)")
                                              << QStringLiteral("r = \u22120.60 (95% \u22120.91 to 0.12)");
    QTest::addRow("at the start") << QStringLiteral("-.5") << QStringLiteral("\u2212.5");
    QTest::addRow("in a name") << QStringLiteral("lr-3 and mlp-2") << QStringLiteral("lr-3 and mlp-2");
    QTest::addRow("exponent") << QStringLiteral("1e-05") << QStringLiteral("1e-05");
    QTest::addRow("a range") << QStringLiteral("epochs 1-3") << QStringLiteral("epochs 1-3");
    QTest::addRow("a dash") << QStringLiteral("a - b") << QStringLiteral("a - b");
}

void TestNumberFormat::negativeNumbersGetAMinusSign()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(withMinusSigns(text), expected);
}

// countedNoun: what every count in the window, its figures and the command line reads as.
void TestNumberFormat::countsTakeTheNounInTheRightNumber()
{
    QCOMPARE(countedNoun(1, QStringLiteral("seed")), QStringLiteral("1 seed"));
    QCOMPARE(countedNoun(0, QStringLiteral("seed")), QStringLiteral("0 seeds"));
    QCOMPARE(countedNoun(3, QStringLiteral("stored seed")), QStringLiteral("3 stored seeds"));
    QCOMPARE(countedNoun(-1, QStringLiteral("seed")), QStringLiteral("-1 seeds"));
    QCOMPARE(countedNoun(2, QStringLiteral("matrix"), QStringLiteral("matrices")),
             QStringLiteral("2 matrices"));
    QCOMPARE(countedNoun(1, QStringLiteral("matrix"), QStringLiteral("matrices")),
             QStringLiteral("1 matrix"));
    // A list under a plot stays one line: names past the third are counted.
    const QStringList names = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                               QStringLiteral("d"), QStringLiteral("e")};
    QCOMPARE(namesAndMore(names, 3), QStringLiteral("a, b, c and 2 more"));
    QCOMPARE(namesAndMore(names.mid(0, 3), 3), QStringLiteral("a, b, c"));
    QCOMPARE(namesAndMore({}, 3), QString());
}

QTEST_GUILESS_MAIN(TestNumberFormat)
#include "tst_numberformat.moc"
