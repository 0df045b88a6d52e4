#include "sweepstatus.h"

#include "experimenttablemodel.h"
#include "progressstrip.h"
#include "runqueueview.h"
#include "sweepcontroller.h"

#include "common/countednoun.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <utility>

namespace seedscape {

namespace {

constexpr int kProgressIntervalMs = 40;

// "45 s", "14 min", "2.5 h": an estimate, so no false precision.
QString durationText(double seconds)
{
    if (seconds < 90)
        return SweepStatus::tr("%1 s").arg(std::lround(seconds));
    if (seconds < 90 * 60)
        return SweepStatus::tr("%1 min").arg(std::lround(seconds / 60));
    return SweepStatus::tr("%1 h").arg(QString::number(seconds / 3600, 'f', 1));
}

} // namespace

SweepStatus::SweepStatus(SweepController* sweeps, ExperimentTableModel* experiments, QMainWindow* window)
    : QObject(window), m_sweeps(sweeps), m_experiments(experiments), m_window(window),
      m_progress(new ProgressStrip), m_label(new QLabel), m_runQueue(new RunQueueView),
      m_dock(new QDockWidget(tr("Runs"), window)), m_timer(new QTimer(this))
{
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    m_label->setObjectName(QStringLiteral("sweepLabel"));
    // A fixed width: a label whose size follows its text asks the whole window to lay itself out
    // again on every update, and that costs more than all the plots.
    m_label->setFixedWidth(m_label->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 36);
    window->statusBar()->addPermanentWidget(m_label);
    window->statusBar()->addPermanentWidget(m_progress);
    m_timer->setObjectName(QStringLiteral("progressTimer"));
    m_timer->setSingleShot(true);
    m_timer->setInterval(kProgressIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &SweepStatus::update);
    connect(m_sweeps, &SweepController::progressChanged, this, [this] {
        if (m_sweeps->isRunning() != m_wasRunning)
            update(); // a sweep's start and end are said at once; its progress at the timer's pace
        else if (!m_timer->isActive())
            m_timer->start();
    });
    m_dock->setObjectName(QStringLiteral("runsDock"));
    m_dock->setWidget(m_runQueue);
    m_runQueue->setMinimumWidth(420); // seeds are 20-digit numbers, and the bars need room beside them
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    // View → Runs panel is the user's choice: a sweep's end leaves the dock as they set it.
    connect(m_dock->toggleViewAction(), &QAction::triggered, this, [this] { m_shownForRuns = false; });
    connect(m_sweeps, &SweepController::sweepFailed, this, [this](const QString& message) {
        m_problem = message;
        m_window->statusBar()->showMessage(tr("Sweep stopped: %1").arg(message));
        m_runQueue->setProblem(tr("Sweep stopped: %1").arg(message));
    });
    connect(m_sweeps, &SweepController::seedEnded, this,
            [this](const QString&, quint64, bool finished, bool warned) {
                ++(finished ? m_seedsFinished : m_seedsFailed);
                m_seedsWarned += warned ? 1 : 0;
            });
    connect(m_sweeps, &SweepController::sweepEnded, this, &SweepStatus::sweepEnded);
    // Without a word the sweep would look stuck: "0 seeds training" and nothing moving.
    connect(m_sweeps, &SweepController::waitingForAnotherProcess, this,
            [this](const QString& experiment, const QString& holder) {
                m_window->statusBar()->showMessage(
                    tr("Waiting: another process (%1) trains %2; this sweep trains its missing seeds once "
                       "that one stops.")
                        .arg(holder, experiment));
            });
}

QString SweepStatus::endedMessage(bool cancelled, int finished, int failed, int warned)
{
    if (cancelled)
        return tr("Sweep cancelled; every finished seed is kept.");
    // "Finished" after nothing but failures would read as success.
    if (failed > 0 && finished == 0)
        return failed == 1 ? tr("Sweep ended: its seed failed; the Seeds tab says why.")
                           : tr("Sweep ended: all %1 seeds failed; the Seeds tab says why.").arg(failed);
    // Seeds that stand although part of their program's output was ignored: said, or a broken
    // progress line would only show as learning curves that never came.
    const QString withWarnings = warned > 0 ? tr(", %1 with warnings").arg(warned) : QString();
    if (failed > 0)
        return tr("Sweep finished: %1 trained%3, %2 failed; the Seeds tab says why.")
            .arg(countedNoun(finished, tr("seed")), QString::number(failed), withWarnings);
    if (warned > 0)
        return tr("Sweep finished: %1 trained%2; the Seeds tab says what was ignored.")
            .arg(countedNoun(finished, tr("seed")), withWarnings);
    return finished > 0 ? tr("Sweep finished: %1 trained.").arg(countedNoun(finished, tr("seed")))
                        : tr("Sweep finished.");
}

void SweepStatus::setActions(QAction* run, QAction* runAll, QAction* pause, QAction* cancel)
{
    m_run = run;
    m_runAll = runAll;
    m_pause = pause;
    m_cancel = cancel;
    update();
}

void SweepStatus::showRuns()
{
    if (m_dock->isHidden()) {
        m_dock->show();
        m_shownForRuns = true; // hidden again when they end, unless the user chose to see it
    }
}

void SweepStatus::setSlurmActive(bool active)
{
    if (std::exchange(m_slurmActive, active) && !active)
        hideRunsShownForRuns();
}

void SweepStatus::forgetRunAgain()
{
    m_canRunAgain = false;
    m_endedMessage.clear(); // its seeds are another workspace's
    update();
}

void SweepStatus::hideRunsIfIdle()
{
    if (!m_sweeps->isRunning() && !m_slurmActive) {
        m_dock->hide();
        m_shownForRuns = false;
    }
}

void SweepStatus::hideRunsShownForRuns()
{
    if (m_shownForRuns)
        hideRunsIfIdle();
}

QString SweepStatus::cancelQuestion(int builtIn, int programs)
{
    const int seconds = static_cast<int>(SweepController::kCheckpointInterval.count() / 1000);
    QStringList consequences;
    if (builtIn == 1)
        consequences << tr("the seed of a built-in model keeps its last checkpoint (saved every %1 "
                           "seconds), and Run again continues it from there")
                            .arg(seconds);
    else if (builtIn > 1)
        consequences << tr("the %2 seeds of built-in models keep their last checkpoints (saved every %1 "
                           "seconds), and Run again continues them from there")
                            .arg(seconds)
                            .arg(builtIn);
    if (programs > 0)
        consequences << (programs == 1 ? tr("the program of your own running seed is stopped, and its "
                                            "training so far is lost")
                                       : tr("the programs of your %1 own running seeds are stopped, and "
                                            "their training so far is lost")
                                             .arg(programs));
    const QString question = builtIn + programs == 1
                                 ? tr("End the seed training now?")
                                 : tr("End the %1 seeds training now?").arg(builtIn + programs);
    return tr("%1 Every finished seed is kept; %2.").arg(question, consequences.join(tr("; ")));
}

void SweepStatus::sweepEnded(bool cancelled)
{
    m_canRunAgain = cancelled;
    // A sweep that stopped on a problem has said so already; its end must not call it cancelled.
    // Its dock stays: the problem is written there to be read.
    if (std::exchange(m_problem, QString()).isEmpty()) {
        m_endedMessage = endedMessage(cancelled, m_seedsFinished, m_seedsFailed, m_seedsWarned);
        m_window->statusBar()->showMessage(m_endedMessage);
        hideRunsShownForRuns();
    }
    m_seedsSinceEnd = -1; // the refresh that follows the end counts its seeds
    m_seedsFinished = m_seedsFailed = m_seedsWarned = 0;
    update();
}

void SweepStatus::seedsCounted(int finished)
{
    if (m_sweeps->isRunning() || m_endedMessage.isEmpty())
        return;
    if (m_seedsSinceEnd < 0 || finished < m_seedsSinceEnd) { // deleted ones are not news
        m_seedsSinceEnd = finished;
        return;
    }
    const QString current = m_window->statusBar()->currentMessage();
    if (finished == m_seedsSinceEnd || !current.startsWith(m_endedMessage))
        return; // nothing new, or another message took its place
    m_window->statusBar()->showMessage(
        m_endedMessage + QLatin1Char(' ') +
        (finished - m_seedsSinceEnd == 1
             ? tr("Since then, 1 more seed was stored from outside this window.")
             : tr("Since then, %1 more seeds were stored from outside this window.")
                   .arg(finished - m_seedsSinceEnd)));
}

void SweepStatus::update()
{
    const bool running = m_sweeps->isRunning();
    if (running)
        m_canRunAgain = false;
    QSet<QString> runningExperiments;
    for (const auto& [seed, r] : m_sweeps->runningSeeds())
        runningExperiments.insert(r.experiment);
    m_experiments->setRunning(runningExperiments, m_sweeps->isPaused());
    if (m_run) {
        m_run->setEnabled(!running);
        m_runAll->setEnabled(!running);
        // After a cancel, a disabled Resume would offer nothing: Run again trains the missing seeds.
        m_pause->setEnabled(running || m_canRunAgain);
        m_cancel->setEnabled(running);
        m_pause->setText(running ? (m_sweeps->isPaused() ? tr("Resume") : tr("Pause"))
                                 : (m_canRunAgain ? tr("Run again") : tr("Pause")));
    }
    m_progress->setVisible(running);
    m_runQueue->update(*m_sweeps);
    if (running && m_problem.isEmpty())
        m_runQueue->setProblem({}); // a new sweep: the last one's problem is history
    if (running && !m_wasRunning) {
        m_window->statusBar()->clearMessage(); // "Created …" or "Sweep cancelled" was about before
        m_endedMessage.clear();
    }
    m_wasRunning = running;
    if (running)
        showRuns();
    if (!running) {
        m_label->clear();
        return;
    }
    // Progress in seeds, with the running seeds' epochs counted as fractions of a seed. The Runs
    // dock shows each seed; the status bar only the whole.
    double done = m_sweeps->finishedSeeds();
    for (const auto& [seed, r] : m_sweeps->runningSeeds())
        if (r.epochs > 0)
            done += static_cast<double>(r.epoch) / r.epochs;
    // The fill counts running seeds' epochs too, the words finished seeds: both said, or "0 of 8 seeds" sat
    // on a half-full bar.
    if (m_sweeps->isPreparing()) { // the seeds to train are not counted yet: "0 of 0 seeds" misled
        m_progress->setProgress(0, 1, tr("reading the data…"));
        m_label->setText(tr("preparing the sweep"));
        return;
    }
    const int wanted = std::max(1, m_sweeps->wantedSeeds());
    m_progress->setProgress(static_cast<int>(done * 100), wanted * 100,
                            tr("%1% · %2 of %3 done")
                                .arg(static_cast<int>(done * 100 / wanted))
                                .arg(m_sweeps->finishedSeeds())
                                .arg(countedNoun(m_sweeps->wantedSeeds(), tr("seed"))));
    const double left = m_sweeps->secondsLeft();
    QString text =
        m_sweeps->isPaused()
            ? tr("paused")
            : tr("%1 training")
                  .arg(countedNoun(static_cast<qlonglong>(m_sweeps->runningSeeds().size()), tr("seed")));
    const auto waiting =
        std::count_if(m_sweeps->queue().begin(), m_sweeps->queue().end(),
                      [](const SweepController::QueuedExperiment& q) { return !q.waitingFor.isEmpty(); });
    // (The label is 36 characters wide: the Runs panel and the message say for whom it waits.)
    if (waiting > 0 && m_sweeps->runningSeeds().empty() && !m_sweeps->isPaused())
        text = tr("waiting for another process");
    else if (waiting > 0)
        text += tr(" · %n waiting", nullptr, static_cast<int>(waiting));
    if (std::isfinite(left) && !m_sweeps->isPaused())
        text += tr(" · about %1 left").arg(durationText(left));
    m_label->setText(text);
}

} // namespace seedscape
