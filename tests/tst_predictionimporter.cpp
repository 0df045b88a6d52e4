// Importing predictions made elsewhere (PredictionImporter): what it refuses, naming file, line and
// column; all or nothing across the file; stored seeds kept unless replaced on purpose.
#include "common/inputerror.h"
#include "common/storageerror.h"
#include "store/experimentresults.h"
#include "store/labelsfile.h"
#include "store/predictionimporter.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

namespace {

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

} // namespace

class TestPredictionImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importRejects_data();
    void importRejects();
    void probabilitiesRoundedTo4DecimalsAreAccepted();
    void columnsNotReadAreNamed();
    void importRefusesOtherLabelsForTheSameName();
    void importRefusesStoredSeedsUnlessReplacing();
    void importIsAllOrNothingWhenWritingFails();
    void importNamesMustFitAFileNameInBytes();
    void importFinishesOrRemovesStaleStaging();
};

void TestPredictionImporter::importRejects_data()
{
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<QByteArray>("predictions");
    QTest::addColumn<int>("task");
    QTest::addColumn<QString>("message");
    const QByteArray labels = "split,row,label\nval,0,1\nval,1,0\ntest,0,1\n";
    const QByteArray binaryOk = "experiment,seed,split,row,prediction\n";
    QTest::addRow("missing label column")
        << QByteArray("split,row,value\nval,0,1\n") << binaryOk << int(Task::Binary)
        << "L.csv:1: missing column 'label' (the header must have split,row,label)";
    QTest::addRow("missing prediction column")
        << labels << QByteArray("experiment,seed,split,row,p\n") << int(Task::Binary)
        << "P.csv:1: missing column 'prediction' (the header reads experiment,seed,split,row,p; binary "
           "predictions give P(class 1) in a column 'prediction')";
    QTest::addRow("class columns for a binary task")
        << labels << QByteArray("experiment,seed,split,row,p_0,p_1\n") << int(Task::Binary)
        << "P.csv:1: missing column 'prediction' (the header reads experiment,seed,split,row,p_0,p_1; binary "
           "predictions give P(class 1) in a column 'prediction', not p_0 and p_1)";
    QTest::addRow("no header row")
        << labels << QByteArray("a,1,val,0,0.7\na,1,val,1,0.2\n") << int(Task::Binary)
        << "P.csv:1: has no header row: its first line is data ('val' is a split, not a column name); the "
           "first line must name the columns, as in split,row,prediction";
    QTest::addRow("unknown split in labels")
        << QByteArray("split,row,label\nvalid,0,1\n") << binaryOk << int(Task::Binary)
        << "L.csv:2: column 'split': split 'valid' is not val or test";
    QTest::addRow("label not a class")
        << QByteArray("split,row,label\nval,0,2\n") << binaryOk << int(Task::Binary)
        << "L.csv:2: column 'label': a binary label must be a class index from 0 to 1, got '2'";
    QTest::addRow("labelled twice") << QByteArray("split,row,label\nval,0,1\nval,0,0\n") << binaryOk
                                    << int(Task::Binary)
                                    << "L.csv:3: column 'row': val row 0 is labelled twice (first on line 2)";
    QTest::addRow("gap in labels") << QByteArray("split,row,label\nval,0,1\nval,2,0\ntest,0,1\n") << binaryOk
                                   << int(Task::Binary)
                                   << "L.csv: val rows must count from 0 without gaps: row 1 is missing";
    QTest::addRow("unknown split in predictions")
        << labels << QByteArray(binaryOk + "a,1,train,0,0.5\n") << int(Task::Binary)
        << "P.csv:2: column 'split': split 'train' is not val or test";
    QTest::addRow("row without label")
        << labels << QByteArray(binaryOk + "a,1,test,1,0.5\n") << int(Task::Binary)
        << "P.csv:2: column 'row': test row 1 has no label in L.csv (it labels test rows 0 to 0)";
    QTest::addRow("row twice")
        << labels << QByteArray(binaryOk + "a,1,val,0,0.5\na,1,val,0,0.6\n") << int(Task::Binary)
        << "P.csv:3: column 'row': experiment 'a' seed 1 predicts val row 0 twice (first on line 2)";
    QTest::addRow("row missing")
        << labels << QByteArray(binaryOk + "a,1,val,0,0.5\na,1,val,1,0.2\n") << int(Task::Binary)
        << "P.csv: experiment 'a' seed 1 has no prediction for test row 0 (test has 1 row, numbered from 0)";
    QTest::addRow("probability above 1")
        << labels << QByteArray(binaryOk + "a,1,val,0,1.5\n") << int(Task::Binary)
        << "P.csv:2: column 'prediction': a probability must be between 0 and 1, got '1.5'";
    QTest::addRow("not a number") << labels << QByteArray(binaryOk + "a,1,val,0,high\n") << int(Task::Binary)
                                  << "P.csv:2: column 'prediction': not a number: 'high'";
    QTest::addRow("bad seed")
        << labels << QByteArray(binaryOk + "a,-3,val,0,0.5\n") << int(Task::Binary)
        << "P.csv:2: column 'seed': a seed must be a whole number from 0 to 18446744073709551615, got '-3'";
    QTest::addRow("multiclass sum") << QByteArray("split,row,label\nval,0,2\ntest,0,1\n")
                                    << QByteArray(
                                           "experiment,seed,split,row,p_0,p_1,p_2\na,1,val,0,0.2,0.2,0.5\n")
                                    << int(Task::Multiclass)
                                    << "P.csv:2: the class probabilities sum to 0.9, not 1 (within 0.00015: "
                                       "5e-05 for each of the 3 classes, what rounding to 4 decimals can add "
                                       "up to)";
    QTest::addRow("multiclass columns")
        << QByteArray("split,row,label\nval,0,2\ntest,0,1\n")
        << QByteArray("experiment,seed,split,row,prediction\n") << int(Task::Multiclass)
        << "P.csv:1: missing columns 'p_0', 'p_1', … (multiclass predictions need one probability column per "
           "class)";
    QTest::addRow("regression label text")
        << QByteArray("split,row,label\nval,0,tall\n") << binaryOk << int(Task::Regression)
        << "L.csv:2: column 'label': not a number: 'tall'";
}

void TestPredictionImporter::importRejects()
{
    QFETCH(QByteArray, labels);
    QFETCH(QByteArray, predictions);
    QFETCH(int, task);
    QFETCH(QString, message);
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("L.csv")), labels);
    writeFile(dir.filePath(QStringLiteral("P.csv")), predictions);
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    const Metric metric = Task(task) == Task::Regression ? Metric::RMSE
                          : Task(task) == Task::Binary   ? Metric::AUC
                                                         : Metric::Accuracy;
    try {
        PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                       dir.filePath(QStringLiteral("L.csv")), Task(task), metric);
        QFAIL("malformed input was imported");
    } catch (const InputError& e) {
        QCOMPARE(e.message().replace(dir.path() + QLatin1Char('/'), QString()), message);
    }
    QVERIFY(!QDir(dir.filePath(QStringLiteral("ws/results"))).exists()); // nothing written
}

// Ten classes, each written with "%.4f": the rounding adds up to 0.0004; a row off by more is refused.
void TestPredictionImporter::probabilitiesRoundedTo4DecimalsAreAccepted()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("L.csv")), "split,row,label\nval,0,3\ntest,0,7\n");
    const QByteArray header = "experiment,seed,split,row,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9\n";
    const QByteArray rounded = "0.1000,0.1000,0.1000,0.1001,0.1001,0.1001,0.1000,0.1001,0.1000,0.1000\n";
    const QByteArray off = "0.1000,0.1000,0.1000,0.1001,0.1001,0.1001,0.1001,0.1001,0.1001,0.1001\n";
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    const auto import = [&](const QByteArray& testRow) {
        writeFile(dir.filePath(QStringLiteral("P.csv")),
                  header + "a,1,val,0," + rounded + "a,1,test,0," + testRow);
        return PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                              dir.filePath(QStringLiteral("L.csv")), Task::Multiclass,
                                              Metric::LogLoss);
    };
    try {
        import(off);
        QFAIL("a row summing to 1.0007 was imported");
    } catch (const InputError& e) {
        QVERIFY2(e.message().endsWith(
                     QStringLiteral("P.csv:3: the class probabilities sum to 1.0007, not 1 (within "
                                    "0.0005: 5e-05 for each of the 10 classes, what rounding to 4 "
                                    "decimals can add up to)")),
                 qPrintable(e.message()));
    }
    QCOMPARE(import(rounded).seeds, 1);
    const auto stored = ResultStore(workspace.resultsFolder(QStringLiteral("a"))).find(1, true);
    QVERIFY(stored);
    QCOMPARE(stored->testPredictions.at(3), 0.1001); // kept as written
}

// A binary task reads `prediction`: a p_1 beside it (the user unsure of the format) is named as unread,
// as is any other column, in file order; the ones read are not.
void TestPredictionImporter::columnsNotReadAreNamed()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("L.csv")), "split,row,label\nval,0,1\ntest,0,0\n");
    writeFile(dir.filePath(QStringLiteral("P.csv")), "p_1,experiment,seed,split,row,prediction,label\n"
                                                     "0.8,a,1,val,0,0.8,1\n0.3,a,1,test,0,0.3,0\n");
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    const auto summary =
        PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                       dir.filePath(QStringLiteral("L.csv")), Task::Binary, Metric::Accuracy);
    QCOMPARE(summary.seeds, 1);
    QCOMPARE(summary.unreadColumns, (QStringList{QStringLiteral("p_1"), QStringLiteral("label")}));
    QCOMPARE(summary.unreadColumnsNote, QStringLiteral("did not read the columns 'p_1', 'label' (it reads "
                                                       "experiment, seed, split, row and prediction)"));
    writeFile(dir.filePath(QStringLiteral("P.csv")), "experiment,seed,split,row,prediction\n"
                                                     "b,1,val,0,0.8\nb,1,test,0,0.3\n");
    QVERIFY(PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                           dir.filePath(QStringLiteral("L.csv")), Task::Binary,
                                           Metric::Accuracy)
                .unreadColumns.isEmpty());
}

void TestPredictionImporter::importRefusesOtherLabelsForTheSameName()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("L.csv")), "split,row,label\nval,0,1.5\ntest,0,2.5\n");
    writeFile(dir.filePath(QStringLiteral("L2.csv")), "split,row,label\nval,0,9\ntest,0,2.5\n");
    writeFile(dir.filePath(QStringLiteral("P.csv")),
              "experiment,seed,split,row,prediction\na,1,val,0,1\na,1,test,0,2\n");
    writeFile(dir.filePath(QStringLiteral("P2.csv")),
              "experiment,seed,split,row,prediction\na,2,val,0,1\na,2,test,0,3\n");
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                   dir.filePath(QStringLiteral("L.csv")), Task::Regression, Metric::MAE);
    // More seeds with the same labels join the experiment.
    PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P2.csv")),
                                   dir.filePath(QStringLiteral("L.csv")), Task::Regression, Metric::MAE);
    QCOMPARE(ExperimentResults::load(workspace.resultsFolder(QStringLiteral("a")), QStringLiteral("a"))
                 .seeds.size(),
             size_t(2));
    // Refused, saying how they differ: a label, then the metric.
    const auto refusal = [&](const QString& labels, Metric metric) {
        try {
            PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P2.csv")),
                                           dir.filePath(labels), Task::Regression, metric);
        } catch (const InputError& e) {
            return e.message();
        }
        return QStringLiteral("accepted");
    };
    QCOMPARE(
        refusal(QStringLiteral("L2.csv"), Metric::MAE),
        workspace.resultsFolder(QStringLiteral("a")) +
            QStringLiteral("/labels.json: experiment 'a' already has results on other labels (val row 0 is "
                           "labelled 1.5 there, 9 here); import under another name"));
    QVERIFY2(refusal(QStringLiteral("L.csv"), Metric::RMSE)
                 .contains(QStringLiteral("(it is scored with mae, this import with rmse)")),
             qPrintable(refusal(QStringLiteral("L.csv"), Metric::RMSE)));
}

namespace {

const QByteArray kLabels = "split,row,label\nval,0,1.5\ntest,0,2.5\n";

// Imports predictions (header added) with kLabels as a regression scored by MAE.
PredictionImporter::Summary importText(const Workspace& workspace, const QTemporaryDir& dir,
                                       const QByteArray& rows,
                                       ImportWriter::StoredSeeds stored = ImportWriter::StoredSeeds::Refuse)
{
    writeFile(dir.filePath(QStringLiteral("L.csv")), kLabels);
    writeFile(dir.filePath(QStringLiteral("P.csv")), "experiment,seed,split,row,prediction\n" + rows);
    return PredictionImporter::importInto(workspace, dir.filePath(QStringLiteral("P.csv")),
                                          dir.filePath(QStringLiteral("L.csv")), Task::Regression,
                                          Metric::MAE, stored);
}

QStringList stagingFolders(const Workspace& workspace)
{
    return QDir(workspace.path() + QStringLiteral("/results"))
        .entryList({QStringLiteral(".import-*")}, QDir::Dirs | QDir::Hidden);
}

} // namespace

void TestPredictionImporter::importRefusesStoredSeedsUnlessReplacing()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    importText(workspace, dir, "b,1,val,0,1\nb,1,test,0,2\n");
    const auto testPrediction = [&] {
        return ResultStore(workspace.resultsFolder(QStringLiteral("b"))).find(1, true)->testPredictions.at(0);
    };
    QCOMPARE(testPrediction(), 2.0);
    // A new experiment and a stored seed of another: nothing at all is imported.
    try {
        importText(workspace, dir, "a,7,val,0,1\na,7,test,0,2\nb,1,val,0,1\nb,1,test,0,3\n");
        QFAIL("a stored seed was silently replaced");
    } catch (const InputError& e) {
        QCOMPARE(e.message().replace(dir.path() + QLatin1Char('/'), QString()),
                 QStringLiteral(
                     "P.csv:4: column 'seed': experiment 'b' already has seed 1 (ws/results/b/seed-1.json); "
                     "nothing was imported. Use --replace to replace stored seeds on purpose"));
    }
    QVERIFY(!QFileInfo::exists(workspace.resultsFolder(QStringLiteral("a"))));
    QCOMPARE(testPrediction(), 2.0);
    QVERIFY(stagingFolders(workspace).isEmpty());
    // On purpose, it replaces, and says how many it replaced.
    const auto summary = importText(workspace, dir, "a,7,val,0,1\na,7,test,0,2\nb,1,val,0,1\nb,1,test,0,3\n",
                                    ImportWriter::StoredSeeds::Replace);
    QCOMPARE(summary.seeds, 2);
    QCOMPARE(summary.replaced, 1);
    QCOMPARE(testPrediction(), 3.0);
    QCOMPARE(ResultStore(workspace.resultsFolder(QStringLiteral("a"))).finishedCount(), 1);
    QCOMPARE(ResultStore(workspace.resultsFolder(QStringLiteral("b"))).finishedCount(), 1);
    QVERIFY(stagingFolders(workspace).isEmpty());
}

void TestPredictionImporter::importIsAllOrNothingWhenWritingFails()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    // The second experiment cannot be written: its results folder is taken by a file.
    QVERIFY(QDir().mkpath(workspace.path() + QStringLiteral("/results")));
    writeFile(workspace.resultsFolder(QStringLiteral("b")), "in the way");
    QVERIFY_THROWS_EXCEPTION(
        StorageError, importText(workspace, dir, "a,1,val,0,1\na,1,test,0,2\nb,1,val,0,1\nb,1,test,0,2\n"));
    QVERIFY(!QFileInfo::exists(workspace.resultsFolder(QStringLiteral("a"))));
    QVERIFY(stagingFolders(workspace).isEmpty());
}

void TestPredictionImporter::importNamesMustFitAFileNameInBytes()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    // 85 characters, 255 bytes: NAME.experiment.json would be 271 bytes.
    const QString tooLong = QString(85, QChar(0x20AC));
    try {
        importText(
            workspace, dir,
            (tooLong + QStringLiteral(",1,val,0,1\n") + tooLong + QStringLiteral(",1,test,0,2\n")).toUtf8());
        QFAIL("a name too long for a file name was imported");
    } catch (const InputError& e) {
        QCOMPARE(
            e.message().replace(dir.path() + QLatin1Char('/'), QString()),
            QStringLiteral("P.csv:2: column 'experiment': experiment name is 255 bytes long in UTF-8; file "
                           "names allow at most 239 bytes for it (255 with the suffix .experiment.json)"));
    }
    QVERIFY(!QDir(workspace.path() + QStringLiteral("/results")).exists());
    const QString fits = QString(79, QChar(0x20AC)); // 237 bytes
    importText(workspace, dir,
               (fits + QStringLiteral(",1,val,0,1\n") + fits + QStringLiteral(",1,test,0,2\n")).toUtf8());
    QCOMPARE(ResultStore(workspace.resultsFolder(fits)).finishedCount(), 1);
}

void TestPredictionImporter::importFinishesOrRemovesStaleStaging()
{
    QTemporaryDir dir;
    const Workspace workspace(dir.filePath(QStringLiteral("ws")));
    const QString results = workspace.path() + QStringLiteral("/results");
    ExperimentLabels labels;
    labels.metric = Metric::MAE;
    labels.validation = {1.5};
    labels.test = {2.5};
    SeedResult seed;
    seed.seed = 3;
    seed.metric = Metric::MAE;
    seed.validationPredictions = {1};
    seed.testPredictions = {2};
    seed.startedAt = QDateTime::currentDateTimeUtc();
    // What two killed imports left: one still writing (no mark), one that had committed.
    for (const QString& staged : {QStringLiteral(".import-dead/experiments/half"),
                                  QStringLiteral(".import-done/experiments/whole")}) {
        LabelsFile::write(labels, results + QLatin1Char('/') + staged);
        ResultStore(results + QLatin1Char('/') + staged).save(seed);
    }
    writeFile(results + QStringLiteral("/.import-done/complete"), "1\n");
    QStringList problems;
    QVERIFY(ExperimentResults::loadWorkspace(workspace.path(), &problems).empty()); // readers skip staging
    QVERIFY(problems.isEmpty());

    importText(workspace, dir, "a,1,val,0,1\na,1,test,0,2\n");
    QVERIFY(stagingFolders(workspace).isEmpty());
    const auto all = ExperimentResults::loadWorkspace(workspace.path(), &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QCOMPARE(all.size(), size_t(2));
    QCOMPARE(all[0].name, QStringLiteral("a"));
    QCOMPARE(all[1].name, QStringLiteral("whole"));
    QCOMPARE(all[1].seeds.size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestPredictionImporter)
#include "tst_predictionimporter.moc"
