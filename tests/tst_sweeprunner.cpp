// Seed sweeps on worker threads: storage of every seed, continuation, failures, pause, cancel.
#include "data/preparedata.h"
#include "store/resultstore.h"
#include "store/seedresultfile.h"
#include "sweep/sweeprunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <mutex>
#include <thread>

using namespace seedscape;

namespace {

Experiment diabetes(int epochs)
{
    Experiment e;
    e.name = QStringLiteral("d");
    e.dataset.path = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/diabetes.csv");
    e.dataset.target = QStringLiteral("progression");
    e.model.hidden = {16};
    e.training.epochs = epochs;
    return e;
}

SweepItem item(const Experiment& e, const QString& folder, int wanted,
               TrainingEngine engine = TrainingEngine::Automatic)
{
    return {e, std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset)), folder,
            wanted, engine};
}

// The seed files of a results folder (labels.json is written when a sweep starts).
std::map<QString, QByteArray> filesIn(const QString& folder)
{
    std::map<QString, QByteArray> files;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("seed-*")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::ReadOnly);
        files[name] = f.readAll();
    }
    return files;
}

} // namespace

class TestSweepRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void trainsUntilWantedAndStoresEverySeed();
    void parallelSeedsEqualSeedsTrainedAlone_data();
    void parallelSeedsEqualSeedsTrainedAlone();
    void batchedEngineSharesSeedsOutInGroups();
    void continuesFromStoredSeeds();
    void divergingExperimentFailsWhileOthersFinish();
    void pausedSweepTakesNoStep();
    void cancelKeepsFinishedSeeds();
    void cancelledGroupStoresNothing();
};

void TestSweepRunner::trainsUntilWantedAndStoresEverySeed()
{
    QTemporaryDir dir;
    Experiment e = diabetes(4);
    e.seeds.list = {10, 20};
    std::mutex mutex;
    std::vector<quint64> ended;
    int epochs = 0;
    SweepCallbacks callbacks;
    callbacks.seedEnded = [&](const QString& name, const SeedResult& r) {
        std::lock_guard lock(mutex);
        QCOMPARE(name, QStringLiteral("d"));
        ended.push_back(r.seed);
    };
    callbacks.epochFinished = [&](const QString&, const EpochProgress&) {
        std::lock_guard lock(mutex);
        ++epochs;
    };
    SweepRunner runner(callbacks);
    runner.add(item(e, dir.path(), 4));
    runner.start(2);
    runner.wait();
    QCOMPARE(ended.size(), size_t(4));
    QCOMPARE(epochs, 16);
    const ResultStore store(dir.path());
    QCOMPARE(store.finishedCount(), 4);
    const std::set<quint64> seeds = store.recordedSeeds();
    QVERIFY(seeds.count(10) && seeds.count(20)); // listed seeds first
    for (const SeedResult& r : store.load(true)) {
        QVERIFY(r.isFinished());
        QCOMPARE(r.validationPredictions.size(), size_t(88));
        QCOMPARE(r.testPredictions.size(), size_t(88));
        QCOMPARE(static_cast<int>(r.validationCurve.size()), 4);
    }
    const SweepProgress p = runner.progress().front();
    QCOMPARE(p.finished, 4);
    QCOMPARE(p.running, 0);
}

void TestSweepRunner::parallelSeedsEqualSeedsTrainedAlone_data()
{
    QTest::addColumn<int>("engine");
    QTest::addRow("batched") << int(TrainingEngine::Batched);
    QTest::addRow("per seed") << int(TrainingEngine::PerSeed);
}

void TestSweepRunner::parallelSeedsEqualSeedsTrainedAlone()
{
    QFETCH(int, engine);
    QTemporaryDir dir;
    Experiment e = diabetes(6);
    e.model.dropout = 0.25;
    e.seeds.list = {101, 202, 303, 404, 505};
    SweepRunner runner;
    const SweepItem sweep = item(e, dir.path(), 5, TrainingEngine(engine));
    runner.add(sweep);
    runner.start(2);
    runner.wait();
    for (quint64 seed : e.seeds.list) {
        const SeedResult stored = *ResultStore(dir.path()).find(seed, true);
        QCOMPARE(stored.engine, engine == int(TrainingEngine::Batched) ? QStringLiteral("batched")
                                                                       : QStringLiteral("per-seed"));
        const SeedResult again = engine == int(TrainingEngine::Batched)
                                     ? BatchedSeedTrainer(e, sweep.data).train({seed}).front()
                                     : SeedTrainer(e, sweep.data).train(seed);
        QCOMPARE(stored.validationScore, again.validationScore);
        QCOMPARE(stored.testScore, again.testScore);
        QCOMPARE(stored.validationPredictions, again.validationPredictions);
        QCOMPARE(stored.testPredictions, again.testPredictions);
    }
}

void TestSweepRunner::batchedEngineSharesSeedsOutInGroups()
{
    QTemporaryDir dir;
    std::mutex mutex;
    std::map<std::thread::id, int> seedsPerThread;
    SweepCallbacks callbacks;
    callbacks.seedStarted = [&](const QString&, quint64) {
        std::lock_guard lock(mutex);
        ++seedsPerThread[std::this_thread::get_id()];
    };
    SweepRunner runner(callbacks);
    runner.add(item(diabetes(3), dir.path(), 16));
    runner.start(2);
    runner.wait();
    QCOMPARE(seedsPerThread.size(), size_t(2)); // one group of 8 on each of the two workers
    for (const auto& [thread, count] : seedsPerThread)
        QCOMPARE(count, 8);
    QCOMPARE(ResultStore(dir.path()).finishedCount(), 16);
}

void TestSweepRunner::continuesFromStoredSeeds()
{
    QTemporaryDir dir;
    const Experiment e = diabetes(3);
    {
        SweepRunner first;
        first.add(item(e, dir.path(), 2));
        first.start(2);
        first.wait();
    }
    const auto before = filesIn(dir.path());
    QCOMPARE(before.size(), size_t(4)); // two seeds, .json and .bin each
    SweepRunner second;
    second.add(item(e, dir.path(), 5));
    QCOMPARE(second.progress().front().finished, 2);
    second.start(2);
    second.wait();
    const auto after = filesIn(dir.path());
    QCOMPARE(after.size(), size_t(10));
    for (const auto& [name, bytes] : before)
        QCOMPARE(after.at(name), bytes); // earlier seeds untouched
}

void TestSweepRunner::divergingExperimentFailsWhileOthersFinish()
{
    QTemporaryDir good, bad;
    Experiment diverging = diabetes(10);
    diverging.name = QStringLiteral("huge-lr");
    diverging.training.optimizer = OptimizerKind::SGD;
    diverging.training.lr = 1e6;
    SweepRunner runner;
    runner.add(item(diverging, bad.path(), 1));
    runner.add(item(diabetes(3), good.path(), 3));
    runner.start(2);
    runner.wait();
    const std::vector<SweepProgress> p = runner.progress();
    QVERIFY(p[0].gaveUp);
    QCOMPARE(p[0].failed, 3);
    QVERIFY2(p[0].lastFailure.contains(QStringLiteral("diverged")), qPrintable(p[0].lastFailure));
    QCOMPARE(p[1].finished, 3);
    const auto failed = ResultStore(bad.path()).load(false);
    QCOMPARE(failed.size(), size_t(3));
    for (const SeedResult& r : failed) {
        QCOMPARE(r.status, SeedStatus::Failed);
        QVERIFY(r.failureEpoch >= 1);
    }
    QCOMPARE(ResultStore(good.path()).finishedCount(), 3);
}

void TestSweepRunner::pausedSweepTakesNoStep()
{
    QTemporaryDir dir;
    std::atomic<int> epochs{0};
    SweepCallbacks callbacks;
    callbacks.epochFinished = [&](const QString&, const EpochProgress&) {
        ++epochs;
    };
    SweepRunner runner(callbacks);
    runner.add(item(diabetes(5), dir.path(), 2));
    runner.pause();
    runner.start(2);
    QVERIFY(!runner.waitFor(300));
    QCOMPARE(epochs.load(), 0);
    QVERIFY(runner.isPaused());
    QCOMPARE(runner.progress().front().running, 2);
    runner.resume();
    runner.wait();
    QCOMPARE(epochs.load(), 10);
    QCOMPARE(ResultStore(dir.path()).finishedCount(), 2);
}

void TestSweepRunner::cancelKeepsFinishedSeeds()
{
    QTemporaryDir dir;
    SweepRunner* runnerPointer = nullptr;
    SweepCallbacks callbacks;
    callbacks.seedEnded = [&](const QString&, const SeedResult&) {
        runnerPointer->cancel();
    };
    SweepRunner runner(callbacks);
    runnerPointer = &runner;
    runner.add(item(diabetes(40), dir.path(), 6, TrainingEngine::PerSeed));
    runner.start(1);
    runner.wait();
    QVERIFY(runner.isCancelled());
    const ResultStore store(dir.path());
    QCOMPARE(store.finishedCount(), 1);
    QCOMPARE(filesIn(dir.path()).size(), size_t(2)); // no half-written seed left behind
    QCOMPARE(runner.progress().front().running, 0);
}

void TestSweepRunner::cancelledGroupStoresNothing()
{
    QTemporaryDir dir;
    SweepRunner* runnerPointer = nullptr;
    SweepCallbacks callbacks;
    callbacks.epochFinished = [&](const QString&, const EpochProgress& p) {
        if (p.epoch == 3)
            runnerPointer->cancel();
    };
    SweepRunner runner(callbacks);
    runnerPointer = &runner;
    runner.add(item(diabetes(200), dir.path(), 4));
    runner.start(1);
    runner.wait();
    QVERIFY(runner.isCancelled());
    QCOMPARE(runner.progress().front().running, 0);
    QVERIFY(filesIn(dir.path()).empty()); // the group was still training: nothing half-done is stored
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("labels.json"))));
}

QTEST_GUILESS_MAIN(TestSweepRunner)
#include "tst_sweeprunner.moc"
