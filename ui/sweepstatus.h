#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;
class QTimer;

namespace seedscape {

class ExperimentTableModel;
class ProgressStrip;
class RunQueueView;
class SweepController;

// What the window shows of a sweep: progress and time left in the status bar (redrawn at most
// every 40 ms, however fast epochs end), each seed in the Runs dock, the running experiments in
// the table, the run actions' states, and how the sweep ended. The Runs dock shows itself when a
// sweep starts and hides itself once nothing runs here or on Slurm; the View menu shows it on demand.
class SweepStatus : public QObject
{
    Q_OBJECT

public:
    SweepStatus(SweepController* sweeps, ExperimentTableModel* experiments, QMainWindow* window);

    // Run and Run all are enabled between sweeps, Pause (or Resume) and Cancel during one; after a
    // cancelled sweep the pause action reads Run again.
    void setActions(QAction* run, QAction* runAll, QAction* pause, QAction* cancel);
    RunQueueView* runQueue() const { return m_runQueue; }
    QDockWidget* runsDock() const { return m_dock; }
    void update();   // now, not at the next tick
    void showRuns(); // the Runs dock, for Slurm jobs that are on their way
    // Whether Slurm jobs of the workspace are pending or running: when the last one ends and no
    // sweep runs, the dock hides.
    void setSlurmActive(bool active);
    bool canRunAgain() const { return m_canRunAgain; } // the last sweep was cancelled
    void forgetRunAgain(); // another workspace: nothing to run again, no sweep's end to speak of
    void hideRunsIfIdle();
    // The workspace's finished seeds, counted at each refresh. Seeds stored between sweeps came from
    // outside this window (the command line, Slurm, an import): the last sweep's word then says so,
    // or it would read as the workspace's state.
    void seedsCounted(int finished);
    // What Cancel asks, saying what the running seeds keep: built-in models their checkpoints,
    // the user's programs nothing.
    static QString cancelQuestion(int builtIn, int programs);
    // The status bar's word on a sweep's end, counting its seeds that finished (of those, warned:
    // with warnings) and failed.
    static QString endedMessage(bool cancelled, int finished, int failed, int warned = 0);

private:
    void sweepEnded(bool cancelled);
    void hideRunsShownForRuns(); // the dock, if a sweep or Slurm showed it and nothing runs now

    SweepController* m_sweeps;
    ExperimentTableModel* m_experiments;
    QMainWindow* m_window;
    ProgressStrip* m_progress;
    QLabel* m_label;
    RunQueueView* m_runQueue;
    QDockWidget* m_dock;
    QTimer* m_timer; // epochs end by the hundred a second: redraw progress at most every 40 ms
    QAction* m_run = nullptr;
    QAction* m_runAll = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_cancel = nullptr;
    QString m_problem;        // why the running sweep stopped, once it said so
    QString m_endedMessage;   // the last sweep's word in the status bar
    int m_seedsSinceEnd = -1; // the workspace's finished seeds when it ended; -1 until counted
    int m_seedsFinished = 0, m_seedsFailed = 0, m_seedsWarned = 0; // in the running sweep, for its last word
    bool m_shownForRuns = false; // the dock was shown by a run, not by the user
    bool m_wasRunning = false;
    bool m_slurmActive = false;
    bool m_canRunAgain = false;
};

} // namespace seedscape
