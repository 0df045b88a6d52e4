#pragma once

#include "data/preparedata.h"
#include "experiment/experiment.h"
#include "store/checkpointfile.h"
#include "store/experimentlock.h"
#include "store/resultstore.h"
#include "train/seedengine.h"

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>

namespace seedscape {

// One experiment of a sweep: train seeds until resultsFolder holds `wanted` finished ones.
struct SweepItem
{
    Experiment experiment;
    std::shared_ptr<const PreparedData> data;
    QString resultsFolder;
    int wanted = 1;
    // What trains its seeds; none: the automatic choice for the experiment (SeedEngine::create).
    std::shared_ptr<const SeedEngine> engine;
};

// Progress of one experiment in a sweep.
struct SweepProgress
{
    QString experiment;
    int wanted = 0;
    int finished = 0; // stored, including those from earlier runs
    int failed = 0;   // in this sweep
    int running = 0;
    bool gaveUp = false; // too many seeds failed: see lastFailure
    QString lastFailure;
    QString waitingFor; // set while another process's sweep of this experiment holds it ("pid 12 on host")
};

// One experiment of a sweep and what the runner keeps about it: its results folder, the lock that
// makes this process its only trainer, the seeds used so far (never trained twice), the checkpoints
// it will resume, and its progress. Not thread-safe: SweepRunner calls it under its own mutex.
class SweepExperiment
{
public:
    // Refuses a definition that differs from the stored seeds' (InputError), writes the labels and
    // the definition beside the seeds, and takes the lock if it is free (StorageError).
    explicit SweepExperiment(SweepItem item);

    const SweepItem& item() const { return m_item; }
    const SeedEngine& engine() const { return *m_item.engine; }
    const QString& fingerprint() const { return m_fingerprint; }
    const ResultStore& store() const { return m_store; }
    SweepProgress& progress() { return m_progress; }
    const SweepProgress& progress() const { return m_progress; }

    // Damaged seeds this sweep moved into results/NAME/damaged/ (it trains replacements).
    const std::vector<DamagedSeed>& setAside() const { return m_setAside; }
    int missing() const { return m_progress.wanted - m_progress.finished - m_progress.running; }
    bool needsSeeds() const { return !m_progress.gaveUp && missing() > 0; }
    // As many jobs run as its engine allows at once (a command experiment's `parallel`).
    bool atParallelLimit() const
    {
        const int jobs = engine().maxParallelJobs();
        return jobs > 0 && m_progress.running >= jobs * engine().maxGroupSize();
    }
    bool holdsLock() const { return m_lock.isLocked(); }

    // Takes the lock for this process. After another process held it, what that one stored is
    // counted again and its unfinished checkpoints become ours. False while the other holds it;
    // *startedWaiting tells the first time (progress().waitingFor names the holder). Throws
    // StorageError when the lock file cannot be made.
    bool claim(bool* startedWaiting);
    // Lets other processes have the experiment once nothing of it runs here and nothing is missing.
    void releaseIfDone();
    void releaseLock() { m_lock.unlock(); }

    // A checkpointed job to continue, when one fits in what is still missing (one that does not
    // is dropped: fewer seeds are wanted now).
    std::optional<CheckpointFile> takeCheckpoint();
    int resumableSeeds() const;
    // Seeds never used for it: its seeds.list first, then fresh ones from draw.
    std::vector<quint64> drawSeeds(int count, const std::function<quint64()>& draw);
    // A seed that stopped running: stored (finished or failed) or not (nullptr: cancelled, or lost).
    void seedEnded(const SeedResult* stored);

private:
    void loadCheckpoints();
    int failureLimit() const { return std::max(3, m_item.wanted); }

    SweepItem m_item; // m_item.engine is always set
    ResultStore m_store;
    ExperimentLock m_lock;        // held from the first claim until done or the sweep ends
    std::deque<quint64> m_listed; // seeds.list entries not yet recorded
    std::set<quint64> m_used;     // recorded, running or checkpointed
    std::deque<CheckpointFile> m_resumable;
    QString m_fingerprint;
    std::vector<DamagedSeed> m_setAside;
    SweepProgress m_progress;
};

} // namespace seedscape
