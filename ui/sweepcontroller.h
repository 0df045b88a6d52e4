#pragma once

#include "experiment/experiment.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <vector>

class QThread;

namespace seedscape {

class SweepRunner;
struct SweepCallbacks;

// Runs seed sweeps for the window: reads the experiments' data on a thread of its own, then owns a
// SweepRunner whose worker threads report through queued signals only, so the window never reads
// a file, waits on training or touches the workers' threads.
class SweepController : public QObject
{
    Q_OBJECT

public:
    struct RunningSeed
    {
        QString experiment;
        quint64 seed = 0;
        // epochs 0 after an epoch: a command experiment's program that has not said how many it runs.
        int epoch = 0, epochs = 0;
        bool program = false; // a command experiment's seed: the user's program runs it
        // Its first epoch reported, and when (seconds of the sweep's unpaused time): its pace.
        int firstEpoch = -1;
        double firstEpochAt = 0;
    };

    // An experiment of the sweep: its finished seeds (stored before the sweep included) of wanted.
    struct QueuedExperiment
    {
        QString name;
        int finished = 0, wanted = 0;
        // Set while another process (a seedscape-cli run, a Slurm task, another window) trains it:
        // "pid 12 on host". The sweep takes over the seeds still missing when that one stops.
        QString waitingFor;
    };

    explicit SweepController(QObject* parent = nullptr);
    ~SweepController() override; // cancels and waits for the workers

    // Starts training the experiments until each has its seeds.count finished seeds: their data is
    // read first, off the GUI thread. Returns false (with the reason in error) when a sweep is
    // already running; data that cannot be read, or a results folder that cannot be written, ends
    // the sweep with sweepFailed and sweepEnded.
    bool start(const QString& workspaceFolder, const std::vector<Experiment>& experiments,
               QString* error = nullptr);
    void pause();
    void resume();
    // Stops every running seed before its next step. Finished seeds are stored; a running one
    // continues from its last checkpoint (saved every setCheckpointInterval, kCheckpointInterval
    // unless set) when the sweep starts again.
    void cancel();
    // How often running seeds save a checkpoint, at epoch boundaries; for the next start().
    void setCheckpointInterval(std::chrono::milliseconds interval) { m_checkpointInterval = interval; }
    static constexpr std::chrono::milliseconds kCheckpointInterval{10000};

    bool isRunning() const; // from start() until sweepEnded
    bool isPaused() const;
    // Between start() and the runner's start: the experiments' data and stored seeds are being read.
    bool isPreparing() const { return m_preparer != nullptr; }
    int finishedSeeds() const { return m_finished; }
    int wantedSeeds() const { return m_wanted; }
    const std::map<quint64, RunningSeed>& runningSeeds() const { return m_running; }
    // The experiments of the current (or last) sweep, in the order given.
    const std::vector<QueuedExperiment>& queue() const { return m_queue; }
    // Whether the running sweep trains this experiment (also while its data is still being read).
    bool involves(const QString& experiment) const { return m_active && m_names.contains(experiment); }
    // Seconds left at the pace so far: the running seeds' time per epoch (time paused left out), else
    // the time per ended seed; NaN before either is known.
    double secondsLeft() const;

Q_SIGNALS:
    void progressChanged(); // a seed started, an epoch ended, or a seed ended
    // A running seed's epoch (1-based) ended with this validation score (NaN: its program gave none)
    // and test score (NaN: its engine gives none; command experiments).
    void epochEnded(const QString& experiment, quint64 seed, int epoch, double validationScore,
                    double testScore);
    // warned: finished with warnings (what was ignored of its program's output; SeedResult::warnings)
    void seedEnded(const QString& experiment, quint64 seed, bool finished, bool warned);
    // The sweep stopped because of a problem, not by the user: what went wrong, naming the file.
    void sweepFailed(const QString& message);
    void sweepEnded(bool cancelled); // cancelled: by cancel(); after sweepFailed: false
    // The sweep continues seeds a cancelled or killed sweep left: this many, from their checkpoints.
    void seedsResumed(int seeds);
    // Another process holds the experiment: this sweep waits for it (QueuedExperiment::waitingFor).
    void waitingForAnotherProcess(const QString& experiment, const QString& holder);

private:
    struct Prepared; // what the preparing thread hands over: a runner with its experiments added

    void prepare(const QString& workspaceFolder, const std::vector<Experiment>& experiments);
    void startPrepared(const std::shared_ptr<Prepared>& prepared);
    void finish(bool cancelled, const QString& problem);
    void onRunnerEnded();
    void waitForThreads();
    SweepCallbacks makeCallbacks();

    std::unique_ptr<SweepRunner> m_runner;
    std::chrono::milliseconds m_checkpointInterval = kCheckpointInterval;
    QThread* m_preparer = nullptr; // reads the data; the window never does
    std::atomic<bool> m_cancelRequested{false};
    bool m_pauseRequested = false;
    bool m_active = false; // from start() until sweepEnded
    std::map<quint64, RunningSeed> m_running;
    std::vector<QueuedExperiment> m_queue;
    QSet<QString> m_names;        // of the experiments given to start()
    std::set<QString> m_programs; // the command experiments of the sweep
    int m_finished = 0, m_wanted = 0, m_endedThisSweep = 0;
    QElapsedTimer m_clock;
    qint64 m_pausedMs = 0, m_pausedSinceMs = -1; // time paused, left out of every pace

    double activeSeconds() const; // since the start, paused time left out
};

} // namespace seedscape
