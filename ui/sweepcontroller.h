#pragma once

#include "experiment/experiment.h"

#include <QElapsedTimer>
#include <QObject>

class QThread;

#include <map>
#include <memory>
#include <vector>

namespace seedscape {

class SweepRunner;

// Runs seed sweeps for the window: owns a SweepRunner whose worker threads report through
// queued signals only, so the window never waits on training and never touches its threads.
class SweepController : public QObject
{
    Q_OBJECT

public:
    struct RunningSeed
    {
        QString experiment;
        quint64 seed = 0;
        int epoch = 0, epochs = 0;
    };

    // An experiment of the sweep: its finished seeds (stored before the sweep included) of wanted.
    struct QueuedExperiment
    {
        QString name;
        int finished = 0, wanted = 0;
    };

    explicit SweepController(QObject* parent = nullptr);
    ~SweepController() override; // cancels and waits for the workers

    // Starts training the experiments until each has its seeds.count finished seeds. Returns false
    // (with the reason in error) when the data cannot be read or a sweep is already running.
    bool start(const QString& workspaceFolder, const std::vector<Experiment>& experiments,
               QString* error = nullptr);
    void pause();
    void resume();
    void cancel();

    bool isRunning() const;
    bool isPaused() const;
    int finishedSeeds() const { return m_finished; }
    int wantedSeeds() const { return m_wanted; }
    const std::map<quint64, RunningSeed>& runningSeeds() const { return m_running; }
    // The experiments of the current (or last) sweep, in the order given.
    const std::vector<QueuedExperiment>& queue() const { return m_queue; }
    // Seconds left at the pace so far (NaN before the first seed ends).
    double secondsLeft() const;

Q_SIGNALS:
    void progressChanged(); // a seed started, an epoch ended, or a seed ended
    void seedEnded(const QString& experiment, quint64 seed, bool finished);
    void sweepEnded(bool cancelled);

private:
    void onEnded();

    void stopWatcher();

    std::unique_ptr<SweepRunner> m_runner;
    QThread* m_watcher = nullptr; // waits for the workers and reports the end
    std::map<quint64, RunningSeed> m_running;
    std::vector<QueuedExperiment> m_queue;
    int m_finished = 0, m_wanted = 0, m_endedThisSweep = 0;
    QElapsedTimer m_clock;
};

} // namespace seedscape
