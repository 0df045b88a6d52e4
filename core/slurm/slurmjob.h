#pragma once

#include "command/programfiles.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace seedscape {

// What the user asked Slurm for (seedscape-cli submit's options, the window's dialog).
struct SlurmOptions
{
    QString partition;      // empty: the cluster's default
    QString time;           // Slurm's format, e.g. "2:00:00"; empty: the partition's default
    int cpusPerTask = 0;    // 0: Slurm's default
    int gpusPerTask = 0;    // 0: none asked for
    int maxParallel = 0;    // array tasks running at once; 0: no limit
    int seedsPerTask = 0;   // 0: chosen by SlurmSubmitter::seedsPerTask
    QStringList sbatchArgs; // passed to sbatch as they are

    bool operator==(const SlurmOptions&) const = default;
};

// One submitted job array, as results/NAME/slurm/SUBMISSION/job.json records it: which seeds each
// array task trains (drawn before submitting, so a requeued task trains the same ones), with what,
// and how it was asked for. Written atomically; the folder also holds submit.sh, each task's
// Slurm output (task-I.out) and its record (task-I.json, SlurmTaskRecord).
struct SlurmJob
{
    static constexpr int kFormat = 1;

    QString folder; // the submission folder (not stored: where it was read from)
    QString jobId;  // Slurm's job id; empty until sbatch accepted the job
    QString experiment;
    QString fingerprint;       // of the definition the seeds are for
    ProgramFiles programFiles; // a command experiment's, as submitted: a task refuses an edited one
    QString engine;            // the engine the tasks train with ("batched", "per-seed", "command")
    std::vector<std::vector<quint64>> tasks; // seeds of array task 0, 1, …
    SlurmOptions options;
    QString cli; // the seedscape-cli the tasks run
    QDateTime submittedAt;
    QDateTime cancelledAt; // set by cancel-job

    QString scriptFile() const;
    QString taskOutputFile(int task) const; // Slurm's stdout and stderr of the task
    QString taskRecordFile(int task) const;
    int seedCount() const;

    void write() const; // job.json in folder; throws StorageError
    // Throws InputError naming the file and field.
    static SlurmJob read(const QString& folder);
    // Every submission of every experiment of a workspace, oldest first; unreadable ones are
    // skipped with their problem in *problems.
    static std::vector<SlurmJob> readAll(const QString& workspaceFolder, QStringList* problems = nullptr);
    // results/NAME/slurm/<UTC time>-<random>: a new, unique submission folder name.
    static QString newSubmissionName();
};

} // namespace seedscape
