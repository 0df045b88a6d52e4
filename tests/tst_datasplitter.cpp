#include "common/inputerror.h"
#include "data/datasplitter.h"

#include "support/sampledata.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

SplitSpec fractions(double validation, double test, quint64 seed)
{
    SplitSpec s;
    s.validation = validation;
    s.test = test;
    s.seed = seed;
    return s;
}

int countClass(const Dataset& d, const std::vector<int>& rows, int cls)
{
    int n = 0;
    for (int r : rows)
        n += static_cast<int>(d.target[r]) == cls;
    return n;
}

} // namespace

class TestDataSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partsAreDisjointAndCoverEveryRow_data();
    void partsAreDisjointAndCoverEveryRow();
    void deterministicPerSplitSeed();
    void stratifiedByClass_data();
    void stratifiedByClass();
    void tooFewRows();
    void splitColumn();
    void splitColumnWithEmptyPart();
};

void TestDataSplitter::partsAreDisjointAndCoverEveryRow_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("target");
    QTest::addColumn<double>("validation");
    QTest::addColumn<double>("test");
    QTest::addRow("diabetes 60/20/20") << "diabetes.csv"
                                       << "progression" << 0.2 << 0.2;
    QTest::addRow("diabetes 80/10/10") << "diabetes.csv"
                                       << "progression" << 0.1 << 0.1;
    QTest::addRow("wine 50/25/25") << "wine.csv"
                                   << "cultivar" << 0.25 << 0.25;
    QTest::addRow("breast cancer 70/15/15") << "breast_cancer.csv"
                                            << "benign" << 0.15 << 0.15;
    QTest::addRow("digits 60/30/10") << "digits.csv"
                                     << "digit" << 0.3 << 0.1;
}

void TestDataSplitter::partsAreDisjointAndCoverEveryRow()
{
    QFETCH(QString, name);
    QFETCH(QString, target);
    QFETCH(double, validation);
    QFETCH(double, test);
    const Dataset d = loadSampleDataset(name, target);
    const SplitIndices s = DataSplitter::split(d, fractions(validation, test, 42));
    const int n = d.rowCount();
    QCOMPARE(static_cast<int>(s.validation.size()), static_cast<int>(std::lround(n * validation)));
    QCOMPARE(static_cast<int>(s.test.size()), static_cast<int>(std::lround(n * test)));
    QCOMPARE(static_cast<int>(s.train.size() + s.validation.size() + s.test.size()), n);
    std::set<int> all;
    for (const auto* part : {&s.train, &s.validation, &s.test}) {
        QVERIFY(std::is_sorted(part->begin(), part->end()));
        all.insert(part->begin(), part->end());
    }
    QCOMPARE(static_cast<int>(all.size()), n); // no row in two parts, none left out
    QCOMPARE(*all.begin(), 0);
    QCOMPARE(*all.rbegin(), n - 1);
}

void TestDataSplitter::deterministicPerSplitSeed()
{
    const Dataset d = loadSampleDataset(QStringLiteral("diabetes.csv"), QStringLiteral("progression"));
    const SplitIndices a = DataSplitter::split(d, fractions(0.2, 0.2, 42));
    const SplitIndices b = DataSplitter::split(d, fractions(0.2, 0.2, 42));
    const SplitIndices c = DataSplitter::split(d, fractions(0.2, 0.2, 43));
    QCOMPARE(a.train, b.train);
    QCOMPARE(a.validation, b.validation);
    QCOMPARE(a.test, b.test);
    QVERIFY(a.validation != c.validation);
    QVERIFY(a.test != c.test);
    // The same seed gives the same split on every platform: pin the first validation rows.
    QCOMPARE(std::vector<int>(a.validation.begin(), a.validation.begin() + 3), std::vector<int>({3, 6, 18}));
}

void TestDataSplitter::stratifiedByClass_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("target");
    QTest::addRow("wine") << "wine.csv"
                          << "cultivar";
    QTest::addRow("breast cancer") << "breast_cancer.csv"
                                   << "benign";
    QTest::addRow("digits") << "digits.csv"
                            << "digit";
}

void TestDataSplitter::stratifiedByClass()
{
    QFETCH(QString, name);
    QFETCH(QString, target);
    const Dataset d = loadSampleDataset(name, target);
    for (quint64 seed : {1ULL, 2ULL, 99ULL}) {
        const SplitIndices s = DataSplitter::split(d, fractions(0.2, 0.2, seed));
        for (int cls = 0; cls < d.classCount(); ++cls) {
            const int total =
                countClass(d, s.train, cls) + countClass(d, s.validation, cls) + countClass(d, s.test, cls);
            // Each part holds its share of every class, to within one row of rounding.
            QVERIFY2(std::abs(countClass(d, s.validation, cls) - 0.2 * total) <= 1.0,
                     qPrintable(QString::number(cls)));
            QVERIFY2(std::abs(countClass(d, s.test, cls) - 0.2 * total) <= 1.0,
                     qPrintable(QString::number(cls)));
        }
    }
}

void TestDataSplitter::tooFewRows()
{
    DatasetSpec spec;
    spec.target = QStringLiteral("y");
    const Dataset d = datasetFromCsvText("x,y\n1,1.5\n2,2.5\n3,3.5\n", spec);
    try {
        DataSplitter::split(d, fractions(0.2, 0.2, 1));
        QFAIL("three rows were split into 60/20/20");
    } catch (const InputError& e) {
        QCOMPARE(e.message(),
                 QStringLiteral("t.csv: 3 rows are too few for this split (validation 0.2, test 0.2): "
                                "validation and test need a row each and training 2"));
    }
    const Dataset four = datasetFromCsvText("x,y\n1,1.5\n2,2.5\n3,3.5\n4,1\n", spec);
    const SplitIndices s = DataSplitter::split(four, fractions(0.2, 0.2, 1));
    QCOMPARE(s.train.size(), size_t(2));
    QCOMPARE(s.validation.size(), size_t(1));
    QCOMPARE(s.test.size(), size_t(1));
}

void TestDataSplitter::splitColumn()
{
    DatasetSpec spec;
    spec.target = QStringLiteral("y");
    spec.split.column = QStringLiteral("part");
    const Dataset d =
        datasetFromCsvText("x,part,y\n1,train,1\n2,test,2\n3,train,3\n4,val,4\n5,train,5\n", spec);
    const SplitIndices s = DataSplitter::split(d, spec.split);
    QCOMPARE(s.train, std::vector<int>({0, 2, 4}));
    QCOMPARE(s.validation, std::vector<int>({3}));
    QCOMPARE(s.test, std::vector<int>({1}));
}

void TestDataSplitter::splitColumnWithEmptyPart()
{
    DatasetSpec spec;
    spec.target = QStringLiteral("y");
    spec.split.column = QStringLiteral("part");
    const Dataset d = datasetFromCsvText("x,part,y\n1,train,1\n2,train,2\n3,val,3\n", spec);
    try {
        DataSplitter::split(d, spec.split);
        QFAIL("a split without test rows was accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.message(),
                 QStringLiteral("t.csv: column 'part': the test part has 0 rows; it needs at least 1"));
    }
}

QTEST_GUILESS_MAIN(TestDataSplitter)
#include "tst_datasplitter.moc"
