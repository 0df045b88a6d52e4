// Seed sweeps on worker threads: storage of every seed, continuation, failures, pause, cancel.
#include "data/preparedata.h"
#include "experiment/experimentfingerprint.h"
#include "store/checkpointfile.h"
#include "store/experimentlock.h"
#include "store/resultstore.h"
#include "store/seedresultfile.h"
#include "sweep/sweeprunner.h"
#include "train/batchedseedtrainer.h"
#include "train/seedtrainer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <mutex>
#include <numeric>
#include <set>
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
    auto data = std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset));
    return {e, data, folder, wanted, SeedEngine::create(e, data, engine)};
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

// An engine without LibTorch, to test the runner alone: finishes or fails seeds as told, records
// the groups it was given, and stays within its maxGroupSize.
class ScriptedEngine : public SeedEngine
{
public:
    ScriptedEngine(int maxGroup, bool fail, int maxJobs = 0)
        : m_maxGroup(maxGroup), m_maxJobs(maxJobs), m_fail(fail)
    {
    }

    QString name() const override { return QStringLiteral("scripted"); }
    int maxGroupSize() const override { return m_maxGroup; }
    int maxParallelJobs() const override { return m_maxJobs; }
    Metric metric() const override { return Metric::RMSE; }
    std::vector<SeedResult> train(const std::vector<quint64>& seeds,
                                  const TrainingControl& control) const override
    {
        {
            std::lock_guard lock(m_mutex);
            m_groups.push_back(seeds.size());
        }
        std::vector<SeedResult> results;
        for (quint64 seed : seeds) {
            SeedResult r;
            r.seed = seed;
            r.engine = name();
            r.epochsRun = 1;
            if (control.stopBeforeStep()) {
                r.status = SeedStatus::Cancelled;
            } else if (m_fail) {
                r.status = SeedStatus::Failed;
                r.failureEpoch = 1;
                r.failureReason = QStringLiteral("scripted failure");
            } else {
                r.validationScore = r.testScore = static_cast<double>(seed % 100);
            }
            results.push_back(r);
        }
        return results;
    }
    std::vector<size_t> groups() const
    {
        std::lock_guard lock(m_mutex);
        return m_groups;
    }

private:
    int m_maxGroup;
    int m_maxJobs;
    bool m_fail;
    mutable std::mutex m_mutex;
    mutable std::vector<size_t> m_groups;
};

// An engine whose every call throws, like an error inside LibTorch.
class ThrowingEngine : public ScriptedEngine
{
public:
    ThrowingEngine() : ScriptedEngine(1, false) {}
    std::vector<SeedResult> train(const std::vector<quint64>&, const TrainingControl&) const override
    {
        throw std::runtime_error("out of memory\nbacktrace…");
    }
};

SweepItem scripted(const QString& folder, int wanted, std::shared_ptr<ScriptedEngine> engine)
{
    const Experiment e = diabetes(1);
    return {e, std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset)), folder,
            wanted, std::move(engine)};
}

} // namespace

class TestSweepRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshSeedsAreShortReadableNumbers();
    void trainsUntilWantedAndStoresEverySeed();
    void parallelSeedsEqualSeedsTrainedAlone_data();
    void parallelSeedsEqualSeedsTrainedAlone();
    void batchedEngineSharesSeedsOutInGroups();
    void continuesFromStoredSeeds();
    void divergingExperimentFailsWhileOthersFinish();
    void pausedSweepTakesNoStep();
    void cancelKeepsFinishedSeeds();
    void cancelledGroupStoresNothing();
    void runnerKeepsToTheEnginesGroupSize_data();
    void runnerKeepsToTheEnginesGroupSize();
    void failingEngineGivesUpAfterTheLimit();
    void unwritableResultsFolderFailsTheSweep();
    void cancelledSweepReportsItsEndOnce();
    void addAfterStartIsRefused();
    void experimentHeldElsewhereWaitsThenTrainsOnlyWhatIsMissing();
    void stoppedSweepResumesItsCheckpoints_data();
    void stoppedSweepResumesItsCheckpoints();
    void staleCheckpointsAreDropped();
    void engineErrorFailsTheSeedsWithTheirProvenance();
    void damagedSeedsAreSetAsideAndReplaced();
};

// docs/interfaces.md, "Seeds": [1, 2^31 - 1], the whole range used.
void TestSweepRunner::freshSeedsAreShortReadableNumbers()
{
    quint64 lowest = ~0ULL, highest = 0;
    std::set<quint64> distinct;
    for (int i = 0; i < 20000; ++i) {
        const quint64 seed = SweepRunner::freshSeed();
        lowest = std::min(lowest, seed);
        highest = std::max(highest, seed);
        distinct.insert(seed);
    }
    QVERIFY(lowest >= 1);
    QVERIFY(highest <= 2147483647ULL);
    QVERIFY(highest > (1ULL << 30)); // not a narrower range by mistake
    QVERIFY(lowest < (1ULL << 24));
    QVERIFY(distinct.size() > 19900); // about 0.1 collisions are expected among 20000
}

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

void TestSweepRunner::runnerKeepsToTheEnginesGroupSize_data()
{
    QTest::addColumn<int>("maxGroup");
    QTest::addColumn<int>("wanted");
    QTest::addColumn<int>("maxJobs");
    QTest::addColumn<int>("largestGroup");
    QTest::addRow("one seed per call") << 1 << 5 << 0 << 1;
    QTest::addRow("groups of at most 3") << 3 << 10 << 0 << 3;
    QTest::addRow("shared over 2 workers") << 64 << 10 << 0 << 5;
    // A GPU engine: one group at a time, so all seeds that fit go in one group.
    QTest::addRow("one job at a time") << 64 << 10 << 1 << 10;
}

void TestSweepRunner::runnerKeepsToTheEnginesGroupSize()
{
    QFETCH(int, maxGroup);
    QFETCH(int, wanted);
    QFETCH(int, maxJobs);
    QFETCH(int, largestGroup);
    QTemporaryDir dir;
    auto engine = std::make_shared<ScriptedEngine>(maxGroup, false, maxJobs);
    SweepRunner runner;
    runner.add(scripted(dir.path(), wanted, engine));
    runner.start(2);
    runner.wait();
    const std::vector<size_t> groups = engine->groups();
    QCOMPARE(static_cast<int>(*std::max_element(groups.begin(), groups.end())), largestGroup);
    QCOMPARE(static_cast<int>(std::accumulate(groups.begin(), groups.end(), size_t(0))), wanted);
    const ResultStore store(dir.path());
    QCOMPARE(store.finishedCount(), wanted);
    QCOMPARE(store.load(false).front().engine, QStringLiteral("scripted"));
    QCOMPARE(runner.outcome(), SweepRunner::Outcome::Completed);
}

void TestSweepRunner::failingEngineGivesUpAfterTheLimit()
{
    QTemporaryDir dir;
    SweepRunner runner;
    runner.add(scripted(dir.path(), 4, std::make_shared<ScriptedEngine>(1, true)));
    runner.start(1);
    runner.wait();
    const SweepProgress p = runner.progress().front();
    QVERIFY(p.gaveUp);
    QCOMPARE(p.failed, 4); // max(3, wanted)
    QCOMPARE(p.finished, 0);
    QVERIFY(p.lastFailure.contains(QStringLiteral("scripted failure")));
    QCOMPARE(static_cast<int>(ResultStore(dir.path()).load(true).size()), 4); // failed seeds are recorded
    QCOMPARE(runner.outcome(), SweepRunner::Outcome::Completed);
}

void TestSweepRunner::unwritableResultsFolderFailsTheSweep()
{
    QTemporaryDir dir;
    const QString results = dir.filePath(QStringLiteral("results"));
    std::atomic<int> ended{0};
    QStringList problems;
    SweepCallbacks callbacks;
    callbacks.problem = [&](const QString& message) {
        problems << message;
    };
    callbacks.ended = [&] {
        ++ended;
    };
    SweepRunner runner(callbacks);
    runner.add(scripted(results, 3, std::make_shared<ScriptedEngine>(1, false)));
    // A file where the seed files would go: every save fails.
    QVERIFY(QDir(results).removeRecursively());
    QFile blocker(results);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    runner.start(1);
    runner.wait();
    QCOMPARE(runner.outcome(), SweepRunner::Outcome::Failed);
    QVERIFY(!runner.problem().isEmpty());
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front(), runner.problem());
    QCOMPARE(ended.load(), 1);
    QCOMPARE(runner.progress().front().finished, 0);
}

void TestSweepRunner::cancelledSweepReportsItsEndOnce()
{
    QTemporaryDir dir;
    std::atomic<int> ended{0};
    SweepCallbacks callbacks;
    callbacks.ended = [&] {
        ++ended;
    };
    SweepRunner runner(callbacks);
    runner.add(item(diabetes(5000), dir.path(), 4));
    QCOMPARE(runner.outcome(), SweepRunner::Outcome::Running);
    runner.start(2);
    runner.cancel();
    runner.wait();
    QCOMPARE(runner.outcome(), SweepRunner::Outcome::Cancelled);
    QVERIFY(runner.problem().isEmpty());
    QCOMPARE(ended.load(), 1);
}

void TestSweepRunner::addAfterStartIsRefused()
{
    QTemporaryDir dir;
    SweepRunner runner;
    runner.add(scripted(dir.filePath(QStringLiteral("a")), 1, std::make_shared<ScriptedEngine>(1, false)));
    runner.start(1);
    QVERIFY_THROWS_EXCEPTION(std::logic_error,
                             runner.add(scripted(dir.filePath(QStringLiteral("b")), 1,
                                                 std::make_shared<ScriptedEngine>(1, false))));
    runner.wait();
    QCOMPARE(ResultStore(dir.filePath(QStringLiteral("a"))).finishedCount(), 1);
}

void TestSweepRunner::experimentHeldElsewhereWaitsThenTrainsOnlyWhatIsMissing()
{
    QTemporaryDir dir;
    // "Another process" holds the experiment (a separate descriptor conflicts like one).
    ExperimentLock elsewhere(dir.path());
    QVERIFY(elsewhere.tryLock());
    std::atomic<int> waits{0};
    QString holder;
    SweepCallbacks callbacks;
    callbacks.waiting = [&](const QString& experiment, const QString& who) {
        QCOMPARE(experiment, QStringLiteral("d"));
        holder = who;
        ++waits;
    };
    auto engine = std::make_shared<ScriptedEngine>(64, false);
    SweepRunner runner(callbacks);
    runner.add(scripted(dir.path(), 5, engine));
    runner.start(2);
    QTRY_COMPARE(waits.load(), 1);
    QVERIFY2(holder.startsWith(QStringLiteral("pid ")), qPrintable(holder));
    QCOMPARE(runner.progress().front().waitingFor, holder);
    QVERIFY(engine->groups().empty()); // nothing trained while the other holds it
    // Meanwhile the other process stores 3 seeds, then ends.
    for (quint64 seed : {7001, 7002, 7003}) {
        SeedResult r;
        r.seed = seed;
        r.startedAt = QDateTime::currentDateTimeUtc();
        ResultStore(dir.path()).save(r);
    }
    elsewhere.unlock();
    runner.wait();
    QCOMPARE(waits.load(), 1);                            // said once
    QCOMPARE(ResultStore(dir.path()).finishedCount(), 5); // not 8
    const std::vector<size_t> groups = engine->groups();
    QCOMPARE(std::accumulate(groups.begin(), groups.end(), size_t(0)), size_t(2));
    QVERIFY(runner.progress().front().waitingFor.isEmpty());
    QVERIFY(elsewhere.tryLock()); // released when the sweep ended
}

void TestSweepRunner::stoppedSweepResumesItsCheckpoints_data()
{
    QTest::addColumn<int>("engine");
    QTest::addRow("batched") << int(TrainingEngine::Batched);
    QTest::addRow("per seed") << int(TrainingEngine::PerSeed);
}

// A sweep stopped mid-training (as by a kill: the checkpoints are what is left) continues its
// seeds from their checkpoints, and they end exactly as in a sweep that never stopped.
void TestSweepRunner::stoppedSweepResumesItsCheckpoints()
{
    QFETCH(int, engine);
    Experiment e = diabetes(60);
    e.model.dropout = 0.2;
    e.seeds.list = {501, 502, 503, 504};
    QTemporaryDir straightDir, stoppedDir;
    {
        SweepRunner straight;
        straight.add(item(e, straightDir.path(), 4, TrainingEngine(engine)));
        straight.start(2);
        straight.wait();
    }
    std::atomic<int> epochs{0};
    SweepCallbacks callbacks;
    callbacks.epochFinished = [&](const QString&, const EpochProgress&) {
        ++epochs;
    };
    {
        SweepRunner first(callbacks);
        first.setCheckpointInterval(std::chrono::milliseconds(0)); // at every epoch boundary
        first.add(item(e, stoppedDir.path(), 4, TrainingEngine(engine)));
        first.start(2);
        QTRY_VERIFY(CheckpointFile::readAll(stoppedDir.path()).size() == 2 &&
                    CheckpointFile::readAll(stoppedDir.path()).front().epoch >= 5);
        first.cancel();
        first.wait();
    }
    QCOMPARE(ResultStore(stoppedDir.path()).finishedCount(), 0);
    const std::vector<CheckpointFile> left = CheckpointFile::readAll(stoppedDir.path());
    QCOMPARE(left.size(), size_t(2));
    const int epochsBefore = epochs.load();

    epochs = 0;
    SweepRunner second(callbacks);
    second.add(item(e, stoppedDir.path(), 4, TrainingEngine(engine)));
    QCOMPARE(second.resumableSeeds(), engine == int(TrainingEngine::Batched) ? 4 : 2);
    second.start(2);
    second.wait();
    QVERIFY(epochs.load() < 4 * 60); // the checkpointed epochs were not trained again
    QVERIFY(epochsBefore > 0);
    QVERIFY(CheckpointFile::readAll(stoppedDir.path()).empty()); // removed once their seeds were stored
    for (quint64 seed : e.seeds.list) {
        const SeedResult a = *ResultStore(straightDir.path()).find(seed, true);
        const SeedResult b = *ResultStore(stoppedDir.path()).find(seed, true);
        QCOMPARE(b.validationScore, a.validationScore);
        QCOMPARE(b.testScore, a.testScore);
        QCOMPARE(b.validationPredictions, a.validationPredictions);
        QCOMPARE(b.testPredictions, a.testPredictions);
        QCOMPARE(b.validationCurve, a.validationCurve);
    }
}

void TestSweepRunner::staleCheckpointsAreDropped()
{
    QTemporaryDir dir;
    Experiment e = diabetes(3);
    // One from another definition, one of a seed already stored, one from another engine.
    CheckpointFile{QStringLiteral("batched"), QStringLiteral("0123456789abcdef"), {11}, 1, "x"}.write(
        dir.path());
    SeedResult stored;
    stored.seed = 12;
    stored.startedAt = QDateTime::currentDateTimeUtc();
    ResultStore(dir.path()).save(stored);
    const SweepItem sweep = item(e, dir.path(), 1, TrainingEngine::Batched);
    const QString current = experimentFingerprint(e);
    CheckpointFile{QStringLiteral("batched"), current, {12}, 1, "x"}.write(dir.path());
    CheckpointFile{QStringLiteral("per-seed"), current, {13}, 1, "x"}.write(dir.path());
    QCOMPARE(CheckpointFile::readAll(dir.path()).size(), size_t(3));
    SweepRunner runner;
    runner.add(sweep);
    QCOMPARE(runner.resumableSeeds(), 0);
    QVERIFY(CheckpointFile::readAll(dir.path()).empty());
}

void TestSweepRunner::engineErrorFailsTheSeedsWithTheirProvenance()
{
    QTemporaryDir dir;
    SweepRunner runner;
    SweepItem sweep = scripted(dir.path(), 1, nullptr);
    sweep.engine = std::make_shared<ThrowingEngine>();
    runner.add(sweep);
    runner.start(1);
    runner.wait();
    QVERIFY(runner.progress().front().gaveUp); // 3 failures, each replaced, then it gives up
    const std::vector<SeedResult> failed = ResultStore(dir.path()).load(false);
    QCOMPARE(failed.size(), size_t(3));
    for (const SeedResult& r : failed) {
        QCOMPARE(r.status, SeedStatus::Failed);
        QCOMPARE(r.failureReason, QStringLiteral("training error: out of memory"));
        QCOMPARE(r.engine, QStringLiteral("scripted"));
        QCOMPARE(r.experimentFingerprint, experimentFingerprint(sweep.experiment));
        QVERIFY(r.startedAt.isValid());
        QCOMPARE(r.streams, StreamSeeds::derive(r.seed, sweep.experiment.seeds));
        QVERIFY(r.versions.startsWith(QStringLiteral("seedscape ")));
    }
}

void TestSweepRunner::damagedSeedsAreSetAsideAndReplaced()
{
    QTemporaryDir dir;
    {
        SweepRunner first;
        first.add(scripted(dir.path(), 3, std::make_shared<ScriptedEngine>(1, false)));
        first.start(1);
        first.wait();
    }
    // One seed's record is damaged (a score that is text).
    const QStringList records = QDir(dir.path()).entryList({QStringLiteral("seed-*.json")});
    QCOMPARE(records.size(), 3);
    QFile record(QDir(dir.path()).filePath(records.front()));
    QVERIFY(record.open(QIODevice::ReadOnly));
    QByteArray text = record.readAll();
    record.close();
    text.replace("\"val\":", "\"val\": \"high\", \"was\":");
    QVERIFY(record.open(QIODevice::WriteOnly | QIODevice::Truncate));
    record.write(text);
    record.close();
    QCOMPARE(ResultStore(dir.path()).finishedCount(), 2);

    auto engine = std::make_shared<ScriptedEngine>(1, false);
    SweepRunner second;
    second.add(scripted(dir.path(), 3, engine));
    second.start(1);
    second.wait();
    QCOMPARE(engine->groups().size(), size_t(1)); // one replacement
    QCOMPARE(ResultStore(dir.path()).finishedCount(), 3);
    QVERIFY(QFile::exists(
        QDir(dir.path()).filePath(ResultStore::damagedFolderName() + QLatin1Char('/') + records.front())));
}

QTEST_GUILESS_MAIN(TestSweepRunner)
#include "tst_sweeprunner.moc"
