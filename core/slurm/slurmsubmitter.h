#pragma once

#include "slurmjob.h"

#include "data/preparedata.h"
#include "experiment/experiment.h"
#include "store/workspace.h"
#include "train/seedengine.h"

#include <memory>
#include <optional>
#include <set>

namespace seedscape {

// seedscape-cli submit and the window's "Submit to Slurm…": draws the seeds an experiment still
// misses (not counting those of its jobs still in Slurm's queue), shares them out over the tasks of
// one job array, writes results/NAME/slurm/SUBMISSION/ (job.json, submit.sh) and submits it with
// sbatch. How many seeds a task trains: a command or per-seed experiment one (each seed is a job's
// worth of work), a batched one a group of up to kBatchedSeedsPerTask (trained together in about
// the time of one), or kGpuSeedsPerTask where tasks get a GPU; --seeds-per-task overrides it. Throws
// SlurmError (no Slurm, sbatch's rejection, an unknown partition, a workspace the nodes cannot see),
// InputError (a changed definition) and StorageError.
class SlurmSubmitter
{
public:
    struct Plan
    {
        int finished = 0; // stored already
        int inFlight = 0; // seeds of earlier jobs still queued or running
        int toSubmit = 0;
    };

    SlurmSubmitter(const Workspace& workspace, const Experiment& experiment,
                   std::shared_ptr<const PreparedData> data,
                   TrainingEngine engine = TrainingEngine::Automatic);

    Plan plan(int wanted) const;
    // The job, or nullopt when nothing is missing.
    std::optional<SlurmJob> submit(int wanted, const SlurmOptions& options, const QString& cli) const;

    // What can be checked before anything is written: Slurm's commands, the partition, and that
    // the nodes can see the workspace and seedscape-cli. Throws SlurmError.
    static void requireReady(const QString& workspaceFolder, const SlurmOptions& options, const QString& cli);
    static int seedsPerTask(const SeedEngine& engine, const SlurmOptions& options, const DeviceSpec& device);
    static constexpr int kBatchedSeedsPerTask = 16;
    static constexpr int kGpuSeedsPerTask = 256; // with --gpus-per-task and a device other than cpu
    // Refuses a path on a file system only this machine sees when the partition has other nodes.
    static void requireVisibleToNodes(const QString& path, const QString& what, const QString& partition);

private:
    std::set<quint64> seedsInFlight() const;

    const Workspace& m_workspace;
    Experiment m_experiment;
    std::shared_ptr<const PreparedData> m_data;
    std::unique_ptr<SeedEngine> m_engine;
    QString m_resultsFolder;
};

} // namespace seedscape
