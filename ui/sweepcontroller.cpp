#include "sweepcontroller.h"

#include <utility>

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "data/preparedata.h"
#include "store/resultstore.h"
#include "store/workspace.h"
#include "sweep/sweeprunner.h"
#include "train/seedengine.h"

#include <QPointer>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <limits>

namespace seedscape {

struct SweepController::Prepared
{
    std::unique_ptr<SweepRunner> runner;
    std::vector<QueuedExperiment> queue;
    int finished = 0, wanted = 0;
    // Workers: one per core, or as many as a command experiment runs programs at once (its
    // workers only wait for their programs).
    int jobs = SweepRunner::defaultJobs();
    QString problem; // set when the data or the results folders could not be read or written
    int resumed = 0; // running seeds of an earlier sweep, to continue from their checkpoints
};

SweepController::SweepController(QObject* parent) : QObject(parent) {}

SweepController::~SweepController()
{
    cancel();
    waitForThreads();
}

void SweepController::waitForThreads()
{
    if (m_preparer) {
        m_preparer->wait();
        delete m_preparer;
        m_preparer = nullptr;
    }
    if (m_runner)
        m_runner->wait();
}

bool SweepController::isRunning() const
{
    return m_active;
}

bool SweepController::isPaused() const
{
    return m_active && m_pauseRequested;
}

bool SweepController::start(const QString& workspaceFolder, const std::vector<Experiment>& experiments,
                            QString* error)
{
    if (m_active) {
        if (error)
            *error = tr("A sweep is already running.");
        return false;
    }
    waitForThreads(); // the last sweep's, long ended
    m_runner.reset();
    m_active = true;
    m_cancelRequested = false;
    m_pauseRequested = false;
    m_running.clear();
    m_queue.clear();
    m_programs.clear();
    m_names.clear();
    for (const Experiment& e : experiments)
        m_names.insert(e.name);
    for (const Experiment& e : experiments)
        if (e.isCommand())
            m_programs.insert(e.name);
    m_finished = m_wanted = m_endedThisSweep = 0;
    prepare(workspaceFolder, experiments);
    Q_EMIT progressChanged();
    return true;
}

// Reads every experiment's data and stored seeds on a thread of its own, then hands the runner to
// the GUI thread by a queued call.
void SweepController::prepare(const QString& workspaceFolder, const std::vector<Experiment>& experiments)
{
    m_preparer = QThread::create([this, workspaceFolder, experiments, callbacks = makeCallbacks()] {
        auto prepared = std::make_shared<Prepared>();
        prepared->runner = std::make_unique<SweepRunner>(callbacks);
        try {
            const Workspace workspace(workspaceFolder);
            for (const Experiment& e : experiments) {
                if (m_cancelRequested)
                    break;
                // A command experiment's data is read for its target only, and its engine needs
                // the workspace's places for the split parts and the runs (it writes the parts).
                auto data = std::make_shared<const PreparedData>(workspace.prepareData(e));
                std::shared_ptr<const SeedEngine> engine;
                if (e.isCommand())
                    engine = SeedEngine::create(e, data, TrainingEngine::Automatic,
                                                workspace.commandPlaces(e.name));
                const QString results = workspace.resultsFolder(e.name);
                const int stored = std::min(ResultStore(results).finishedCount(), e.seeds.count);
                prepared->finished += stored;
                prepared->wanted += e.seeds.count;
                prepared->queue.push_back({e.name, stored, e.seeds.count});
                prepared->jobs = std::max(prepared->jobs, engine ? engine->maxParallelJobs() : 0);
                prepared->runner->add({e, std::move(data), results, e.seeds.count, std::move(engine)});
            }
            prepared->resumed = prepared->runner->resumableSeeds();
        } catch (const InputError& e) {
            prepared->problem = e.message();
        } catch (const StorageError& e) {
            prepared->problem = e.message();
        }
        QMetaObject::invokeMethod(
            this, [this, prepared] { startPrepared(prepared); }, Qt::QueuedConnection);
    });
    m_preparer->start();
}

void SweepController::startPrepared(const std::shared_ptr<Prepared>& prepared)
{
    m_preparer->wait();
    delete m_preparer;
    m_preparer = nullptr;
    if (!prepared->problem.isEmpty() || m_cancelRequested) {
        finish(m_cancelRequested && prepared->problem.isEmpty(), prepared->problem);
        return;
    }
    m_runner = std::move(prepared->runner);
    m_queue = std::move(prepared->queue);
    m_finished = prepared->finished;
    m_wanted = prepared->wanted;
    m_clock.start();
    m_pausedMs = 0;
    m_pausedSinceMs = m_pauseRequested ? 0 : -1;
    if (m_pauseRequested)
        m_runner->pause();
    // Often enough that a cancel, a crash or a closed window costs seconds of training, not minutes.
    m_runner->setCheckpointInterval(m_checkpointInterval);
    m_runner->setScoreTestEachEpoch(true); // the scatter draws running seeds where they stand
    m_runner->start(prepared->jobs);
    Q_EMIT progressChanged();
    if (prepared->resumed > 0)
        Q_EMIT seedsResumed(prepared->resumed);
}

// Worker threads call these; each hops to this object's thread before touching any state.
SweepCallbacks SweepController::makeCallbacks()
{
    QPointer<SweepController> self(this);
    SweepCallbacks callbacks;
    callbacks.seedStarted = [self](const QString& experiment, quint64 seed) {
        QMetaObject::invokeMethod(
            self,
            [self, experiment, seed] {
                self->m_running[seed] = {experiment, seed, 0, 0, self->m_programs.count(experiment) > 0};
                for (QueuedExperiment& q : self->m_queue)
                    if (q.name == experiment)
                        q.waitingFor.clear(); // the other process let it go
                Q_EMIT self->progressChanged();
            },
            Qt::QueuedConnection);
    };
    callbacks.epochFinished = [self](const QString& experiment, const EpochProgress& p) {
        QMetaObject::invokeMethod(
            self,
            [self, experiment, p] {
                // A program that gives no total is reported with epochs = epoch: a total is known
                // only once it was larger than the epoch (a built-in engine always knows it).
                RunningSeed& r = self->m_running[p.seed];
                const bool program = self->m_programs.count(experiment) > 0;
                const bool totalKnown = !program || p.epochs > p.epoch || r.epochs > 0;
                if (r.firstEpoch < 0) { // its pace counts from here: data reading and set-up are behind
                    r.firstEpoch = p.epoch;
                    r.firstEpochAt = self->activeSeconds();
                }
                r.experiment = experiment;
                r.seed = p.seed;
                r.epoch = p.epoch;
                r.epochs = totalKnown ? p.epochs : 0;
                r.program = program;
                Q_EMIT self->epochEnded(experiment, p.seed, p.epoch, p.validationScore, p.testScore);
                Q_EMIT self->progressChanged();
            },
            Qt::QueuedConnection);
    };
    callbacks.seedEnded = [self](const QString& experiment, const SeedResult& r) {
        const bool finished = r.isFinished();
        const bool warned = finished && !r.warnings.isEmpty();
        const quint64 seed = r.seed;
        QMetaObject::invokeMethod(
            self,
            [self, experiment, seed, finished, warned] {
                self->m_running.erase(seed);
                ++self->m_endedThisSweep;
                if (finished) {
                    ++self->m_finished;
                    for (QueuedExperiment& q : self->m_queue)
                        if (q.name == experiment)
                            ++q.finished;
                }
                Q_EMIT self->seedEnded(experiment, seed, finished, warned);
                Q_EMIT self->progressChanged();
            },
            Qt::QueuedConnection);
    };
    callbacks.waiting = [self](const QString& experiment, const QString& holder) {
        QMetaObject::invokeMethod(
            self,
            [self, experiment, holder] {
                for (QueuedExperiment& q : self->m_queue)
                    if (q.name == experiment)
                        q.waitingFor = holder;
                Q_EMIT self->waitingForAnotherProcess(experiment, holder);
                Q_EMIT self->progressChanged();
            },
            Qt::QueuedConnection);
    };
    // The runner says when it has ended: no thread polls for it.
    callbacks.ended = [self] {
        QMetaObject::invokeMethod(
            self, [self] { self->onRunnerEnded(); }, Qt::QueuedConnection);
    };
    return callbacks;
}

void SweepController::onRunnerEnded()
{
    if (!m_runner || !m_active)
        return;
    m_runner->wait(); // its workers are returning: join them
    const bool failed = m_runner->outcome() == SweepRunner::Outcome::Failed;
    finish(!failed && m_runner->isCancelled(), failed ? m_runner->problem() : QString());
}

void SweepController::finish(bool cancelled, const QString& problem)
{
    m_active = false;
    // Seeds still running were stopped (cancelled, or their group failed): they end unfinished, so
    // the views drop them (the curves showed them as training until a restart, and in the report).
    const auto stopped = std::exchange(m_running, {});
    for (const auto& [seed, running] : stopped)
        Q_EMIT seedEnded(running.experiment, seed, false, false);
    if (!problem.isEmpty())
        Q_EMIT sweepFailed(problem);
    Q_EMIT progressChanged();
    Q_EMIT sweepEnded(cancelled);
}

void SweepController::pause()
{
    if (!m_pauseRequested && m_clock.isValid())
        m_pausedSinceMs = m_clock.elapsed();
    m_pauseRequested = true;
    if (m_runner)
        m_runner->pause();
    Q_EMIT progressChanged();
}

void SweepController::resume()
{
    if (m_pausedSinceMs >= 0 && m_clock.isValid())
        m_pausedMs += m_clock.elapsed() - std::exchange(m_pausedSinceMs, -1);
    m_pauseRequested = false;
    if (m_runner)
        m_runner->resume();
    Q_EMIT progressChanged();
}

void SweepController::cancel()
{
    m_cancelRequested = true;
    if (m_runner)
        m_runner->cancel();
}

double SweepController::activeSeconds() const
{
    const qint64 now = m_clock.elapsed();
    return (now - m_pausedMs - (m_pausedSinceMs >= 0 ? now - m_pausedSinceMs : 0)) / 1000.0;
}

double SweepController::secondsLeft() const
{
    const double unknown = std::numeric_limits<double>::quiet_NaN();
    if (!m_clock.isValid())
        return unknown;
    // From the running seeds' pace: a batched group's seeds all end together, so no seed ends to
    // extrapolate from until the group is done (the window said nothing about time for the whole
    // sweep of one group). Seeds train side by side: the slowest sets the time.
    const double now = activeSeconds();
    double runningLeft = unknown, seedSeconds = unknown;
    for (const auto& [seed, r] : m_running) {
        const int done = r.epoch - r.firstEpoch;
        if (r.epochs <= 0 || r.firstEpoch < 0 || done <= 0)
            continue;
        const double perEpoch = (now - r.firstEpochAt) / done;
        runningLeft = std::fmax(runningLeft, perEpoch * (r.epochs - r.epoch));
        seedSeconds = std::fmax(seedSeconds, perEpoch * r.epochs);
    }
    const int waiting = std::max(0, m_wanted - m_finished - static_cast<int>(m_running.size()));
    if (std::isfinite(runningLeft))
        return runningLeft +
               std::ceil(static_cast<double>(waiting) / std::max<size_t>(1, m_running.size())) * seedSeconds;
    if (m_endedThisSweep == 0)
        return unknown;
    return now / m_endedThisSweep * std::max(0, m_wanted - m_finished);
}

} // namespace seedscape
