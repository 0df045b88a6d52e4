#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "store/resultstore.h"
#include "store/seedresultfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
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

} // namespace

class TestResultStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryBit();
    void failedSeedHasNoPredictions();
    void damagedPredictionsAreReportedNotLoaded();
    void orphanPredictionsWithoutRecordAreIgnored();
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

QTEST_GUILESS_MAIN(TestResultStore)
#include "tst_resultstore.moc"
