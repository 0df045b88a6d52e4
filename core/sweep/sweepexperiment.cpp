#include "sweepexperiment.h"

#include "experiment/experimentfingerprint.h"
#include "store/labelsfile.h"
#include "store/storeddefinition.h"

#include <QFile>

#include <algorithm>

namespace seedscape {

namespace {

SweepItem withEngine(SweepItem item)
{
    if (!item.engine)
        item.engine = SeedEngine::create(item.experiment, item.data, TrainingEngine::Automatic);
    // Seeds of a changed definition, or of an edited program, never join the stored ones.
    StoredDefinition::checkComparable(item.experiment, item.resultsFolder, item.engine->programFiles());
    return item;
}

} // namespace

SweepExperiment::SweepExperiment(SweepItem item)
    : m_item(withEngine(std::move(item))), m_store(m_item.resultsFolder), m_lock(m_item.resultsFolder),
      m_fingerprint(experimentFingerprint(m_item.experiment))
{
    // The truth and the definition beside the seeds, so that statistics can be computed from the
    // results folder alone and a later change of the definition is caught with what changed.
    const ExperimentLabels labels = ExperimentLabels::fromData(*m_item.data, engine().metric());
    LabelsFile::requireUnchanged(labels, m_item.resultsFolder, m_item.experiment.name,
                                 m_item.experiment.dataset.path);
    LabelsFile::write(labels, m_item.resultsFolder);
    StoredDefinition::write(m_item.experiment, m_item.resultsFolder);
    const bool locked = m_lock.tryLock(); // now if free; else the workers wait for it
    if (locked) // damaged seeds go aside (results/NAME/damaged/), so that replacements are trained
        m_setAside = m_store.setAsideDamaged();
    m_used = m_store.recordedSeeds();
    if (locked) // another holder's checkpoints are its running seeds: only the holder may resume them
        loadCheckpoints();
    for (quint64 seed : m_item.experiment.seeds.list)
        if (!m_used.count(seed))
            m_listed.push_back(seed);
    m_progress.experiment = m_item.experiment.name;
    m_progress.wanted = m_item.wanted;
    m_progress.finished = m_store.finishedCount();
}

bool SweepExperiment::claim(bool* startedWaiting)
{
    *startedWaiting = false;
    if (!m_lock.tryLock()) {
        if (m_progress.waitingFor.isEmpty()) {
            const QString holder = m_lock.holder();
            m_progress.waitingFor = holder.isEmpty() ? QStringLiteral("another process") : holder;
            *startedWaiting = true;
        }
        return false;
    }
    m_progress.waitingFor.clear();
    const std::vector<DamagedSeed> damaged = m_store.setAsideDamaged();
    m_setAside.insert(m_setAside.end(), damaged.begin(), damaged.end());
    const std::set<quint64> recorded = m_store.recordedSeeds();
    m_used.insert(recorded.begin(), recorded.end());
    std::erase_if(m_listed, [&](quint64 seed) { return recorded.count(seed) > 0; });
    m_progress.finished = m_store.finishedCount();
    loadCheckpoints(); // what the other process left unfinished (it was killed, or cancelled)
    return true;
}

void SweepExperiment::releaseIfDone()
{
    if (m_progress.running == 0 && (m_progress.gaveUp || m_progress.finished >= m_progress.wanted))
        m_lock.unlock();
}

// Checkpoints of seeds still to train, by this engine and definition, are resumed; any other is
// stale (its seeds were stored, or it came from another definition or engine) and goes, and so does
// one that cannot be read back (its seeds start over).
void SweepExperiment::loadCheckpoints()
{
    CheckpointFile::removeLeftovers(m_item.resultsFolder); // called with the lock held
    QStringList damaged;
    std::vector<CheckpointFile> checkpoints =
        CheckpointFile::readAll(m_item.resultsFolder, nullptr, &damaged);
    for (const QString& file : damaged)
        QFile::remove(file);
    for (CheckpointFile& checkpoint : checkpoints) {
        const bool current = checkpoint.engine == engine().name() &&
                             checkpoint.fingerprint == m_fingerprint &&
                             static_cast<int>(checkpoint.seeds.size()) <= engine().maxGroupSize() &&
                             std::none_of(checkpoint.seeds.begin(), checkpoint.seeds.end(),
                                          [&](quint64 seed) { return m_used.count(seed) > 0; });
        if (!current) {
            CheckpointFile::remove(m_item.resultsFolder, checkpoint.seeds.front());
            continue;
        }
        m_used.insert(checkpoint.seeds.begin(), checkpoint.seeds.end());
        std::erase_if(m_listed, [&](quint64 seed) {
            return std::find(checkpoint.seeds.begin(), checkpoint.seeds.end(), seed) !=
                   checkpoint.seeds.end();
        });
        m_resumable.push_back(std::move(checkpoint));
    }
}

std::optional<CheckpointFile> SweepExperiment::takeCheckpoint()
{
    while (!m_resumable.empty()) {
        CheckpointFile checkpoint = std::move(m_resumable.front());
        m_resumable.pop_front();
        if (static_cast<int>(checkpoint.seeds.size()) <= missing())
            return checkpoint;
        CheckpointFile::remove(m_item.resultsFolder, checkpoint.seeds.front());
    }
    return std::nullopt;
}

int SweepExperiment::resumableSeeds() const
{
    int seeds = 0;
    for (const CheckpointFile& checkpoint : m_resumable)
        seeds += static_cast<int>(checkpoint.seeds.size());
    return seeds;
}

std::vector<quint64> SweepExperiment::drawSeeds(int count, const std::function<quint64()>& draw)
{
    std::vector<quint64> seeds;
    while (static_cast<int>(seeds.size()) < count) {
        quint64 seed;
        if (!m_listed.empty()) {
            seed = m_listed.front();
            m_listed.pop_front();
        } else {
            do
                seed = draw();
            while (m_used.count(seed));
        }
        m_used.insert(seed);
        seeds.push_back(seed);
    }
    return seeds;
}

void SweepExperiment::seedEnded(const SeedResult* stored)
{
    --m_progress.running;
    if (stored && stored->isFinished()) {
        ++m_progress.finished;
    } else if (stored) {
        ++m_progress.failed;
        m_progress.lastFailure = QStringLiteral("seed %1: %2").arg(stored->seed).arg(stored->failureReason);
        if (stored->failureEpoch > 0)
            m_progress.lastFailure += QStringLiteral(" at epoch %1").arg(stored->failureEpoch);
        if (m_progress.failed >= failureLimit())
            m_progress.gaveUp = true;
    }
    releaseIfDone();
}

} // namespace seedscape
