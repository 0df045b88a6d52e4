#pragma once

#include "sweepexperiment.h"
#include "train/seedresult.h"

#include <QElapsedTimer>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace seedscape {

// Called from the worker threads; a window forwards them through queued signals.
struct SweepCallbacks
{
    std::function<void(const QString& experiment, quint64 seed)> seedStarted;
    std::function<void(const QString& experiment, const EpochProgress& progress)> epochFinished;
    // A finished or failed seed, after it was stored.
    std::function<void(const QString& experiment, const SeedResult& result)> seedEnded;
    std::function<void(const QString& message)> problem; // e.g. a seed that could not be saved
    // Another process is training this experiment: this sweep waits until it ends, then counts again.
    std::function<void(const QString& experiment, const QString& holder)> waiting;
    // Once, from the last worker to stop, when the sweep has ended for whatever reason.
    std::function<void()> ended;
};

// Trains the seeds of one or more experiments on J worker threads (one LibTorch intra-op thread
// each), through each experiment's SeedEngine. An engine that takes groups gets the seeds still
// wanted, shared out evenly over the workers that are free (at most its maxGroupSize). Every finished or
// failed seed is written to its experiment's results folder the moment it ends, so a killed process loses
// only the seeds that were running. Seeds come from the experiment's seeds.list first, then fresh values
// in [1, 2^31 - 1] from the operating system's entropy. A seed that fails (diverges) is recorded and another
// takes its place; after max(3, wanted) failures an experiment gives up. One sweep per experiment at a time
// across processes (ExperimentLock): an experiment another process is training waits, and once free is
// counted again from its results folder, so two sweeps never store more seeds than wanted. Running jobs save
// checkpoints (CheckpointFile) about once a minute; a sweep resumes the checkpoints it finds. Callbacks run
// on worker threads and must not call back into the runner.
class SweepRunner
{
public:
    explicit SweepRunner(SweepCallbacks callbacks = {});
    ~SweepRunner(); // cancels and waits

    // How a sweep ended.
    enum class Outcome
    {
        Running,
        Completed, // every experiment has its seeds, or gave up after too many failures
        Cancelled, // cancel() was called
        Failed,    // stopped by a problem (see problem()), e.g. a seed that could not be saved
    };

    // Before start() only (std::logic_error after). Writes the experiment's labels and definition to
    // its results folder (throws StorageError); throws InputError when its stored seeds were trained
    // with another definition (StoredDefinition).
    void add(SweepItem item);
    void start(int jobs = defaultJobs());
    // How often a running job saves a checkpoint (results/NAME/checkpoints/), at epoch boundaries;
    // a killed sweep loses at most this much training. Before start().
    void setCheckpointInterval(std::chrono::milliseconds interval) { m_checkpointInterval = interval; }
    // Built-in engines also score the test split at each epoch's end, for epochFinished's
    // EpochProgress::testScore (the window's running seeds on the scatter). Before start().
    void setScoreTestEachEpoch(bool score) { m_scoreTestEachEpoch = score; }
    // Seeds that the added experiments' checkpoints will resume rather than train from the start.
    int resumableSeeds() const;

    // Pause and cancel take effect before the next training step of every running seed.
    void pause();
    void resume();
    void cancel();
    bool isPaused() const;
    bool isCancelled() const { return m_cancel.load(); }

    void wait();
    bool waitFor(int milliseconds); // true when the sweep has ended
    bool isRunning() const;

    std::vector<SweepProgress> progress() const;
    Outcome outcome() const;
    QString problem() const; // the first problem that stopped the sweep, if any

    static int defaultJobs();
    static quint64 freshSeed(); // from the system's entropy, in [1, kMaxFreshSeed]
    static constexpr quint32 kMaxFreshSeed = 0x7FFFFFFF;
    static constexpr int kLockRetryMilliseconds = 500;
    static constexpr std::chrono::milliseconds kDefaultCheckpointInterval{60000};

private:
    struct Job
    {
        size_t experiment; // index into m_experiments
        std::vector<quint64> seeds;
        QByteArray resumeFrom; // the engine's state from a checkpoint of these seeds
    };
    // What a worker does next: a job, wait for an experiment another process holds, or stop.
    struct Next
    {
        std::optional<Job> job;
        bool wait = false;
    };

    Next nextJob();
    bool claim(SweepExperiment& experiment); // under m_mutex; false: held elsewhere, or failed
    SweepExperiment& experimentAt(size_t index);
    void work();
    void waitWhilePaused();
    std::vector<SeedResult> train(SweepExperiment& experiment, const Job& job);
    TrainingControl controlFor(SweepExperiment& experiment, const Job& job, QElapsedTimer& sinceCheckpoint);
    // Saves a job's seeds at once; false when one could not be saved: the sweep must stop.
    bool store(SweepExperiment& experiment, const std::vector<const SeedResult*>& results);
    void seedEnded(SweepExperiment& experiment, const SeedResult* stored);
    void stopWithProblem(const QString& message);
    void setProblem(const QString& message); // under m_mutex
    void workerStopped();

    SweepCallbacks m_callbacks;
    std::vector<std::unique_ptr<SweepExperiment>> m_experiments;
    std::vector<std::thread> m_workers;
    mutable std::mutex m_mutex;
    std::condition_variable m_pauseChanged;
    std::condition_variable m_ended;
    std::atomic<bool> m_cancel{false};
    std::chrono::milliseconds m_checkpointInterval = kDefaultCheckpointInterval;
    bool m_scoreTestEachEpoch = false;
    bool m_started = false;
    bool m_paused = false;
    QString m_problem;
    int m_activeWorkers = 0;
    int m_busyWorkers = 0; // workers training a job now
};

} // namespace seedscape
