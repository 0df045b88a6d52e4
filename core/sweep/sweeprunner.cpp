#include "sweeprunner.h"

#include "common/storageerror.h"
#include "train/trainingversions.h"

#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <stdexcept>

namespace seedscape {

SweepRunner::SweepRunner(SweepCallbacks callbacks) : m_callbacks(std::move(callbacks)) {}

SweepRunner::~SweepRunner()
{
    cancel();
    wait();
}

int SweepRunner::defaultJobs()
{
    return std::max(1, QThread::idealThreadCount());
}

quint64 SweepRunner::freshSeed()
{
    // [1, 2^31 - 1]: every common library takes it (numpy's legacy seeding needs < 2^32), and
    // people can read and type it.
    return 1 + QRandomGenerator::system()->bounded(kMaxFreshSeed);
}

void SweepRunner::add(SweepItem item)
{
    {
        // Workers use the experiments without copying them: none may be added once they run.
        std::lock_guard lock(m_mutex);
        if (m_started)
            throw std::logic_error("SweepRunner::add after start");
    }
    auto experiment = std::make_unique<SweepExperiment>(std::move(item));
    std::lock_guard lock(m_mutex);
    m_experiments.push_back(std::move(experiment));
}

void SweepRunner::start(int jobs)
{
    std::lock_guard lock(m_mutex);
    if (m_started)
        throw std::logic_error("SweepRunner::start twice");
    m_started = true;
    m_activeWorkers = std::max(1, jobs);
    for (int i = 0; i < m_activeWorkers; ++i)
        m_workers.emplace_back([this] { work(); });
}

void SweepRunner::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void SweepRunner::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_pauseChanged.notify_all();
}

void SweepRunner::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancel = true;
    }
    m_pauseChanged.notify_all();
}

bool SweepRunner::isPaused() const
{
    std::lock_guard lock(m_mutex);
    return m_paused;
}

void SweepRunner::wait()
{
    for (std::thread& worker : m_workers)
        if (worker.joinable())
            worker.join();
}

bool SweepRunner::waitFor(int milliseconds)
{
    std::unique_lock lock(m_mutex);
    return m_ended.wait_for(lock, std::chrono::milliseconds(milliseconds),
                            [this] { return m_activeWorkers == 0; });
}

bool SweepRunner::isRunning() const
{
    std::lock_guard lock(m_mutex);
    return m_activeWorkers > 0;
}

int SweepRunner::resumableSeeds() const
{
    std::lock_guard lock(m_mutex);
    int seeds = 0;
    for (const auto& experiment : m_experiments)
        seeds += experiment->resumableSeeds();
    return seeds;
}

SweepRunner::Outcome SweepRunner::outcome() const
{
    std::lock_guard lock(m_mutex);
    if (!m_started || m_activeWorkers > 0)
        return Outcome::Running;
    if (!m_problem.isEmpty())
        return Outcome::Failed;
    return m_cancel ? Outcome::Cancelled : Outcome::Completed;
}

QString SweepRunner::problem() const
{
    std::lock_guard lock(m_mutex);
    return m_problem;
}

SweepExperiment& SweepRunner::experimentAt(size_t index)
{
    std::lock_guard lock(m_mutex);
    return *m_experiments[index];
}

std::vector<SweepProgress> SweepRunner::progress() const
{
    std::lock_guard lock(m_mutex);
    std::vector<SweepProgress> all;
    for (const auto& experiment : m_experiments)
        all.push_back(experiment->progress());
    return all;
}

void SweepRunner::waitWhilePaused()
{
    std::unique_lock lock(m_mutex);
    m_pauseChanged.wait(lock, [this] { return !m_paused || m_cancel; });
}

void SweepRunner::setProblem(const QString& message)
{
    if (m_problem.isEmpty())
        m_problem = message;
    m_cancel = true;
    if (m_callbacks.problem)
        m_callbacks.problem(message);
    m_pauseChanged.notify_all();
}

bool SweepRunner::claim(SweepExperiment& experiment)
{
    try {
        bool startedWaiting = false;
        const bool held = experiment.claim(&startedWaiting);
        if (startedWaiting && m_callbacks.waiting)
            m_callbacks.waiting(experiment.item().experiment.name, experiment.progress().waitingFor);
        return held;
    } catch (const StorageError& e) {
        // As for a seed that cannot be saved: the workspace cannot be written, so the sweep stops.
        setProblem(e.message());
        return false;
    }
}

SweepRunner::Next SweepRunner::nextJob()
{
    std::lock_guard lock(m_mutex);
    if (m_cancel)
        return {};
    bool waitForOthers = false;
    for (size_t i = 0; i < m_experiments.size(); ++i) {
        SweepExperiment& experiment = *m_experiments[i];
        if (!experiment.needsSeeds() || experiment.atParallelLimit())
            continue;
        if (!experiment.holdsLock() && !claim(experiment)) {
            waitForOthers = waitForOthers || !m_cancel;
            continue;
        }
        const int missing = experiment.missing(); // counted again if the claim just happened
        if (missing <= 0) {
            experiment.releaseIfDone();
            continue;
        }
        Job job{i, {}, {}};
        if (std::optional<CheckpointFile> checkpoint = experiment.takeCheckpoint()) {
            job.seeds = checkpoint->seeds;
            job.resumeFrom = checkpoint->state;
        } else {
            // Share what is missing among the workers not busy yet, this one included, or among as
            // many as the engine runs at once (a GPU: one group, as large as fits).
            const int parallel = experiment.engine().maxParallelJobs();
            const int idle = std::max(1, m_activeWorkers - m_busyWorkers);
            const int sharers = parallel > 0 ? std::min(idle, parallel) : idle;
            const int groupSize = std::clamp((missing + sharers - 1) / sharers, 1,
                                             std::max(1, experiment.engine().maxGroupSize()));
            job.seeds = experiment.drawSeeds(groupSize, &SweepRunner::freshSeed);
        }
        experiment.progress().running += static_cast<int>(job.seeds.size());
        ++m_busyWorkers;
        return {job, false};
    }
    return {std::nullopt, waitForOthers};
}

void SweepRunner::seedEnded(SweepExperiment& experiment, const SeedResult* stored)
{
    std::lock_guard lock(m_mutex);
    experiment.seedEnded(stored);
}

// Progress, pause, cancel and checkpoints for one job.
TrainingControl SweepRunner::controlFor(SweepExperiment& experiment, const Job& job,
                                        QElapsedTimer& sinceCheckpoint)
{
    TrainingControl control;
    control.cancel = &m_cancel;
    control.waitWhilePaused = [this] {
        waitWhilePaused();
    };
    control.paused = [this] {
        return isPaused();
    };
    if (m_callbacks.epochFinished)
        control.onEpoch = [this, &experiment](const EpochProgress& p) {
            m_callbacks.epochFinished(experiment.item().experiment.name, p);
        };
    control.resumeFrom = job.resumeFrom;
    control.scoreTestEachEpoch = m_scoreTestEachEpoch;
    control.checkpointDue = [this, &sinceCheckpoint] {
        return sinceCheckpoint.elapsed() >= m_checkpointInterval.count();
    };
    control.checkpoint = [this, &experiment, &job, &sinceCheckpoint](const QByteArray& state, int epoch) {
        try {
            CheckpointFile{experiment.engine().name(), experiment.fingerprint(), job.seeds, epoch, state}
                .write(experiment.item().resultsFolder);
        } catch (const StorageError& e) {
            // Training goes on; only the protection against a kill is missing for now.
            if (m_callbacks.problem)
                m_callbacks.problem(e.message());
        }
        sinceCheckpoint.restart();
    };
    return control;
}

std::vector<SeedResult> SweepRunner::train(SweepExperiment& experiment, const Job& job)
{
    QElapsedTimer sinceCheckpoint;
    sinceCheckpoint.start();
    const TrainingControl control = controlFor(experiment, job, sinceCheckpoint);
    try {
        return experiment.engine().train(job.seeds, control);
    } catch (const std::exception& e) {
        if (!job.resumeFrom.isEmpty()) // a checkpoint it could not continue from: not again
            CheckpointFile::remove(experiment.item().resultsFolder, job.seeds.front());
        // An error inside the engine ends these seeds, not the sweep; the records say what ran them.
        std::vector<SeedResult> failed(job.seeds.size());
        for (size_t i = 0; i < failed.size(); ++i) {
            SeedResult& r = failed[i];
            r.seed = job.seeds[i];
            r.status = SeedStatus::Failed;
            r.failureReason = QStringLiteral("training error: %1")
                                  .arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0));
            r.metric = experiment.engine().metric();
            r.streams = StreamSeeds::derive(r.seed, experiment.item().experiment.seeds);
            r.startedAt = QDateTime::currentDateTimeUtc();
            r.experimentFingerprint = experiment.fingerprint();
            r.versions = trainingVersions();
            r.engine = experiment.engine().name();
        }
        return failed;
    }
}

void SweepRunner::stopWithProblem(const QString& message)
{
    std::lock_guard lock(m_mutex);
    setProblem(message);
}

bool SweepRunner::store(SweepExperiment& experiment, const std::vector<const SeedResult*>& results)
{
    const QStringList problems = experiment.store().saveAll(results);
    bool allSaved = true;
    for (size_t i = 0; i < results.size(); ++i) {
        const QString& problem = problems[static_cast<qsizetype>(i)];
        if (!problem.isEmpty()) {
            seedEnded(experiment, nullptr);
            // A workspace we cannot write to would lose every further seed.
            if (allSaved)
                stopWithProblem(problem);
            allSaved = false;
            continue;
        }
        seedEnded(experiment, results[i]);
        if (m_callbacks.seedEnded)
            m_callbacks.seedEnded(experiment.item().experiment.name, *results[i]);
    }
    return allSaved;
}

void SweepRunner::work()
{
    bool stop = false;
    while (!stop) {
        const Next next = nextJob();
        if (next.wait) {
            // Another process trains an experiment we still need: look again in a moment.
            std::unique_lock lock(m_mutex);
            m_pauseChanged.wait_for(lock, std::chrono::milliseconds(kLockRetryMilliseconds),
                                    [this] { return m_cancel.load(); });
            continue;
        }
        if (!next.job)
            break;
        const Job& job = *next.job;
        SweepExperiment& experiment = experimentAt(job.experiment);
        if (m_callbacks.seedStarted)
            for (quint64 seed : job.seeds)
                m_callbacks.seedStarted(experiment.item().experiment.name, seed);
        const std::vector<SeedResult> results = train(experiment, job);
        {
            std::lock_guard lock(m_mutex);
            --m_busyWorkers;
        }
        // The seeds before the first cancelled one (a cancelled group cancels all of its seeds).
        std::vector<const SeedResult*> ended;
        for (const SeedResult& result : results) {
            if (result.status == SeedStatus::Cancelled)
                break;
            ended.push_back(&result);
        }
        const bool allStored = store(experiment, ended) && ended.size() == results.size();
        for (size_t i = ended.size(); i < results.size(); ++i)
            seedEnded(experiment, nullptr);
        stop = !allStored;
        // Its seeds are stored: the checkpoint has served (a cancelled job keeps it to resume from).
        if (allStored)
            CheckpointFile::remove(experiment.item().resultsFolder, job.seeds.front());
    }
    workerStopped();
}

void SweepRunner::workerStopped()
{
    bool last;
    {
        std::lock_guard lock(m_mutex);
        last = --m_activeWorkers == 0;
        if (last) // the sweep has ended: the experiments are free for other processes
            for (const auto& experiment : m_experiments)
                experiment->releaseLock();
    }
    m_ended.notify_all();
    if (last && m_callbacks.ended)
        m_callbacks.ended();
}

} // namespace seedscape
