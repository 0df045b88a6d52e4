// CsvPreviewModel: the first rows of a CSV file as a table whose headers say what each column
// holds (its values counted over the whole file, once profiled) and which one is the target; row
// headers give the file's line numbers.
#include "csvpreviewmodel.h"

#include "support/sampledata.h"

#include "data/columnprofile.h"
#include "data/csvreader.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestCsvPreviewModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyUntilATableIsSet();
    void previewsASampleFile();
    void headersDescribeColumns_data();
    void headersDescribeColumns();
    void rowHeadersAreFileLines();
    void targetCanMoveWithoutAReset();
    void clearEmpties();
    void textIsAlignedLeft();
};

void TestCsvPreviewModel::emptyUntilATableIsSet()
{
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
    QVERIFY(!model.headerData(0, Qt::Horizontal).isValid());
    QVERIFY(model.profiles().empty());
}

void TestCsvPreviewModel::previewsASampleFile()
{
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const CsvTable table = CsvReader::readPreview(sampleDatasetPath(QStringLiteral("wine.csv")), 50);
    model.setTable(table, QStringLiteral("cultivar"));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.columnCount(), 14);
    QCOMPARE(model.profiles().size(), size_t(14));
    // Cells are the file's text as written.
    QCOMPARE(model.index(0, 0).data().toString(), table.rows[0][0]);
    QCOMPARE(model.index(49, 13).data().toString(), table.rows[49][13]);
    QCOMPARE(model.index(0, 0).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter); // a number
    QVERIFY(!model.index(0, 0).data(Qt::EditRole).isValid());
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("alcohol\nnumber"));
    // The first 50 rows are all class 0: no count until the whole file says how many there are.
    QCOMPARE(model.headerData(13, Qt::Horizontal).toString(),
             QStringLiteral("cultivar (target)\nwhole number"));
    QCOMPARE(model.headerData(13, Qt::Horizontal, Qt::FontRole).value<QFont>().bold(), true);
    QVERIFY(!model.headerData(0, Qt::Horizontal, Qt::FontRole).isValid());
    QCOMPARE(model.headerData(13, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("cultivar: whole number, 1 value (in the first 50 rows)"));
    QVERIFY(!model.headerData(14, Qt::Horizontal).isValid());

    // Another file's columns are not this table's.
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    int rows = 0;
    std::vector<ColumnProfile> columns =
        ColumnProfile::profileFile(sampleDatasetPath(QStringLiteral("diabetes.csv")), &rows);
    model.setWholeFile(columns, rows);
    QCOMPARE(headers.count(), 0);
    QCOMPARE(model.headerData(13, Qt::Horizontal).toString(),
             QStringLiteral("cultivar (target)\nwhole number"));
    // The same number of columns, one named otherwise: not this table's either.
    columns = ColumnProfile::profileFile(sampleDatasetPath(QStringLiteral("wine.csv")), &rows);
    columns[3].name = QStringLiteral("renamed");
    model.setWholeFile(columns, rows);
    QCOMPARE(headers.count(), 0);
    // The whole file: three classes in 178 rows.
    columns = ColumnProfile::profileFile(sampleDatasetPath(QStringLiteral("wine.csv")), &rows);
    model.setWholeFile(columns, rows);
    QCOMPARE(rows, 178);
    QCOMPARE(headers.count(), 1);
    QCOMPARE(model.headerData(13, Qt::Horizontal).toString(),
             QStringLiteral("cultivar (target)\nwhole number, 3 values"));
    QCOMPARE(model.headerData(13, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("cultivar: whole number, 3 values (in all 178 rows of the file)"));
    QCOMPARE(model.rowCount(), 50); // still the rows shown
    // A new table forgets it.
    model.setTable(table, QStringLiteral("cultivar"));
    QCOMPARE(model.headerData(13, Qt::Horizontal).toString(),
             QStringLiteral("cultivar (target)\nwhole number"));
}

void TestCsvPreviewModel::headersDescribeColumns_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("header");
    QTest::addRow("number") << QByteArray("x\n1.5\n2\n") << QStringLiteral("x\nnumber");
    QTest::addRow("whole numbers") << QByteArray("x\n1\n2\n2\n")
                                   << QStringLiteral("x\nwhole number, 2 values");
    QTest::addRow("one value") << QByteArray("x\n7\n7\n") << QStringLiteral("x\nwhole number, 1 value");
    QTest::addRow("text") << QByteArray("x\nred\nblue\n3\n") << QStringLiteral("x\ntext, 3 values");
    QTest::addRow("missing cells") << QByteArray("x,y\n1,a\n,b\n?,c\n2,d\n")
                                   << QStringLiteral("x\nwhole number, 2 values, 2 missing");
    QTest::addRow("empty") << QByteArray("x,y\n,1\n,2\n") << QStringLiteral("x\nempty");
}

void TestCsvPreviewModel::headersDescribeColumns()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, header);
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const CsvTable table = CsvReader::parse(csv, QStringLiteral("t.csv"));
    model.setTable(table, QString());
    model.setWholeFile(ColumnProfile::profile(table), table.rowCount());
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), header);
}

void TestCsvPreviewModel::rowHeadersAreFileLines()
{
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // A quoted cell over two lines: the next row starts a line later than its index suggests.
    model.setTable(CsvReader::parse("a,b\n1,\"two\nlines\"\n3,4\n", QStringLiteral("t.csv")),
                   QStringLiteral("b"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 2); // the header is line 1
    QCOMPARE(model.headerData(1, Qt::Vertical, Qt::ToolTipRole).toString(),
             QStringLiteral("line 4 of the file (line 1 is the header)"));
    QCOMPARE(model.headerData(1, Qt::Vertical).toInt(), 4);
    QVERIFY(!model.headerData(2, Qt::Vertical).isValid());
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("two\nlines"));
}

void TestCsvPreviewModel::targetCanMoveWithoutAReset()
{
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTable(CsvReader::parse("a,b\n1,2\n3,4\n", QStringLiteral("t.csv")), QStringLiteral("b"));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    model.setTargetColumn(QStringLiteral("a"));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(headers.count(), 1);
    QVERIFY(model.headerData(0, Qt::Horizontal).toString().startsWith(QStringLiteral("a (target)\n")));
    QVERIFY(!model.headerData(1, Qt::Horizontal).toString().contains(QStringLiteral("(target)")));
    model.setTargetColumn(QStringLiteral("a")); // the same: nothing to redraw
    QCOMPARE(headers.count(), 1);
    model.setTargetColumn(QStringLiteral("not a column"));
    QCOMPARE(headers.count(), 2);
    QVERIFY(!model.headerData(0, Qt::Horizontal).toString().contains(QStringLiteral("(target)")));
}

void TestCsvPreviewModel::clearEmpties()
{
    CsvPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTable(CsvReader::parse("a,b\n1,2\n", QStringLiteral("t.csv")), QStringLiteral("b"));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
}

void TestCsvPreviewModel::textIsAlignedLeft()
{
    // A command experiment's data: a path column beside a number.
    CsvPreviewModel model;
    model.setTable(CsvReader::parse("photo,weight\nimg/1.png,3.5\nimg/2.png,4\n", QStringLiteral("t.csv")),
                   QStringLiteral("weight"));
    QCOMPARE(model.index(0, 0).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignLeft | Qt::AlignVCenter);
    QCOMPARE(model.index(1, 1).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);
}

QTEST_MAIN(TestCsvPreviewModel)
#include "tst_csvpreviewmodel.moc"
