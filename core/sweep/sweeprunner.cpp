#include "sweeprunner.h"

#include "common/atomicfile.h"
#include "experiment/experimentfingerprint.h"
#include "experiment/experimentnames.h"
#include "store/checkpointfile.h"
#include "store/experimentlock.h"
#include "store/labelsfile.h"
#include "store/resultstore.h"
#include "store/storeddefinition.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <deque>
#include <set>
#include <stdexcept>

namespace seedscape {

struct SweepRunner::Slot
{
    SweepItem item; // item.engine is always set
    ResultStore store;
    ExperimentLock lock;        // held from the first claim until the experiment is done or the sweep ends
    std::deque<quint64> listed; // seeds.list entries not yet recorded
    std::set<quint64> used;     // recorded, running or checkpointed: never trained twice
    std::deque<CheckpointFile> resumable; // checkpoints of this definition and engine, to continue first
    QString fingerprint;
    SweepProgress progress;

    explicit Slot(SweepItem i) : item(std::move(i)), store(item.resultsFolder), lock(item.resultsFolder) {}
    int failureLimit() const { return std::max(3, item.wanted); }
};

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
    return QRandomGenerator::system()->generate64();
}

void SweepRunner::add(SweepItem item)
{
    {
        // Workers read the slots without copying them: none may be added once they run.
        std::lock_guard lock(m_mutex);
        if (m_started)
            throw std::logic_error("SweepRunner::add after start");
    }
    if (!item.engine)
        item.engine = SeedEngine::create(item.experiment, item.data, TrainingEngine::Automatic);
    // Seeds of a changed definition never join the stored ones.
    StoredDefinition::checkComparable(item.experiment, item.resultsFolder);
    auto slot = std::make_unique<Slot>(std::move(item));
    // The truth and the definition beside the seeds, so that statistics can be computed from the
    // results folder alone and a later change of the definition is caught with what changed.
    LabelsFile::write(ExperimentLabels::fromData(*slot->item.data, slot->item.engine->metric()),
                      slot->item.resultsFolder);
    StoredDefinition::write(slot->item.experiment, slot->item.resultsFolder);
    slot->fingerprint = experimentFingerprint(slot->item.experiment);
    const bool locked =
        slot->lock.tryLock(); // now if free (else the workers wait for it); throws StorageError
    slot->used = slot->store.recordedSeeds();
    if (locked) // another holder's checkpoints are its running seeds: only the holder may resume them
        loadCheckpoints(*slot);
    for (quint64 seed : slot->item.experiment.seeds.list)
        if (!slot->used.count(seed))
            slot->listed.push_back(seed);
    slot->progress.experiment = slot->item.experiment.name;
    slot->progress.wanted = slot->item.wanted;
    slot->progress.finished = slot->store.finishedCount();
    std::lock_guard lock(m_mutex);
    m_slots.push_back(std::move(slot));
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

// Checkpoints of seeds still to train, by this engine and definition, are resumed; any other is
// stale (its seeds were stored, or it came from another definition or engine) and goes.
void SweepRunner::loadCheckpoints(Slot& slot)
{
    const QString& folder = slot.item.resultsFolder;
    for (CheckpointFile& checkpoint : CheckpointFile::readAll(folder)) {
        const bool current = checkpoint.engine == slot.item.engine->name() &&
                             checkpoint.fingerprint == slot.fingerprint &&
                             static_cast<int>(checkpoint.seeds.size()) <= slot.item.engine->maxGroupSize() &&
                             std::none_of(checkpoint.seeds.begin(), checkpoint.seeds.end(),
                                          [&](quint64 seed) { return slot.used.count(seed) > 0; });
        if (!current) {
            CheckpointFile::remove(folder, checkpoint.seeds.front());
            continue;
        }
        slot.used.insert(checkpoint.seeds.begin(), checkpoint.seeds.end());
        slot.resumable.push_back(std::move(checkpoint));
    }
}

int SweepRunner::resumableSeeds() const
{
    std::lock_guard lock(m_mutex);
    int seeds = 0;
    for (const auto& slot : m_slots)
        for (const CheckpointFile& checkpoint : slot->resumable)
            seeds += static_cast<int>(checkpoint.seeds.size());
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

SweepRunner::Slot& SweepRunner::slotAt(size_t index)
{
    std::lock_guard lock(m_mutex);
    return *m_slots[index];
}

std::vector<SweepProgress> SweepRunner::progress() const
{
    std::lock_guard lock(m_mutex);
    std::vector<SweepProgress> all;
    for (const auto& slot : m_slots)
        all.push_back(slot->progress);
    return all;
}

void SweepRunner::waitWhilePaused()
{
    std::unique_lock lock(m_mutex);
    m_pauseChanged.wait(lock, [this] { return !m_paused || m_cancel; });
}

// Takes the experiment's lock for this process. After waiting for another process, what it stored
// meanwhile is counted again, so the sweep trains only what is still missing.
bool SweepRunner::claimExperiment(Slot& slot)
{
    SweepProgress& p = slot.progress;
    try {
        if (!slot.lock.tryLock()) {
            if (p.waitingFor.isEmpty()) {
                p.waitingFor = slot.lock.holder();
                if (p.waitingFor.isEmpty())
                    p.waitingFor = QStringLiteral("another process");
                if (m_callbacks.waiting)
                    m_callbacks.waiting(slot.item.experiment.name, p.waitingFor);
            }
            return false;
        }
    } catch (const StorageError& e) {
        // As for a seed that cannot be saved: the workspace cannot be written, so the sweep stops.
        if (m_problem.isEmpty())
            m_problem = e.message();
        m_cancel = true;
        if (m_callbacks.problem)
            m_callbacks.problem(e.message());
        m_pauseChanged.notify_all();
        return false;
    }
    p.waitingFor.clear();
    const std::set<quint64> recorded = slot.store.recordedSeeds();
    slot.used.insert(recorded.begin(), recorded.end());
    std::erase_if(slot.listed, [&](quint64 seed) { return recorded.count(seed) > 0; });
    p.finished = slot.store.finishedCount();
    loadCheckpoints(slot); // what the other process left unfinished (it was killed, or cancelled)
    return true;
}

void SweepRunner::releaseIfDone(Slot& slot)
{
    const SweepProgress& p = slot.progress;
    if (p.running == 0 && (p.gaveUp || p.finished >= p.wanted))
        slot.lock.unlock();
}

// A checkpointed job of the slot, when one fits in what is still missing (one that does not is
// dropped: fewer seeds are wanted now).
std::optional<SweepRunner::Job> SweepRunner::resumeJob(Slot& slot, size_t index, int missing)
{
    while (!slot.resumable.empty()) {
        CheckpointFile checkpoint = std::move(slot.resumable.front());
        slot.resumable.pop_front();
        if (static_cast<int>(checkpoint.seeds.size()) <= missing) {
            std::erase_if(slot.listed, [&](quint64 seed) {
                return std::find(checkpoint.seeds.begin(), checkpoint.seeds.end(), seed) !=
                       checkpoint.seeds.end();
            });
            return Job{index, checkpoint.seeds, checkpoint.state};
        }
        CheckpointFile::remove(slot.item.resultsFolder, checkpoint.seeds.front());
    }
    return std::nullopt;
}

SweepRunner::Next SweepRunner::nextJob()
{
    std::lock_guard lock(m_mutex);
    if (m_cancel)
        return {};
    bool waitForOthers = false;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        Slot& slot = *m_slots[i];
        SweepProgress& p = slot.progress;
        if (p.gaveUp || p.wanted - p.finished - p.running <= 0)
            continue;
        if (!slot.lock.isLocked() && !claimExperiment(slot)) {
            waitForOthers = waitForOthers || !p.gaveUp;
            continue;
        }
        const int missing = p.wanted - p.finished - p.running;
        if (missing <= 0) {
            releaseIfDone(slot);
            continue;
        }
        if (std::optional<Job> resumed = resumeJob(slot, i, missing)) {
            p.running += static_cast<int>(resumed->seeds.size());
            ++m_busyWorkers;
            return {resumed, false};
        }
        // Share what is missing among the workers not busy yet, this one included.
        const int idle = std::max(1, m_activeWorkers - m_busyWorkers);
        const int groupSize =
            std::clamp((missing + idle - 1) / idle, 1, std::max(1, slot.item.engine->maxGroupSize()));
        Job job{i, {}};
        while (static_cast<int>(job.seeds.size()) < groupSize) {
            quint64 seed;
            if (!slot.listed.empty()) {
                seed = slot.listed.front();
                slot.listed.pop_front();
            } else {
                do
                    seed = freshSeed();
                while (slot.used.count(seed));
            }
            slot.used.insert(seed);
            job.seeds.push_back(seed);
        }
        p.running += groupSize;
        ++m_busyWorkers;
        return {job, false};
    }
    return {std::nullopt, waitForOthers};
}

void SweepRunner::seedEnded(size_t slot, const SeedResult* stored)
{
    std::lock_guard lock(m_mutex);
    SweepProgress& p = m_slots[slot]->progress;
    --p.running;
    if (!stored) {
        releaseIfDone(*m_slots[slot]);
        return;
    }
    if (stored->isFinished()) {
        ++p.finished;
    } else {
        ++p.failed;
        p.lastFailure = QStringLiteral("seed %1: %2 at epoch %3")
                            .arg(stored->seed)
                            .arg(stored->failureReason)
                            .arg(stored->failureEpoch);
        if (p.failed >= m_slots[slot]->failureLimit())
            p.gaveUp = true;
    }
    releaseIfDone(*m_slots[slot]);
}

std::vector<SeedResult> SweepRunner::train(Slot& slot, const Job& job)
{
    TrainingControl control;
    control.cancel = &m_cancel;
    control.waitWhilePaused = [this] {
        waitWhilePaused();
    };
    if (m_callbacks.epochFinished)
        control.onEpoch = [this, &slot](const EpochProgress& p) {
            m_callbacks.epochFinished(slot.item.experiment.name, p);
        };
    control.resumeFrom = job.resumeFrom;
    QElapsedTimer sinceCheckpoint;
    sinceCheckpoint.start();
    control.checkpointDue = [&] {
        return sinceCheckpoint.elapsed() >= m_checkpointInterval.count();
    };
    control.checkpoint = [&](const QByteArray& state, int epoch) {
        try {
            CheckpointFile{slot.item.engine->name(), slot.fingerprint, job.seeds, epoch, state}.write(
                slot.item.resultsFolder);
        } catch (const StorageError& e) {
            // Training goes on; only the protection against a kill is missing for now.
            if (m_callbacks.problem)
                m_callbacks.problem(e.message());
        }
        sinceCheckpoint.restart();
    };
    try {
        return slot.item.engine->train(job.seeds, control);
    } catch (const std::exception& e) {
        if (!job.resumeFrom.isEmpty()) // a checkpoint it could not continue from: not again
            CheckpointFile::remove(slot.item.resultsFolder, job.seeds.front());
        // An error inside LibTorch ends these seeds, not the sweep.
        std::vector<SeedResult> failed(job.seeds.size());
        for (size_t i = 0; i < failed.size(); ++i) {
            failed[i].seed = job.seeds[i];
            failed[i].status = SeedStatus::Failed;
            failed[i].failureReason = QStringLiteral("training error: %1")
                                          .arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0));
        }
        return failed;
    }
}

void SweepRunner::stopWithProblem(const QString& message)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_problem.isEmpty())
            m_problem = message;
    }
    if (m_callbacks.problem)
        m_callbacks.problem(message);
    cancel();
}

bool SweepRunner::store(Slot& slot, size_t index, const SeedResult& result)
{
    try {
        slot.store.save(result);
    } catch (const StorageError& e) {
        seedEnded(index, nullptr);
        // A workspace we cannot write to would lose every further seed.
        stopWithProblem(e.message());
        return false;
    }
    seedEnded(index, &result);
    if (m_callbacks.seedEnded)
        m_callbacks.seedEnded(slot.item.experiment.name, result);
    return true;
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
        const std::optional<Job>& job = next.job;
        Slot& slot = slotAt(job->slot);
        if (m_callbacks.seedStarted)
            for (quint64 seed : job->seeds)
                m_callbacks.seedStarted(slot.item.experiment.name, seed);
        const std::vector<SeedResult> results = train(slot, *job);
        {
            std::lock_guard lock(m_mutex);
            --m_busyWorkers;
        }
        bool allStored = true;
        for (const SeedResult& result : results) {
            if (stop || result.status == SeedStatus::Cancelled) {
                seedEnded(job->slot, nullptr);
                stop = true;
                allStored = false;
            } else if (!store(slot, job->slot, result)) {
                stop = true;
                allStored = false;
            }
        }
        // Its seeds are stored: the checkpoint has served (a cancelled job keeps it to resume from).
        if (allStored)
            CheckpointFile::remove(slot.item.resultsFolder, job->seeds.front());
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
            for (const auto& slot : m_slots)
                slot->lock.unlock();
    }
    m_ended.notify_all();
    if (last && m_callbacks.ended)
        m_callbacks.ended();
}

} // namespace seedscape
