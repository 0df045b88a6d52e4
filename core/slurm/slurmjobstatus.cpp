#include "slurmjobstatus.h"

#include "slurmtaskrecord.h"

#include "store/resultstore.h"

#include <QDir>
#include <QFile>

namespace seedscape {

namespace {

// What Slurm wrote into the task's output when it ended it.
QString slurmsVerdict(const SlurmJob& job, int task)
{
    QFile out(job.taskOutputFile(task));
    if (!out.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = out.readAll();
    if (text.contains("DUE TO TIME LIMIT"))
        return QStringLiteral("time limit");
    if (text.contains("DUE TO PREEMPTION"))
        return QStringLiteral("preempted");
    if (text.contains("CANCELLED AT"))
        return QStringLiteral("cancelled");
    return {};
}

} // namespace

int SlurmJobStatus::Job::count(const QString& state) const
{
    return static_cast<int>(
        std::count_if(tasks.begin(), tasks.end(), [&](const Task& t) { return t.state == state; }));
}

QString SlurmJobStatus::Job::state() const
{
    for (const char* s : {"running", "pending", "unknown", "failed", "cancelled"})
        if (count(QString::fromLatin1(s)) > 0)
            return QString::fromLatin1(s);
    return QStringLiteral("finished");
}

bool SlurmJobStatus::Job::ended() const
{
    const QString s = state();
    return s != QLatin1String("running") && s != QLatin1String("pending") && s != QLatin1String("unknown");
}

SlurmJobStatus::Task SlurmJobStatus::taskState(const SlurmJob& job, int task,
                                               const std::map<QString, SlurmClient::QueuedTask>* queue)
{
    Task t;
    t.task = task;
    t.seeds = job.tasks[static_cast<size_t>(task)];
    const ResultStore store(QDir::cleanPath(job.folder + QStringLiteral("/../..")));
    for (quint64 seed : t.seeds)
        if (const auto r = store.find(seed, false))
            ++(r->isFinished() ? t.finishedSeeds : t.failedSeeds);

    if (queue) {
        const auto queued = queue->find(QStringLiteral("%1_%2").arg(job.jobId).arg(task));
        if (queued != queue->end()) {
            const QString s = queued->second.state;
            if (s == QLatin1String("PENDING") || s == QLatin1String("REQUEUED") ||
                s == QLatin1String("CONFIGURING")) {
                t.state = QStringLiteral("pending");
                t.reason = queued->second.reason == QLatin1String("None") ? QString() : queued->second.reason;
            } else {
                t.state = QStringLiteral("running"); // RUNNING, COMPLETING, SUSPENDED, …
                if (s != QLatin1String("RUNNING") && s != QLatin1String("COMPLETING"))
                    t.reason = s.toLower();
            }
            return t;
        }
    }
    const auto record = SlurmTaskRecord::read(job.taskRecordFile(task));
    const QString verdict = slurmsVerdict(job, task);
    if (record && record->state != QLatin1String("running")) {
        t.state = record->state;
        t.reason = record->reason;
        if (verdict == QLatin1String("time limit") && t.state == QLatin1String("cancelled")) {
            t.state = QStringLiteral("failed");
            t.reason = QStringLiteral("reached its time limit (--time) after %1 seeds")
                           .arg(t.finishedSeeds + t.failedSeeds);
        }
        return t;
    }
    if (!queue) {
        t.state = QStringLiteral("unknown");
        t.reason = QStringLiteral("squeue could not be asked");
        return t;
    }
    // Left the queue without saying how it ended: killed, or never started.
    if (verdict == QLatin1String("time limit")) {
        t.state = QStringLiteral("failed");
        t.reason = QStringLiteral("reached its time limit (--time)");
    } else if (verdict == QLatin1String("preempted")) {
        t.state = QStringLiteral("cancelled");
        t.reason = QStringLiteral("preempted");
    } else if (job.cancelledAt.isValid() || verdict == QLatin1String("cancelled")) {
        t.state = QStringLiteral("cancelled");
        t.reason = record ? QStringLiteral("cancelled while running")
                          : QStringLiteral("cancelled before it started");
    } else if (t.finishedSeeds == static_cast<int>(t.seeds.size())) {
        t.state = QStringLiteral("finished");
    } else if (record) {
        t.state = QStringLiteral("failed");
        t.reason =
            QStringLiteral("ended without a word on %1 (killed, or its node failed)").arg(record->host);
    } else {
        t.state = QStringLiteral("cancelled");
        // Cancelled while pending, or Slurm could not start it (an output file it could not open):
        // only Slurm's own accounting tells which.
        t.reason = QStringLiteral("left the queue without starting: cancelled, or Slurm could not start it "
                                  "(sacct -j %1_%2 says which)")
                       .arg(job.jobId)
                       .arg(task);
    }
    return t;
}

std::vector<SlurmJobStatus::Job> SlurmJobStatus::of(const QString& workspaceFolder, QString* queueProblem,
                                                    QStringList* unreadable)
{
    const std::vector<SlurmJob> jobs = SlurmJob::readAll(workspaceFolder, unreadable);
    QStringList ids;
    for (const SlurmJob& job : jobs)
        if (!job.jobId.isEmpty())
            ids << job.jobId;
    const auto queue = SlurmClient::queue(ids, queueProblem);
    std::vector<Job> status;
    for (const SlurmJob& job : jobs) {
        Job& j = status.emplace_back(Job{job, {}});
        for (int t = 0; t < static_cast<int>(job.tasks.size()); ++t)
            j.tasks.push_back(taskState(job, t, queue ? &*queue : nullptr));
    }
    return status;
}

} // namespace seedscape
