#include "common/inputerror.h"
#include "data/csvreader.h"
#include "data/datasetloader.h"

#include "support/sampledata.h"

#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

Dataset loadText(const char* csv, const QString& target, Task task = Task::Auto,
                 MissingPolicy missing = MissingPolicy::Error, const QString& splitColumn = {})
{
    DatasetSpec spec;
    spec.target = target;
    spec.task = task;
    spec.missing = missing;
    spec.split.column = splitColumn;
    return datasetFromCsvText(QByteArray(csv), spec);
}

} // namespace

class TestDatasetLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleDatasets_data();
    void sampleDatasets();
    void textLabelsGetARecordedMapping();
    void numericLabelsAreSorted();
    void taskOverride();
    void rejects_data();
    void rejects();
    void dropsMissingRowsAndSaysHowMany();
    void warnsAboutConstantFeature();
    void warnsOnceAboutManyConstantFeatures();
    void splitColumnIsNotAFeature();
    void warnsAboutConstantRegressionTarget();
    void warnsAboutClassesWithASingleRow();
};

void TestDatasetLoader::sampleDatasets_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("features");
    QTest::addColumn<int>("task");
    QTest::addColumn<int>("classes");
    QTest::addRow("diabetes") << sampleDatasetPath(QStringLiteral("diabetes.csv")) << "progression" << 442
                              << 10 << int(Task::Regression) << 0;
    QTest::addRow("wine") << sampleDatasetPath(QStringLiteral("wine.csv")) << "cultivar" << 178 << 13
                          << int(Task::Multiclass) << 3;
    QTest::addRow("breast_cancer") << sampleDatasetPath(QStringLiteral("breast_cancer.csv")) << "benign"
                                   << 569 << 30 << int(Task::Binary) << 2;
    QTest::addRow("digits") << sampleDatasetPath(QStringLiteral("digits.csv")) << "digit" << 1797 << 64
                            << int(Task::Multiclass) << 10;
}

void TestDatasetLoader::sampleDatasets()
{
    QFETCH(QString, file);
    QFETCH(QString, target);
    DatasetSpec spec;
    spec.target = target;
    const Dataset d = DatasetLoader::load(file, spec);
    QTEST(d.rowCount(), "rows");
    QTEST(d.featureCount(), "features");
    QTEST(int(d.task), "task");
    QTEST(d.classCount(), "classes");
    QCOMPARE(static_cast<int>(d.features.size()), d.rowCount() * d.featureCount());
    QVERIFY(!d.featureNames.contains(target));
    QCOMPARE(d.rowLines.front(), 2);
}

void TestDatasetLoader::textLabelsGetARecordedMapping()
{
    const Dataset d = loadText("x,answer\n1,yes\n2,no\n3,yes\n4,no\n", QStringLiteral("answer"));
    QCOMPARE(d.task, Task::Binary);
    QCOMPARE(d.classNames, QStringList({QStringLiteral("no"), QStringLiteral("yes")}));
    QCOMPARE(d.target, std::vector<double>({1, 0, 1, 0}));
}

void TestDatasetLoader::numericLabelsAreSorted()
{
    const Dataset d = loadText("x,y\n1,1\n2,-1\n3,1\n4,-1\n", QStringLiteral("y"));
    QCOMPARE(d.task, Task::Binary);
    QCOMPARE(d.classNames, QStringList({QStringLiteral("-1"), QStringLiteral("1")}));
    QCOMPARE(d.target, std::vector<double>({1, 0, 1, 0}));

    // Many distinct whole numbers (a count, a price) are a regression target, not classes.
    const Dataset counts = loadText("x,y\n1,10\n2,11\n3,12\n4,13\n5,14\n", QStringLiteral("y"));
    QCOMPARE(counts.task, Task::Regression);
    QCOMPARE(counts.target, std::vector<double>({10, 11, 12, 13, 14}));
    // Fractions are always regression.
    QCOMPARE(loadText("x,y\n1,0.5\n2,1\n3,0.5\n4,1\n", QStringLiteral("y")).task, Task::Regression);
}

void TestDatasetLoader::taskOverride()
{
    const Dataset asRegression = loadText("x,y\n1,0\n2,1\n3,0\n4,1\n", QStringLiteral("y"), Task::Regression);
    QCOMPARE(asRegression.task, Task::Regression);
    QVERIFY(asRegression.classNames.isEmpty());
    const Dataset asMulticlass = loadText("x,y\n1,0\n2,1\n3,0\n4,1\n", QStringLiteral("y"), Task::Multiclass);
    QCOMPARE(asMulticlass.task, Task::Multiclass);
    QCOMPARE(asMulticlass.classCount(), 2);
}

void TestDatasetLoader::rejects_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("task");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown target") << QByteArray("a,b\n1,2\n") << "y" << int(Task::Auto)
                                    << "t.csv:1: column 'y': no such column; the header has: a, b";
    QTest::addRow("non-numeric feature")
        << QByteArray("a,b,y\n1,2,3\n4,abc,5\n") << "y" << int(Task::Auto)
        << "t.csv:3: column 'b': not a number: 'abc' (features must be numeric)";
    QTest::addRow("decimal comma") << QByteArray("a;y\n1,5;3\n") << "y" << int(Task::Auto)
                                   << "t.csv:2: column 'a': not a number: '1,5' (features must be numeric)";
    QTest::addRow("missing value")
        << QByteArray("a,b,y\n1,2,3\n4,,5\n") << "y" << int(Task::Auto)
        << "t.csv:3: column 'b': missing value (set dataset.missing to \"drop\" to leave such rows out)";
    QTest::addRow("missing target")
        << QByteArray("a,y\n1,3\n4,NA\n") << "y" << int(Task::Auto)
        << "t.csv:3: column 'y': missing value (set dataset.missing to \"drop\" to leave such rows out)";
    QTest::addRow("infinite") << QByteArray("a,y\n1,3\ninf,4\n") << "y" << int(Task::Auto)
                              << "t.csv:3: column 'a': not a finite number: 'inf'";
    QTest::addRow("single class")
        << QByteArray("a,y\n1,x\n2,x\n3,x\n") << "y" << int(Task::Auto)
        << "t.csv: column 'y': the target has a single class ('x'); classification needs at least two";
    QTest::addRow("no rows") << QByteArray("a,y\n") << "y" << int(Task::Auto)
                             << "t.csv: no data rows after the header";
    QTest::addRow("only target") << QByteArray("y\n1\n2\n") << "y" << int(Task::Auto)
                                 << "t.csv:1: no feature columns: the file has only the target";
    QTest::addRow("text regression") << QByteArray("a,y\n1,2.5\n2,high\n") << "y" << int(Task::Regression)
                                     << "t.csv:3: column 'y': regression needs a number, got 'high'";
    const QByteArray longCell = "a,y\n1,2\n" + QByteArray(5000, 'z') + ",3\n";
    QTest::addRow("long cell is cut")
        << longCell << "y" << int(Task::Auto)
        << QStringLiteral("t.csv:3: column 'a': not a number: '") + QString(79, QLatin1Char('z')) +
               QChar(0x2026) + QStringLiteral("' (features must be numeric)");
    QTest::addRow("long column name is cut")
        << QByteArray("a,y\n1,2\n") << QString(300, QLatin1Char('t')) << int(Task::Auto)
        << QStringLiteral("t.csv:1: column '") + QString(79, QLatin1Char('t')) + QChar(0x2026) +
               QStringLiteral("': no such column; the header has: a, y");
    QTest::addRow("binary with 3 classes")
        << QByteArray("a,y\n1,0\n2,1\n3,2\n") << "y" << int(Task::Binary)
        << "t.csv: column 'y': the task is binary but the target has 3 classes";
}

void TestDatasetLoader::rejects()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, target);
    QFETCH(int, task);
    QFETCH(QString, message);
    try {
        loadText(csv.constData(), target, Task(task));
        QFAIL("bad data was accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.message(), message);
    }
}

void TestDatasetLoader::dropsMissingRowsAndSaysHowMany()
{
    const Dataset d = loadText("a,b,y\n1,2,3\n4,,5\n6,7,?\n8,9,10\n", QStringLiteral("y"), Task::Regression,
                               MissingPolicy::Drop);
    QCOMPARE(d.rowCount(), 2);
    QCOMPARE(d.droppedRows, 2);
    QCOMPARE(d.rowLines, std::vector<int>({2, 5}));
    QCOMPARE(d.target, std::vector<double>({3, 10}));
    QVERIFY(d.warnings.contains(QStringLiteral("t.csv: dropped 2 rows with missing values (lines 3, 4)")));
}

void TestDatasetLoader::warnsAboutConstantFeature()
{
    const Dataset d = loadText("a,flat,y\n1,7,1.5\n2,7,2.5\n3,7,3.5\n", QStringLiteral("y"));
    QCOMPARE(d.featureCount(), 2);
    QCOMPARE(d.warnings, QStringList({QStringLiteral(
                             "t.csv: column 'flat': constant (every row is 7); it carries no information")}));
}

void TestDatasetLoader::warnsOnceAboutManyConstantFeatures()
{
    QString header = QStringLiteral("a");
    QString row = QStringLiteral("%1");
    for (int c = 0; c < 12; ++c) {
        header += QStringLiteral(",blank%1").arg(c);
        row += QStringLiteral(",%1").arg(c == 11 ? 5 : 0);
    }
    const QString text = header + QStringLiteral(",y\n") + row.arg(1) + QStringLiteral(",1\n") + row.arg(2) +
                         QStringLiteral(",2\n") + row.arg(3) + QStringLiteral(",3\n");
    const Dataset d = loadText(text.toUtf8().constData(), QStringLiteral("y"));
    QCOMPARE(d.featureCount(), 13);
    QCOMPARE(
        d.warnings,
        QStringList({QStringLiteral(
            "t.csv: 12 columns are constant and carry no information: 'blank0' (every row is 0), 'blank1' "
            "(every row is 0), 'blank2' (every row is 0), 'blank3' (every row is 0), 'blank4' (every row is "
            "0), 'blank5' (every row is 0), 'blank6' (every row is 0), 'blank7' (every row is 0), 'blank8' "
            "(every row is 0), 'blank9' (every row is 0), …")}));
}

void TestDatasetLoader::splitColumnIsNotAFeature()
{
    const Dataset d = loadText("a,part,y\n1,train,1.5\n2,val,2.5\n3,TEST,3.5\n", QStringLiteral("y"),
                               Task::Auto, MissingPolicy::Error, QStringLiteral("part"));
    QCOMPARE(d.featureNames, QStringList({QStringLiteral("a")}));
    QCOMPARE(d.splitColumn,
             std::vector<SplitPart>({SplitPart::Train, SplitPart::Validation, SplitPart::Test}));
    try {
        loadText("a,part,y\n1,train,1\n2,holdout,2\n", QStringLiteral("y"), Task::Auto, MissingPolicy::Error,
                 QStringLiteral("part"));
        QFAIL("an unknown split value was accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.message(),
                 QStringLiteral("t.csv:3: column 'part': split value 'holdout' is not train, val or test"));
    }
}

void TestDatasetLoader::warnsAboutConstantRegressionTarget()
{
    const Dataset d = loadText("a,y\n1,4\n2,4\n3,4.0\n", QStringLiteral("y"), Task::Regression);
    QCOMPARE(d.warnings,
             QStringList({QStringLiteral("t.csv: column 'y': the regression target is constant (every row "
                                         "is 4); there is nothing to learn and r2 is undefined")}));
    QVERIFY(loadText("a,y\n1,4\n2,4\n3,5\n", QStringLiteral("y"), Task::Regression).warnings.isEmpty());
}

void TestDatasetLoader::warnsAboutClassesWithASingleRow()
{
    const Dataset one = loadText("a,y\n1,x\n2,x\n3,lone\n4,y\n5,y\n", QStringLiteral("y"));
    QCOMPARE(one.warnings, QStringList({QStringLiteral(
                               "t.csv: column 'y': class 'lone' has a single row (line 4); such a class "
                               "falls in only one of training, validation and test, so it is never "
                               "both learnt and scored")}));
    const Dataset two = loadText("a,y\n1,0\n2,0\n3,1\n4,0\n5,2\n", QStringLiteral("y"), Task::Multiclass);
    QCOMPARE(two.warnings.size(), 1);
    QVERIFY2(two.warnings[0].startsWith(
                 QStringLiteral("t.csv: column 'y': classes '1', '2' have a single row each (lines 4, 6);")),
             qPrintable(two.warnings[0]));
    QVERIFY(loadText("a,y\n1,x\n2,x\n3,y\n4,y\n", QStringLiteral("y")).warnings.isEmpty());
}

QTEST_GUILESS_MAIN(TestDatasetLoader)
#include "tst_datasetloader.moc"
