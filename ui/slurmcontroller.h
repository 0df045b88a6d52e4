#pragma once

#include "slurm/slurmjob.h"
#include "slurm/slurmjobstatus.h"

#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <vector>

class QTimer;

namespace seedscape {

// The window's side of Slurm: submits, asks for partitions, polls the workspace's jobs and cancels
// them, each on a thread of its own pool, since every Slurm command is a program that may take
// seconds (SlurmClient waits up to 30 s). Results come back as signals on the GUI thread. The
// jobs are polled every few seconds while one of them is pending or running, and once when a
// workspace opens.
class SlurmController : public QObject
{
    Q_OBJECT

public:
    static constexpr int kPollIntervalMs = 3000;

    explicit SlurmController(QObject* parent = nullptr);
    ~SlurmController() override; // waits for the Slurm command in flight, if any

    // The workspace whose jobs are listed (empty: none); polls once.
    void setWorkspace(const QString& folder);
    QString workspace() const { return m_folder; }
    // The seedscape-cli the array tasks run: by default the one beside this program.
    void setCli(const QString& path) { m_cli = path; }
    QString cli() const { return m_cli; }
    static QString defaultCli();

    // Asks sinfo for the partitions: partitionsReady follows.
    void askPartitions();
    // Submits the missing seeds of a workspace experiment up to wanted: submitted or submitFailed
    // follows. False (nothing started) while another submission is under way.
    bool submit(const QString& experiment, int wanted, const SlurmOptions& options);
    bool isSubmitting() const { return m_submitting; }
    // scancel, then the job is marked cancelled in its job.json (as seedscape-cli cancel-job does).
    void cancelJob(const QString& jobId);
    const QSet<QString>& cancelling() const { return m_cancelling; } // job ids whose cancel is under way

    // Polls now; a poll in flight is followed by another.
    void refresh();
    bool isPolling() const; // polls come on their own: a job has not ended
    // Whether jobs() is known for the open workspace: false until its first poll has ended.
    bool knowsJobs() const { return m_knowsJobs; }
    const std::vector<SlurmJobStatus::Job>& jobs() const { return m_jobs; }
    // Why squeue could not be asked at the last poll (empty: it answered).
    QString queueProblem() const { return m_queueProblem; }
    static bool hasEnded(const SlurmJobStatus::Job& job);

Q_SIGNALS:
    void partitionsReady(const QStringList& partitions, const QString& problem);
    // message: one line for the status bar ("Submitted job 12: …", or that nothing was missing).
    void submitted(const QString& jobId, const QString& message);
    void submitFailed(const QString& message); // SlurmError, InputError or StorageError's message
    void jobsChanged();
    // A poll counted more finished seeds: a shared file system (NFS) may not tell the results
    // watcher about files that other machines write.
    void seedsArrived();
    void message(const QString& text); // how a cancel went

private:
    void startPoll();
    void pollEnded(int generation, std::vector<SlurmJobStatus::Job> jobs, const QString& problem);
    void scheduleNextPoll();

    QThreadPool m_pool; // of its own: a blocked squeue must not hold up the global pool's snapshots
    QTimer* m_pollTimer;
    QString m_folder;
    QString m_cli;
    int m_generation = 0; // a poll of an earlier workspace is dropped
    bool m_pollInFlight = false;
    bool m_knowsJobs = false;
    bool m_pollAgain = false;
    bool m_submitting = false;
    QSet<QString> m_cancelling;
    std::vector<SlurmJobStatus::Job> m_jobs;
    QString m_queueProblem;
};

} // namespace seedscape
