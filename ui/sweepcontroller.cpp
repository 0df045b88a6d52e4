#include "sweepcontroller.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "data/preparedata.h"
#include "store/resultstore.h"
#include "store/workspace.h"
#include "sweep/sweeprunner.h"

#include <QPointer>
#include <QThread>

#include <cmath>
#include <limits>

namespace seedscape {

SweepController::SweepController(QObject* parent) : QObject(parent) {}

SweepController::~SweepController()
{
    if (m_runner)
        m_runner->cancel();
    stopWatcher();
}

void SweepController::stopWatcher()
{
    // The watcher returns once the workers have ended; only then may the runner go.
    if (m_watcher) {
        m_watcher->wait();
        delete m_watcher;
        m_watcher = nullptr;
    }
    if (m_runner)
        m_runner->wait();
}

bool SweepController::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

bool SweepController::isPaused() const
{
    return m_runner && m_runner->isPaused();
}

bool SweepController::start(const QString& workspaceFolder, const std::vector<Experiment>& experiments,
                            QString* error)
{
    if (isRunning()) {
        if (error)
            *error = tr("A sweep is already running.");
        return false;
    }
    stopWatcher();

    // Worker threads call these; each hops to this object's thread before touching any state.
    QPointer<SweepController> self(this);
    SweepCallbacks callbacks;
    callbacks.seedStarted = [self](const QString& experiment, quint64 seed) {
        QMetaObject::invokeMethod(
            self,
            [self, experiment, seed] {
                if (self) {
                    self->m_running[seed] = {experiment, seed, 0, 0};
                    Q_EMIT self->progressChanged();
                }
            },
            Qt::QueuedConnection);
    };
    callbacks.epochFinished = [self](const QString& experiment, const EpochProgress& p) {
        QMetaObject::invokeMethod(
            self,
            [self, experiment, p] {
                if (self) {
                    self->m_running[p.seed] = {experiment, p.seed, p.epoch, p.epochs};
                    Q_EMIT self->progressChanged();
                }
            },
            Qt::QueuedConnection);
    };
    callbacks.seedEnded = [self](const QString& experiment, const SeedResult& r) {
        const bool finished = r.isFinished();
        const quint64 seed = r.seed;
        QMetaObject::invokeMethod(
            self,
            [self, experiment, seed, finished] {
                if (!self)
                    return;
                self->m_running.erase(seed);
                ++self->m_endedThisSweep;
                if (finished) {
                    ++self->m_finished;
                    for (QueuedExperiment& q : self->m_queue)
                        if (q.name == experiment)
                            ++q.finished;
                }
                Q_EMIT self->seedEnded(experiment, seed, finished);
                Q_EMIT self->progressChanged();
            },
            Qt::QueuedConnection);
    };

    auto runner = std::make_unique<SweepRunner>(callbacks);
    int finished = 0, wanted = 0;
    std::vector<QueuedExperiment> queue;
    try {
        const Workspace workspace(workspaceFolder);
        for (const Experiment& e : experiments) {
            auto data = std::make_shared<const PreparedData>(
                PreparedData::prepare(workspace.datasetPath(e), e.dataset));
            const QString results = workspace.resultsFolder(e.name);
            const int stored = std::min(ResultStore(results).finishedCount(), e.seeds.count);
            finished += stored;
            wanted += e.seeds.count;
            queue.push_back({e.name, stored, e.seeds.count});
            runner->add({e, std::move(data), results, e.seeds.count});
        }
    } catch (const InputError& e) {
        if (error)
            *error = e.message();
        return false;
    } catch (const StorageError& e) {
        if (error)
            *error = e.message();
        return false;
    }
    m_runner = std::move(runner);
    m_running.clear();
    m_finished = finished;
    m_queue = std::move(queue);
    m_wanted = wanted;
    m_endedThisSweep = 0;
    m_clock.start();
    m_runner->start(SweepRunner::defaultJobs());
    // A watcher thread turns "all workers ended" into a queued signal.
    m_watcher = QThread::create([this, runner = m_runner.get()] {
        while (!runner->waitFor(200)) {
        }
        QMetaObject::invokeMethod(this, &SweepController::onEnded, Qt::QueuedConnection);
    });
    m_watcher->start();
    Q_EMIT progressChanged();
    return true;
}

void SweepController::onEnded()
{
    m_running.clear();
    Q_EMIT progressChanged();
    Q_EMIT sweepEnded(m_runner && m_runner->isCancelled());
}

void SweepController::pause()
{
    if (m_runner)
        m_runner->pause();
    Q_EMIT progressChanged();
}

void SweepController::resume()
{
    if (m_runner)
        m_runner->resume();
    Q_EMIT progressChanged();
}

void SweepController::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

double SweepController::secondsLeft() const
{
    if (m_endedThisSweep == 0 || !m_clock.isValid())
        return std::numeric_limits<double>::quiet_NaN();
    const double perSeed = m_clock.elapsed() / 1000.0 / m_endedThisSweep;
    return perSeed * std::max(0, m_wanted - m_finished);
}

} // namespace seedscape
