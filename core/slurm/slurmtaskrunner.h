#pragma once

#include "slurmjob.h"
#include "slurmtaskrecord.h"

#include "store/workspace.h"
#include "train/seedresult.h"

#include <atomic>
#include <functional>

namespace seedscape {

// One array task on a node (seedscape-cli slurm-task): trains the seeds job.json gives this task
// with the engine the job names, storing each seed in the shared workspace the moment it ends,
// atomically, exactly as a local run does. Seeds already stored are skipped, so a requeued task
// trains no seed twice. No replacements: a failed seed stays failed and a later submit draws what
// is still missing. The task's record (SlurmTaskRecord) says how it went.
class SlurmTaskRunner
{
public:
    SlurmTaskRunner(const Workspace& workspace, QString jobFolder, int task);

    // Returns the exit code: 0 when every seed finished, 1 otherwise. cancel (Slurm's SIGTERM)
    // stops the running seeds within a step; they are not stored.
    int run(const std::atomic<bool>& cancel, const std::function<void(const SeedResult&)>& seedEnded = {});
    const SlurmTaskRecord& record() const { return m_record; }

private:
    void finish(const QString& state, const QString& reason);

    const Workspace& m_workspace;
    SlurmJob m_job;
    int m_task;
    SlurmTaskRecord m_record;
};

} // namespace seedscape
