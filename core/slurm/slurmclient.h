#pragma once

#include "slurmjob.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace seedscape {

// Slurm's own commands, run as programs (sbatch, squeue, scancel, sinfo): no library, so any
// Slurm version whose commands speak these options works. Each call is synchronous; the window
// calls them off the GUI thread.
class SlurmClient
{
public:
    // sbatch on PATH; else *missing says what to install.
    static bool available(QString* missing = nullptr);
    // Submits a batch script; returns the job id. Throws SlurmError with sbatch's own message.
    static QString submit(const QString& script, const QStringList& sbatchArgs);
    // The partitions; the default one first. Throws SlurmError when sinfo fails.
    static QStringList partitions();
    // The host names of a partition's nodes (empty partition: the default one).
    static QStringList nodeHosts(const QString& partition);

    // One array task in the queue: its state (PENDING, RUNNING, …) and, pending, why.
    struct QueuedTask
    {
        QString state;
        QString reason;
    };
    // The queued tasks of these jobs by "JOBID_TASK"; nullopt (and *problem) when squeue failed.
    static std::optional<std::map<QString, QueuedTask>> queue(const QStringList& jobIds, QString* problem);
    // scancel JOBID (or JOBID_TASK); throws SlurmError.
    static void cancel(const QString& jobId);

    static constexpr int kTimeoutMilliseconds = 30000;

private:
    struct Output
    {
        bool ran = false;
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Output run(const QString& program, const QStringList& args);
};

} // namespace seedscape
