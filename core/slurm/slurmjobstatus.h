#pragma once

#include "slurmclient.h"
#include "slurmjob.h"

#include <QString>

#include <vector>

namespace seedscape {

// What became of a submitted job's tasks, merged from Slurm's queue and the workspace: a task in
// the queue is pending or running; one that left it is told by its own record (task-I.json), its
// Slurm output (Slurm's "CANCELLED" and "TIME LIMIT" lines) and the seeds stored. No accounting
// database is needed (small clusters often run without one).
class SlurmJobStatus
{
public:
    struct Task
    {
        int task = 0;
        std::vector<quint64> seeds;
        QString state; // pending, running, finished, failed, cancelled, unknown
        QString reason;
        int finishedSeeds = 0; // stored
        int failedSeeds = 0;
    };
    struct Job
    {
        SlurmJob job;
        std::vector<Task> tasks;
        int count(const QString& state) const;
        // "running" while a task is pending or running, else the worst of failed/cancelled, else finished.
        QString state() const;
        // No task of it can store a seed any more (an "unknown" task, which squeue could not say, may).
        bool ended() const;
    };

    // Every job of the workspace (oldest first), each task's state; *queueProblem is set when squeue
    // could not be asked (tasks without an end record are then "unknown"). unreadable receives the
    // submissions whose job.json cannot be read (SlurmJob::readAll's problems): not shown, but named.
    static std::vector<Job> of(const QString& workspaceFolder, QString* queueProblem,
                               QStringList* unreadable = nullptr);
    // One task from what is known about it (exposed for tests).
    static Task taskState(const SlurmJob& job, int task,
                          const std::map<QString, SlurmClient::QueuedTask>* queue);
};

} // namespace seedscape
