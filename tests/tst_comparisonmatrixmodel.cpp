// ComparisonMatrixModel: P(row better than column) for every ordered pair of one comparison group,
// tinted by its distance from ½, greyed where a side has too few seeds to tell.
#include "comparisonmatrixmodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QtTest>

#include <limits>

using namespace seedscape;

namespace {

WorkspaceStatistics::Group threeExperiments()
{
    WorkspaceStatistics::Group g;
    g.experiments = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    g.comparisons = {{QStringLiteral("a"), QStringLiteral("b"), 1.0, 0.75, 3, 4},
                     {QStringLiteral("b"), QStringLiteral("a"), 0.0, 0.25, 4, 3},
                     {QStringLiteral("a"), QStringLiteral("c"), 0.6, nan, 3, 5},
                     {QStringLiteral("c"), QStringLiteral("a"), 0.4, nan, 5, 3},
                     {QStringLiteral("b"), QStringLiteral("c"), 0.5, 0.5, 4, 5},
                     {QStringLiteral("c"), QStringLiteral("b"), 0.5, 0.5, 5, 4}};
    g.pickByEnsemble = QStringLiteral("a");
    return g;
}

} // namespace

class TestComparisonMatrixModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matrixHoldsEveryOrderedPair();
    void matrixSwitchesSplitAndTintsByDistanceFromHalf();
    void matrixGreysPairsOfTooFewSeeds();
};

void TestComparisonMatrixModel::matrixHoldsEveryOrderedPair()
{
    ComparisonMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroup(threeExperiments());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 3);
    // Columns by number (the name in the tooltip), rows by number and name.
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("2"));
    QVERIFY(
        model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QStringLiteral("than b")));
    QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QStringLiteral("3 · c"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("1.00")); // P(a better than b)
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("0.00")); // P(b better than a)
    QCOMPARE(model.index(0, 2).data(Qt::UserRole).toDouble(), 0.6);
    QVERIFY(!model.index(1, 1).data().isValid()); // an experiment against itself
    QVERIFY(model.index(0, 1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("3 × 4 pairs")));
    QCOMPARE(model.experimentAt(2), QStringLiteral("c"));
    QCOMPARE(model.experimentAt(3), QString());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.setSplit(ComparisonMatrixModel::Split::Test); // nothing to change: no signal the tester rejects
    QCOMPARE(model.split(), ComparisonMatrixModel::Split::Test);
}

void TestComparisonMatrixModel::matrixSwitchesSplitAndTintsByDistanceFromHalf()
{
    ComparisonMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroup(threeExperiments());
    const auto alpha = [&](int row, int column) {
        return model.index(row, column).data(Qt::BackgroundRole).value<QColor>().alpha();
    };
    QVERIFY(alpha(0, 1) > alpha(0, 2)); // P = 1 is tinted more strongly than P = 0.6
    QVERIFY(!model.index(1, 2).data(Qt::BackgroundRole).isValid()); // an even ½: no tint
    const QColor better = model.index(0, 1).data(Qt::BackgroundRole).value<QColor>();
    const QColor worse = model.index(1, 0).data(Qt::BackgroundRole).value<QColor>();
    QVERIFY(better.green() > better.red());
    QVERIFY(worse.red() > worse.green());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSplit(ComparisonMatrixModel::Split::Test);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("0.75"));
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("—")); // an undefined test score
    QVERIFY(model.index(0, 2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("undefined")));
    QVERIFY(!model.index(0, 2).data(Qt::BackgroundRole).isValid());
}

// P = 1 from one seed against four is no verdict: the number stays, greyed, untinted, and the
// tooltip says why.
void TestComparisonMatrixModel::matrixGreysPairsOfTooFewSeeds()
{
    WorkspaceStatistics::Group g;
    g.experiments = {QStringLiteral("one"), QStringLiteral("four"), QStringLiteral("three")};
    g.comparisons = {{QStringLiteral("one"), QStringLiteral("four"), 1.0, 1.0, 1, 4},
                     {QStringLiteral("four"), QStringLiteral("one"), 0.0, 0.0, 4, 1},
                     {QStringLiteral("four"), QStringLiteral("three"), 1.0, 1.0, 4, 3},
                     {QStringLiteral("three"), QStringLiteral("four"), 0.0, 0.0, 3, 4}};
    ComparisonMatrixModel model;
    model.setGroup(g);
    const QModelIndex few = model.index(0, 1), enough = model.index(1, 2);
    QCOMPARE(few.data().toString(), QStringLiteral("1.00"));
    QVERIFY(!few.data(Qt::BackgroundRole).isValid());
    QCOMPARE(few.data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::gray));
    QVERIFY2(few.data(Qt::ToolTipRole)
                 .toString()
                 .contains(QStringLiteral("Too few seeds to tell (fewer than 3 on a side)")),
             qPrintable(few.data(Qt::ToolTipRole).toString()));
    QVERIFY(!model.index(1, 0).data(Qt::BackgroundRole).isValid()); // either way round
    QVERIFY(enough.data(Qt::BackgroundRole).isValid());             // three seeds a side: tinted
    QVERIFY(!enough.data(Qt::ForegroundRole).isValid());
    QVERIFY(!enough.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Too few")));
}

QTEST_MAIN(TestComparisonMatrixModel)
#include "tst_comparisonmatrixmodel.moc"
