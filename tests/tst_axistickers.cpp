// Axis labels as a paper prints them: every score label of an axis with the same decimals and a
// true minus sign, and the ensemble-size axis always labelling k = 1, the single seeds.
#include "plot/countticker.h"
#include "plot/scoreticker.h"

#include <QtTest>

#include "plot/qcustomplot_include.h"

using namespace seedscape;

namespace {

// "0.055 0.060" → {"0.055", "0.060"}
QStringList labels(const char* spaced)
{
    return QString::fromUtf8(spaced).split(QLatin1Char(' '));
}

} // namespace

class TestAxisTickers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scoreLabelsShareTheirDecimals_data();
    void scoreLabelsShareTheirDecimals();
    void decimalsAreTheFewestThatWriteEveryTick_data();
    void decimalsAreTheFewestThatWriteEveryTick();
    void ensembleSizeOneIsAlwaysLabelled();
    void alwaysTickedCountOutOfViewIsNotAdded();

private:
    // The labels a 400-pixel axis with this ticker and range draws, and their ticks.
    static QVector<QString> labelsOf(const QSharedPointer<QCPAxisTicker>& ticker, double lower, double upper,
                                     QVector<double>* ticks = nullptr);
};

QVector<QString> TestAxisTickers::labelsOf(const QSharedPointer<QCPAxisTicker>& ticker, double lower,
                                           double upper, QVector<double>* ticks)
{
    QCustomPlot plot;
    plot.resize(400, 400);
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setRange(lower, upper);
    plot.replot(); // the ticks are made when drawn
    if (ticks)
        *ticks = plot.xAxis->tickVector();
    return plot.xAxis->tickVectorLabels();
}

void TestAxisTickers::scoreLabelsShareTheirDecimals_data()
{
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::addColumn<QStringList>("expected");
    // QCustomPlot's own labels here were 0.055, 0.06, 0.065, 0.07.
    QTest::addRow("log loss") << 0.0525 << 0.0725 << labels("0.055 0.060 0.065 0.070");
    QTest::addRow("steps of 2.5") << 0.0775 << 0.0905 << labels("0.0775 0.0800 0.0825 0.0850 0.0875 0.0900");
    QTest::addRow("halves") << 47.0 << 63.0 << labels("47.5 50.0 52.5 55.0 57.5 60.0 62.5");
    QTest::addRow("whole numbers") << 5.0 << 95.0 << labels("20 40 60 80");
    QTest::addRow("through zero") << -0.42 << 0.42 << labels("\u22120.4 \u22120.2 0.0 0.2 0.4");
}

void TestAxisTickers::scoreLabelsShareTheirDecimals()
{
    QFETCH(double, lower);
    QFETCH(double, upper);
    QFETCH(QStringList, expected);
    QVector<double> ticks;
    QVector<QString> labels = labelsOf(QSharedPointer<QCPAxisTicker>(new ScoreTicker), lower, upper, &ticks);
    // generate() keeps one tick beyond each end for the grid: the labels in view are compared.
    QStringList inView;
    for (int i = 0; i < ticks.size(); ++i)
        if (ticks[i] >= lower && ticks[i] <= upper)
            inView << labels[i];
    QCOMPARE(inView, expected);
}

void TestAxisTickers::decimalsAreTheFewestThatWriteEveryTick_data()
{
    QTest::addColumn<QVector<double>>("ticks");
    QTest::addColumn<int>("decimals");
    QTest::addRow("tenths") << QVector<double>{0.1, 0.2, 0.30000000000000004} << 1;
    QTest::addRow("one needs two") << QVector<double>{0.25, 0.5, 0.75} << 2;
    QTest::addRow("whole") << QVector<double>{10, 20, 30} << 0;
    QTest::addRow("too small for plain decimals") << QVector<double>{1e-8, 2e-8} << -1;
    QTest::addRow("too large for plain decimals") << QVector<double>{1e6, 2e6} << -1;
    QTest::addRow("none") << QVector<double>{} << -1;
}

void TestAxisTickers::decimalsAreTheFewestThatWriteEveryTick()
{
    QFETCH(QVector<double>, ticks);
    QFETCH(int, decimals);
    QCOMPARE(ScoreTicker::commonDecimals(ticks), decimals);
}

void TestAxisTickers::ensembleSizeOneIsAlwaysLabelled()
{
    QSharedPointer<CountTicker> sizes(new CountTicker);
    sizes->setAlwaysTicked(1);
    QVector<double> ticks;
    const QVector<QString> shown = labelsOf(sizes, 0.7, 8.3, &ticks);
    QCOMPARE(ticks, (QVector<double>{1, 2, 4, 6, 8}));
    QCOMPARE(shown, labels("1 2 4 6 8"));
    QVector<double> generated, subTicks;
    sizes->generate(QCPRange(0.7, 8.3), QLocale::c(), QLatin1Char('g'), 6, generated, &subTicks, nullptr);
    QVERIFY(!subTicks.contains(1)); // a tick, not also a sub-tick under it
    QVERIFY(subTicks.contains(3));  // the others still evenly spaced

    // Without it, QCustomPlot's steps of 2 leave the single seeds unlabelled.
    QVector<double> plain;
    labelsOf(QSharedPointer<QCPAxisTicker>(new CountTicker), 0.7, 8.3, &plain);
    QCOMPARE(plain, (QVector<double>{2, 4, 6, 8}));
}

void TestAxisTickers::alwaysTickedCountOutOfViewIsNotAdded()
{
    QSharedPointer<CountTicker> sizes(new CountTicker);
    sizes->setAlwaysTicked(1);
    QVector<double> ticks;
    labelsOf(sizes, 3.5, 20.5, &ticks); // zoomed in past k = 1
    QVERIFY(!ticks.contains(1));
    QVERIFY(!ticks.isEmpty());
}

QTEST_MAIN(TestAxisTickers)
#include "tst_axistickers.moc"
