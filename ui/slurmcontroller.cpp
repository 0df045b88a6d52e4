#include "slurmcontroller.h"

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "slurm/slurmclient.h"
#include "slurm/slurmerror.h"
#include "slurm/slurmsubmitter.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace seedscape {

namespace {

struct Submission
{
    QString jobId;
    QString message;
    bool failed = false;
};

// The seedscape-cli submit of the window, on a pool thread: the same checks before anything is
// written, the same submitter.
Submission submitOffThread(const QString& folder, const QString& name, int wanted,
                           const SlurmOptions& options, const QString& cli)
{
    Submission s;
    try {
        if (!QFileInfo(cli).isExecutable())
            throw SlurmError(
                QObject::tr("the array tasks run the seedscape-cli beside this program, and there is "
                            "none at %1")
                    .arg(cli));
        SlurmSubmitter::requireReady(folder, options, cli);
        const Workspace workspace(folder);
        const Experiment e = workspace.experiment(name);
        if (e.isCommand())
            e.model.command.requireRunnable(workspace.experimentFile(name));
        auto data = std::make_shared<const PreparedData>(workspace.prepareData(e));
        const SlurmSubmitter submitter(workspace, e, data);
        if (const std::optional<SlurmJob> job = submitter.submit(wanted, options, cli)) {
            s.jobId = job->jobId;
            s.message = QObject::tr("Submitted job %1: %2 seeds of %3 in %4 array tasks.")
                            .arg(job->jobId)
                            .arg(job->seedCount())
                            .arg(name)
                            .arg(job->tasks.size());
        } else {
            const SlurmSubmitter::Plan p = submitter.plan(wanted);
            s.message = QObject::tr("%1: nothing to submit: %2 finished seeds and %3 in jobs still queued or "
                                    "running make %4.")
                            .arg(name)
                            .arg(p.finished)
                            .arg(p.inFlight)
                            .arg(wanted);
        }
        return s;
    } catch (const SlurmError& e) {
        s.message = e.message();
    } catch (const InputError& e) {
        s.message = e.message();
    } catch (const StorageError& e) {
        s.message = e.message();
    } catch (const std::exception& e) { // a pool thread must not throw
        s.message = QString::fromStdString(e.what());
    }
    s.failed = true;
    return s;
}

// What cancel-job does: scancel, then the job is marked cancelled in its job.json. Returns the
// problem, if any.
QString cancelOffThread(const QString& folder, const QString& jobId)
{
    try {
        for (SlurmJob& job : SlurmJob::readAll(folder))
            if (job.jobId == jobId) {
                SlurmClient::cancel(jobId);
                job.cancelledAt = QDateTime::currentDateTimeUtc();
                job.write();
                return {};
            }
        return QObject::tr("the workspace has no submitted job %1").arg(jobId);
    } catch (const SlurmError& e) {
        return e.message();
    } catch (const StorageError& e) {
        return e.message();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

int finishedSeeds(const std::vector<SlurmJobStatus::Job>& jobs)
{
    int n = 0;
    for (const SlurmJobStatus::Job& j : jobs)
        for (const SlurmJobStatus::Task& t : j.tasks)
            n += t.finishedSeeds;
    return n;
}

} // namespace

SlurmController::SlurmController(QObject* parent)
    : QObject(parent), m_pollTimer(new QTimer(this)), m_cli(defaultCli())
{
    m_pool.setMaxThreadCount(2); // a poll and a submit or cancel at once
    m_pollTimer->setObjectName(QStringLiteral("slurmPollTimer"));
    m_pollTimer->setSingleShot(true);
    m_pollTimer->setInterval(kPollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &SlurmController::refresh);
}

SlurmController::~SlurmController()
{
    // The workers post their results to this object: they must end before it does. Each Slurm
    // command ends within SlurmClient's timeout.
    m_pool.waitForDone();
}

QString SlurmController::defaultCli()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/seedscape-cli");
}

void SlurmController::setWorkspace(const QString& folder)
{
    m_folder = folder;
    ++m_generation;
    m_pollTimer->stop();
    m_pollInFlight = false; // the one in flight is for the other workspace: dropped when it ends
    m_pollAgain = false;
    m_cancelling.clear();
    m_jobs.clear();
    m_knowsJobs = m_folder.isEmpty();
    m_queueProblem.clear();
    Q_EMIT jobsChanged();
    if (!m_folder.isEmpty())
        refresh();
}

bool SlurmController::hasEnded(const SlurmJobStatus::Job& job)
{
    return job.ended();
}

bool SlurmController::isPolling() const
{
    return m_pollTimer->isActive() || m_pollInFlight;
}

void SlurmController::refresh()
{
    if (m_folder.isEmpty())
        return;
    if (m_pollInFlight) {
        m_pollAgain = true;
        return;
    }
    startPoll();
}

void SlurmController::startPoll()
{
    m_pollTimer->stop();
    m_pollInFlight = true;
    const QString folder = m_folder;
    const int generation = m_generation;
    m_pool.start([this, folder, generation] {
        QString problem;
        std::vector<SlurmJobStatus::Job> jobs;
        try {
            jobs = SlurmJobStatus::of(folder, &problem);
        } catch (const std::exception& e) { // a pool thread must not throw
            problem = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, generation, jobs = std::move(jobs), problem]() mutable {
                pollEnded(generation, std::move(jobs), problem);
            },
            Qt::QueuedConnection);
    });
}

void SlurmController::pollEnded(int generation, std::vector<SlurmJobStatus::Job> jobs, const QString& problem)
{
    if (generation != m_generation)
        return; // a poll of the workspace that was open before
    m_pollInFlight = false;
    m_knowsJobs = true;
    const bool more = finishedSeeds(jobs) > finishedSeeds(m_jobs);
    m_jobs = std::move(jobs);
    m_queueProblem = problem;
    Q_EMIT jobsChanged();
    if (more)
        Q_EMIT seedsArrived();
    if (std::exchange(m_pollAgain, false))
        startPoll();
    else
        scheduleNextPoll();
}

void SlurmController::scheduleNextPoll()
{
    // Only while something can still change: ended jobs stay as they are.
    const bool active =
        std::any_of(m_jobs.begin(), m_jobs.end(), [](const SlurmJobStatus::Job& j) { return !hasEnded(j); });
    if (active || !m_cancelling.isEmpty())
        m_pollTimer->start();
}

void SlurmController::askPartitions()
{
    m_pool.start([this] {
        QStringList partitions;
        QString problem;
        try {
            partitions = SlurmClient::partitions();
        } catch (const SlurmError& e) {
            problem = e.message();
        }
        QMetaObject::invokeMethod(
            this, [this, partitions, problem] { Q_EMIT partitionsReady(partitions, problem); },
            Qt::QueuedConnection);
    });
}

bool SlurmController::submit(const QString& experiment, int wanted, const SlurmOptions& options)
{
    if (m_submitting || m_folder.isEmpty())
        return false;
    m_submitting = true;
    const QString folder = m_folder, cli = m_cli;
    m_pool.start([this, folder, experiment, wanted, options, cli] {
        const Submission s = submitOffThread(folder, experiment, wanted, options, cli);
        QMetaObject::invokeMethod(
            this,
            [this, s, folder] {
                m_submitting = false;
                if (s.failed) {
                    Q_EMIT submitFailed(s.message);
                    return;
                }
                Q_EMIT submitted(s.jobId, s.message);
                if (folder == m_folder)
                    refresh(); // the new job, and polls until it ends
            },
            Qt::QueuedConnection);
    });
    return true;
}

void SlurmController::cancelJob(const QString& jobId)
{
    if (m_folder.isEmpty() || m_cancelling.contains(jobId))
        return;
    m_cancelling.insert(jobId);
    Q_EMIT jobsChanged(); // the Cancel button goes grey at once
    const QString folder = m_folder;
    const int generation = m_generation;
    m_pool.start([this, folder, generation, jobId] {
        const QString problem = cancelOffThread(folder, jobId);
        QMetaObject::invokeMethod(
            this,
            [this, generation, jobId, problem] {
                if (generation != m_generation)
                    return;
                m_cancelling.remove(jobId);
                Q_EMIT message(
                    problem.isEmpty()
                        ? tr("Cancelled job %1; its finished seeds stay in the workspace.").arg(jobId)
                        : tr("Could not cancel job %1: %2").arg(jobId, problem));
                refresh();
            },
            Qt::QueuedConnection);
    });
}

} // namespace seedscape
