#include "common/inputerror.h"
#include "data/csvreader.h"
#include "data/datasetloader.h"
#include "data/preparedata.h"
#include "data/standardizer.h"

#include "support/sampledata.h"

#include <QtTest>

#include <cmath>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestStandardizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fitsOnChosenRowsOnly();
    void constantColumnStaysFinite();
    void preparedDataScalesOnTrainOnly();
    void inverseRestoresOriginalUnits();
    void overflowingVarianceIsFound();
    void overflowingColumnIsAnErrorNamingIt_data();
    void overflowingColumnIsAnErrorNamingIt();
};

void TestStandardizer::fitsOnChosenRowsOnly()
{
    // Two columns; rows 0 and 1 are "train", row 2 is an outlier that must not move the fit.
    const std::vector<double> x = {1, 10, 3, 30, 1000, -1000};
    const Standardizer s = Standardizer::fit(x, 2, {0, 1});
    QCOMPARE(s.means(), std::vector<double>({2, 20}));
    QCOMPARE(s.scales(), std::vector<double>({1, 10})); // population sd, as scikit-learn's StandardScaler
    const std::vector<double> z = s.transform(x);
    QCOMPARE(z, std::vector<double>({-1, -1, 1, 1, 998, -102}));
}

void TestStandardizer::constantColumnStaysFinite()
{
    const Standardizer s = Standardizer::fit({5, 1, 5, 2, 5, 3}, 2, {0, 1, 2});
    QCOMPARE(s.scales()[0], 1.0);
    const std::vector<double> z = s.transform({5, 2, 6, 2});
    QCOMPARE(z[0], 0.0);
    QCOMPARE(z[2], 1.0);
    for (double v : z)
        QVERIFY(std::isfinite(v));
}

void TestStandardizer::preparedDataScalesOnTrainOnly()
{
    DatasetSpec spec;
    spec.path = sampleDatasetPath(QStringLiteral("diabetes.csv"));
    spec.target = QStringLiteral("progression");
    const PreparedData p = PreparedData::prepare(spec.path, spec);
    const int d = p.dataset.featureCount();
    for (int c = 0; c < d; ++c) {
        double sum = 0, squares = 0;
        for (int r : p.split.train)
            sum += p.features[static_cast<size_t>(r) * d + c];
        const double mean = sum / p.split.train.size();
        for (int r : p.split.train)
            squares += std::pow(p.features[static_cast<size_t>(r) * d + c] - mean, 2);
        QVERIFY(std::abs(mean) < 1e-12);
        QVERIFY(std::abs(std::sqrt(squares / p.split.train.size()) - 1.0) < 1e-12);
        // On validation rows the mean is not exactly zero: the fit never saw them.
    }
    double validationMean = 0;
    for (int r : p.split.validation)
        validationMean += p.target[r];
    validationMean /= p.split.validation.size();
    QVERIFY(std::abs(validationMean) > 1e-6);
    QVERIFY(p.targetScaler.has_value());
    double trainTarget = 0;
    for (int r : p.split.train)
        trainTarget += p.dataset.target[r];
    QVERIFY(std::abs(p.targetScaler->means()[0] - trainTarget / p.split.train.size()) < 1e-9);
}

void TestStandardizer::inverseRestoresOriginalUnits()
{
    const Standardizer s = Standardizer::fit({151, 75, 141, 206}, 1, {0, 1, 2, 3});
    for (double v : {151.0, 75.0, 0.0, 500.0})
        QVERIFY(std::abs(s.inverseValue(s.transformValue(v, 0), 0) - v) < 1e-9);
}

void TestStandardizer::overflowingVarianceIsFound()
{
    // Squares of 1e200 overflow a double: the column would have been flattened to zeros.
    const Standardizer s = Standardizer::fit({1, 1e200, 2, -1e200, 3, 3e200}, 2, {0, 1, 2});
    QCOMPARE(s.overflowColumn(), 1);
    QCOMPARE(Standardizer::fit({1, 1e150, 2, -1e150}, 2, {0, 1}).overflowColumn(), -1);
    // A sum of 1e308s overflows the mean itself.
    QCOMPARE(Standardizer::fit({1e308, 1e308, 1e308}, 1, {0, 1, 2}).overflowColumn(), 0);
}

void TestStandardizer::overflowingColumnIsAnErrorNamingIt_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("column");
    QByteArray feature = "a,big,y\n", target = "a,b,y\n";
    for (int i = 0; i < 10; ++i) {
        feature += QByteArray::number(i) + "," + (i % 2 ? "-" : "") + QByteArray::number(i + 1) + "e200," +
                   QByteArray::number(i % 3) + ".5\n";
        target += QByteArray::number(i) + "," + QByteArray::number(i % 4) + "," + QByteArray::number(i + 1) +
                  "e300\n";
    }
    QTest::addRow("feature") << feature << "big";
    QTest::addRow("regression target") << target << "y";
}

void TestStandardizer::overflowingColumnIsAnErrorNamingIt()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, column);
    DatasetSpec spec;
    spec.target = QStringLiteral("y");
    spec.task = Task::Regression;
    try {
        PreparedData::prepare(datasetFromCsvText(csv, spec), spec.split);
        QFAIL("a column whose variance overflows was scaled");
    } catch (const InputError& e) {
        QCOMPARE(e.where().column, column);
        QVERIFY2(e.problem().startsWith(QStringLiteral("values too large to standardise")),
                 qPrintable(e.message()));
        QVERIFY(e.where().line > 1);
    }
}

QTEST_GUILESS_MAIN(TestStandardizer)
#include "tst_standardizer.moc"
