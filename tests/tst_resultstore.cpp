#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "store/resultstore.h"
#include "store/seedresultfile.h"

#include "train/seedresultassembler.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <limits>

using namespace seedscape;

namespace {

SeedResult finished(quint64 seed)
{
    SeedResult r;
    r.seed = seed;
    r.metric = Metric::LogLoss;
    r.validationScore = 0.1 + 1e-17 * seed;
    r.testScore = std::numeric_limits<double>::quiet_NaN();
    r.bestEpoch = 2;
    r.epochsRun = 3;
    r.trainLoss = {1.5, 0.75, 1.0 / 3};
    r.validationCurve = {0.9, 0.1, std::numeric_limits<double>::quiet_NaN()};
    r.predictionColumns = 3;
    r.validationPredictions = {0.2, 0.3, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3};
    r.testPredictions = {0.1, 0.1, 0.8};
    r.streams = {1, 2, 18446744073709551615ULL};
    r.durationSeconds = 1.25;
    r.startedAt = QDateTime::fromMSecsSinceEpoch(1700000000123LL + static_cast<qint64>(seed), Qt::UTC);
    r.experimentFingerprint = QStringLiteral("0123456789abcdef");
    r.versions = QStringLiteral("seedscape test");
    return r;
}

// Rewrites one field of a stored record, as a hand edit or a bit flip would.
void editRecord(const QString& path, const std::function<void(nlohmann::json&)>& edit)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto root = nlohmann::json::parse(f.readAll().toStdString());
    f.close();
    edit(root);
    AtomicFile::write(path, QByteArray::fromStdString(root.dump()));
}

} // namespace

class TestResultStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryBit();
    void failedSeedHasNoPredictions();
    void damagedPredictionsAreReportedNotLoaded();
    void orphanPredictionsWithoutRecordAreIgnored();
    void damagedFieldsMakeADamagedSeed_data();
    void damagedFieldsMakeADamagedSeed();
    void onlyUsableSeedsCountAndDamagedOnesGoAside();
    void failedSeedKeepsItsProvenance();
    void manySeedsAreSavedAtOnce();
    void seedsThatCannotBeSavedEachSayWhy();
    void aGpuSeedsGroupIsFoundFromTheRecords();
};

void TestResultStore::roundTripKeepsEveryBit()
{
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    const SeedResult r = finished(18446744073709551615ULL);
    store.save(r);
    const SeedResult back = *store.find(r.seed, true);
    QCOMPARE(back.seed, r.seed);
    QCOMPARE(back.status, SeedStatus::Finished);
    QCOMPARE(back.metric, Metric::LogLoss);
    QCOMPARE(back.validationScore, r.validationScore);
    QVERIFY(std::isnan(back.testScore)); // stored as null
    QCOMPARE(back.trainLoss, r.trainLoss);
    QCOMPARE(back.validationCurve.size(), size_t(3));
    QVERIFY(std::isnan(back.validationCurve[2]));
    QCOMPARE(back.validationPredictions, r.validationPredictions);
    QCOMPARE(back.testPredictions, r.testPredictions);
    QCOMPARE(back.predictionColumns, 3);
    QVERIFY(back.streams == r.streams);
    QCOMPARE(back.startedAt, r.startedAt);
    QCOMPARE(back.experimentFingerprint, r.experimentFingerprint);
    QCOMPARE(back.bestEpoch, 2);
    QCOMPARE(back.epochsRun, 3);
    QCOMPARE(back.group.size, 0); // none written: a CPU seed
    QCOMPARE(store.finishedCount(), 1);
}

void TestResultStore::failedSeedHasNoPredictions()
{
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    SeedResult r = finished(5);
    r.status = SeedStatus::Failed;
    r.failureEpoch = 4;
    r.failureReason = QStringLiteral("training loss became nan (diverged)");
    store.save(r);
    QVERIFY(!QFile::exists(dir.filePath(SeedResultFile::binaryName(5))));
    const SeedResult back = *store.find(5, true);
    QCOMPARE(back.status, SeedStatus::Failed);
    QCOMPARE(back.failureEpoch, 4);
    QCOMPARE(back.failureReason, r.failureReason);
    QVERIFY(back.validationPredictions.empty());
    QCOMPARE(store.finishedCount(), 0);
    QCOMPARE(store.recordedSeeds(), std::set<quint64>({5}));
}

void TestResultStore::damagedPredictionsAreReportedNotLoaded()
{
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    store.save(finished(1));
    store.save(finished(2));
    QFile bin(dir.filePath(SeedResultFile::binaryName(2)));
    QVERIFY(bin.open(QIODevice::ReadWrite));
    bin.seek(3);
    bin.write("X");
    bin.close();
    QStringList problems;
    const auto loaded = store.load(true, &problems);
    QCOMPARE(loaded.size(), size_t(1));
    QCOMPARE(loaded.front().seed, quint64(1));
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.front().contains(QStringLiteral("seed-2.bin: predictions file damaged")),
             qPrintable(problems.front()));
    QCOMPARE(store.load(false).size(), size_t(2)); // the scores themselves are still readable
    QCOMPARE(store.finishedCount(), 1);            // but only seed 1 is usable
}

void TestResultStore::orphanPredictionsWithoutRecordAreIgnored()
{
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    // What a kill between the two writes of a seed leaves: predictions without their record.
    AtomicFile::write(dir.filePath(SeedResultFile::binaryName(9)), QByteArray(48, '\0'));
    AtomicFile::write(dir.filePath(SeedResultFile::jsonName(8)),
                      "{\"format\": 1, \"seed\": 8"); // truncated by hand
    QStringList problems;
    QVERIFY(store.load(true, &problems).empty());
    QCOMPARE(problems.size(), 1);
    QCOMPARE(store.finishedCount(), 0);
    store.save(finished(9)); // the seed can be trained and saved again
    QCOMPARE(store.finishedCount(), 1);
}

void TestResultStore::damagedFieldsMakeADamagedSeed_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("value"); // JSON
    QTest::addColumn<QString>("message");
    QTest::addRow("score as text") << "val" << QByteArray("\"0.5\"")
                                   << "seed-4.json: field 'val': must be a number or null, got string";
    QTest::addRow("seed of another file")
        << "seed" << QByteArray("5")
        << "seed-4.json: field 'seed': is 5, which does not match the file name seed-4.json";
    QTest::addRow("negative seed")
        << "seed" << QByteArray("-4")
        << "seed-4.json: field 'seed': must be a whole number of 0 or more, got number";
    QTest::addRow("curve value as text")
        << "curve" << QByteArray(R"({"train_loss": [1, "x"], "val_score": []})")
        << "seed-4.json: field 'curve.train_loss[1]': must be a number or null, got string";
    QTest::addRow("fractional epoch")
        << "best_epoch" << QByteArray("1.5")
        << "seed-4.json: field 'best_epoch': must be a whole number of 0 or more, got number";
    QTest::addRow("stream as null")
        << "streams" << QByteArray(R"({"init": null, "order": 1, "dropout": 2})")
        << "seed-4.json: field 'streams.init': must be a whole number of 0 or more, got null";
    QTest::addRow("unknown status")
        << "status" << QByteArray("\"done\"")
        << "seed-4.json: field 'status': 'done' is not finished, failed or cancelled";
    QTest::addRow("not a date") << "started_at" << QByteArray("\"yesterday\"")
                                << "seed-4.json: field 'started_at': 'yesterday' is not a date and time";
    QTest::addRow("missing field") << "versions" << QByteArray() << "seed-4.json: field 'versions': missing";
    QTest::addRow("place outside its group")
        << "group" << QByteArray(R"({"first_seed": 1, "size": 2, "index": 2})")
        << "seed-4.json: field 'group.index': is 2, outside a group of 2";
    QTest::addRow("empty group") << "group" << QByteArray(R"({"first_seed": 1, "size": 0, "index": 0})")
                                 << "seed-4.json: field 'group.size': must be 1 or more, got 0";
    QTest::addRow("group without a size") << "group" << QByteArray(R"({"first_seed": 1, "index": 0})")
                                          << "seed-4.json: field 'group.size': missing";
    QTest::addRow("predictions of another seed")
        << "predictions.file" << QByteArray("\"seed-1.bin\"")
        << "seed-4.json: field 'predictions.file': names seed-1.bin, not seed-4.bin";
}

void TestResultStore::damagedFieldsMakeADamagedSeed()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, value);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    store.save(finished(1));
    store.save(finished(4));
    editRecord(dir.filePath(SeedResultFile::jsonName(4)), [&](nlohmann::json& root) {
        const QStringList path = field.split(QLatin1Char('.'));
        nlohmann::json* parent = &root;
        for (qsizetype i = 0; i + 1 < path.size(); ++i)
            parent = &(*parent)[path[i].toStdString()];
        if (value.isEmpty())
            parent->erase(path.back().toStdString());
        else
            (*parent)[path.back().toStdString()] = nlohmann::json::parse(value.toStdString());
    });
    const std::vector<DamagedSeed> damaged = store.damaged();
    QCOMPARE(damaged.size(), size_t(1));
    QCOMPARE(damaged.front().file, dir.filePath(SeedResultFile::jsonName(4)));
    QCOMPARE(QString(damaged.front().problem).replace(dir.path() + QLatin1Char('/'), QString()), message);
    QCOMPARE(store.finishedCount(), 1);
    QCOMPARE(store.recordedSeeds(), std::set<quint64>({1}));
    QVERIFY_THROWS_EXCEPTION(InputError, store.find(4, true));
}

void TestResultStore::onlyUsableSeedsCountAndDamagedOnesGoAside()
{
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    for (quint64 seed : {1, 2, 3, 4})
        store.save(finished(seed));
    SeedResult failed = finished(5);
    failed.status = SeedStatus::Failed;
    failed.failureReason = QStringLiteral("diverged");
    store.save(failed);
    QCOMPARE(store.finishedCount(), 4);
    // Seed 2's predictions flipped, seed 3's predictions gone, seed 4's record cut short.
    QFile bin(dir.filePath(SeedResultFile::binaryName(2)));
    QVERIFY(bin.open(QIODevice::ReadWrite));
    bin.seek(8);
    bin.write("\x01");
    bin.close();
    QVERIFY(QFile::remove(dir.filePath(SeedResultFile::binaryName(3))));
    AtomicFile::write(dir.filePath(SeedResultFile::jsonName(4)), "{\"format\": 1, \"seed\": 4");

    QCOMPARE(store.finishedCount(), 1);
    QCOMPARE(store.recordedSeeds(), std::set<quint64>({1, 5}));
    QCOMPARE(store.usable().size(), size_t(2));
    QVERIFY(store.usable().front().validationPredictions.empty()); // counted without keeping predictions
    std::vector<DamagedSeed> damaged = store.damaged();
    QCOMPARE(damaged.size(), size_t(3));
    QVERIFY2(damaged[0].problem.endsWith(QStringLiteral("seed-2.bin: predictions file damaged (size or hash "
                                                        "differs from seed-2.json)")),
             qPrintable(damaged[0].problem));
    QVERIFY2(damaged[1].problem.endsWith(QStringLiteral("seed-3.bin: predictions file missing")),
             qPrintable(damaged[1].problem));
    // The parser's own words, without its "[json.exception.parse_error.101]" tag.
    QVERIFY2(damaged[2].problem.contains(
                 QStringLiteral("seed-4.json: not a valid seed record: parse error at line 1")),
             qPrintable(damaged[2].problem));

    const std::vector<DamagedSeed> aside = store.setAsideDamaged();
    QCOMPARE(aside.size(), size_t(3));
    QVERIFY(store.damaged().empty());
    QCOMPARE(store.finishedCount(), 1);
    const QDir damagedFolder(dir.filePath(ResultStore::damagedFolderName()));
    QCOMPARE(damagedFolder.entryList(QDir::Files, QDir::Name),
             QStringList({QStringLiteral("seed-2.bin"), QStringLiteral("seed-2.json"),
                          QStringLiteral("seed-3.json"), QStringLiteral("seed-4.bin"),
                          QStringLiteral("seed-4.json")}));
    QVERIFY(!QFile::exists(dir.filePath(SeedResultFile::binaryName(2))));
    // Seed 2 trained again and damaged again: the first set-aside copy is kept.
    store.save(finished(2));
    QVERIFY(QFile::remove(dir.filePath(SeedResultFile::binaryName(2))));
    QCOMPARE(store.setAsideDamaged().size(), size_t(1));
    QVERIFY(damagedFolder.exists(QStringLiteral("seed-2.json")));
    QVERIFY(damagedFolder.exists(QStringLiteral("seed-2-2.json")));
    QCOMPARE(store.load(true).size(), size_t(2)); // the damaged folder is not read
}

void TestResultStore::failedSeedKeepsItsProvenance()
{
    // A seed failed by an engine goes through the assembler like a finished one.
    Experiment e;
    e.name = QStringLiteral("provenance");
    const std::vector<double> truth = {1, 2};
    const SeedResultAssembler assembler(e, Metric::RMSE, QStringLiteral("batched"), {&truth, &truth, 1});
    SeedResult r = assembler.begin(42);
    SeedResultAssembler::fail(r, 3, QStringLiteral("training loss became nan (diverged)"), 0.5);
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    store.save(r);
    const SeedResult back = *store.find(42, true);
    QCOMPARE(back.status, SeedStatus::Failed);
    QVERIFY(!back.experimentFingerprint.isEmpty());
    QCOMPARE(back.experimentFingerprint, r.experimentFingerprint);
    QVERIFY(back.startedAt.isValid());
    QCOMPARE(back.startedAt, r.startedAt);
    QVERIFY(back.streams == StreamSeeds::derive(42, e.seeds));
    QCOMPARE(back.engine, QStringLiteral("batched"));
    QVERIFY(!back.versions.isEmpty());
    QCOMPARE(back.failureEpoch, 3);
}

// A batched group ends hundreds of seeds at once; they are written from several threads.
void TestResultStore::manySeedsAreSavedAtOnce()
{
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    std::vector<SeedResult> results;
    for (quint64 seed = 1; seed <= 70; ++seed) {
        results.push_back(finished(seed));
        results.back().testPredictions = {0.1, 0.1 * static_cast<double>(seed), 0.8};
    }
    std::vector<const SeedResult*> pointers;
    for (const SeedResult& r : results)
        pointers.push_back(&r);
    const QStringList problems = store.saveAll(pointers);
    QCOMPARE(problems.size(), 70);
    QCOMPARE(problems.join(QString()), QString());
    QCOMPARE(store.finishedCount(), 70);
    QVERIFY(store.damaged().empty());
    for (const SeedResult& r : results) {
        const SeedResult back = *store.find(r.seed, true);
        QCOMPARE(back.testPredictions, r.testPredictions);
        QCOMPARE(back.validationScore, r.validationScore);
    }
}

void TestResultStore::seedsThatCannotBeSavedEachSayWhy()
{
    QTemporaryDir dir;
    QFile notAFolder(dir.filePath(QStringLiteral("results")));
    QVERIFY(notAFolder.open(QIODevice::WriteOnly));
    notAFolder.close();
    const ResultStore store(dir.filePath(QStringLiteral("results/w1")));
    std::vector<SeedResult> results;
    for (quint64 seed = 1; seed <= 20; ++seed)
        results.push_back(finished(seed));
    std::vector<const SeedResult*> pointers;
    for (const SeedResult& r : results)
        pointers.push_back(&r);
    const QStringList problems = store.saveAll(pointers);
    QCOMPARE(problems.size(), 20);
    for (int i = 0; i < 20; ++i)
        QVERIFY2(problems[i].contains(QStringLiteral("seed-%1.").arg(i + 1)), qPrintable(problems[i]));
}

void TestResultStore::aGpuSeedsGroupIsFoundFromTheRecords()
{
    QTemporaryDir dir;
    const ResultStore store(dir.path());
    const std::vector<quint64> lanes{30, 10, 20}; // a group's places are its own order, not the seeds'
    for (int i = 0; i < 3; ++i) {
        SeedResult r = finished(lanes[i]);
        r.group = {30, 3, i};
        store.save(r);
    }
    SeedResult other = finished(40); // the next group
    other.group = {40, 1, 0};
    store.save(other);
    store.save(finished(50)); // a CPU seed
    const SeedResult member = *store.find(20, false);
    QCOMPARE(member.group.firstSeed, quint64(30));
    QCOMPARE(member.group.index, 2);
    QCOMPARE(store.groupOf(member), lanes);
    QCOMPARE(store.groupOf(*store.find(40, false)), std::vector<quint64>{40});
    QVERIFY(store.groupOf(*store.find(50, false)).empty());
    QVERIFY(QFile::remove(dir.filePath(SeedResultFile::jsonName(10))));
    QVERIFY(store.groupOf(member).empty()); // a place of the group is missing
}

QTEST_GUILESS_MAIN(TestResultStore)
#include "tst_resultstore.moc"
