#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace seedscape {

// What an array task says about itself (task-I.json in its submission folder): written when it
// starts ("running", with host and pid) and again when it ends, so that `jobs` can tell what
// happened to a task that has left Slurm's queue. A task killed outright (SIGKILL, a lost node)
// leaves "running" behind.
struct SlurmTaskRecord
{
    int task = 0;
    QString state;  // running, finished, failed, cancelled
    QString reason; // failed or cancelled: why
    QString host;
    qint64 pid = 0;
    int restarts = 0; // SLURM_RESTART_COUNT: how often it was requeued
    int finishedSeeds = 0;
    int failedSeeds = 0;
    int skippedSeeds = 0; // stored before this run (a requeued task trains no seed twice)
    QDateTime startedAt;
    QDateTime endedAt;

    void write(const QString& file) const;                           // atomic; throws StorageError
    static std::optional<SlurmTaskRecord> read(const QString& file); // nullopt: missing or unreadable
};

} // namespace seedscape
