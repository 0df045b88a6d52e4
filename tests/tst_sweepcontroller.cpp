// SweepController: sweeps for the window, reported by queued signals only; data read off the GUI
// thread; a sweep stopped by a problem says so instead of ending as cancelled.
#include "runqueueview.h"
#include "store/experimentlock.h"
#include "store/resultstore.h"
#include "store/workspace.h"
#include "support/experimentbuilder.h"
#include "support/tempworkspace.h"
#include "sweepcontroller.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

Experiment quick(const QString& name, int epochs, int seeds)
{
    return ExperimentBuilder(name)
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({8})
        .epochs(epochs)
        .seeds(seeds);
}

} // namespace

class TestSweepController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void trainsEveryExperimentAndReportsEachSeed();
    void secondStartIsRefusedWhileRunning();
    void unreadableDataFailsTheSweepWithTheFile();
    void unwritableResultsFolderIsAFailureNotACancel();
    void cancelEndsAsCancelledAndKeepsFinishedSeeds();
    void cancelWhileReadingDataStartsNothing();
    void aCancelledSeedContinuesFromItsCheckpoint();
    void pauseBeforeTheRunnerStartsHoldsIt();
    void waitingForAnotherProcessIsSaid();
};

void TestSweepController::trainsEveryExperimentAndReportsEachSeed()
{
    TempWorkspace ws;
    const Workspace workspace(ws.path());
    SweepController sweeps;
    QSignalSpy seeds(&sweeps, &SweepController::seedEnded);
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QSignalSpy failed(&sweeps, &SweepController::sweepFailed);
    QSignalSpy progress(&sweeps, &SweepController::progressChanged);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("a"), 3, 2), quick(QStringLiteral("b"), 3, 3)}));
    QVERIFY(sweeps.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
    QCOMPARE(ended.front().front().toBool(), false);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(seeds.size(), 5);
    for (const QList<QVariant>& s : seeds)
        QVERIFY(s.at(2).toBool()); // finished
    QVERIFY(progress.size() >= 5);
    QVERIFY(!sweeps.isRunning());
    QCOMPARE(sweeps.finishedSeeds(), 5);
    QCOMPARE(sweeps.wantedSeeds(), 5);
    QVERIFY(sweeps.runningSeeds().empty());
    QCOMPARE(sweeps.queue().size(), size_t(2));
    QCOMPARE(sweeps.queue()[1].name, QStringLiteral("b"));
    QCOMPARE(sweeps.queue()[1].finished, 3);
    QCOMPARE(ResultStore(workspace.resultsFolder(QStringLiteral("a"))).finishedCount(), 2);
    QCOMPARE(ResultStore(workspace.resultsFolder(QStringLiteral("b"))).finishedCount(), 3);
    QVERIFY(!std::isnan(sweeps.secondsLeft()));
}

void TestSweepController::secondStartIsRefusedWhileRunning()
{
    TempWorkspace ws;
    SweepController sweeps;
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("a"), 5000, 2)}));
    QString error;
    QVERIFY(!sweeps.start(ws.path(), {quick(QStringLiteral("b"), 3, 1)}, &error));
    QVERIFY(error.contains(QStringLiteral("already running")));
    sweeps.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
    QVERIFY(!QDir(Workspace(ws.path()).resultsFolder(QStringLiteral("b"))).exists());
    // Once ended, the next sweep may start.
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("b"), 2, 1)}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 60000);
    QCOMPARE(ResultStore(Workspace(ws.path()).resultsFolder(QStringLiteral("b"))).finishedCount(), 1);
}

void TestSweepController::unreadableDataFailsTheSweepWithTheFile()
{
    TempWorkspace ws;
    Experiment missing = quick(QStringLiteral("m"), 3, 2);
    missing.dataset.path = ws.beside(QStringLiteral("no-such-data.csv"));
    SweepController sweeps;
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QSignalSpy failed(&sweeps, &SweepController::sweepFailed);
    QSignalSpy seeds(&sweeps, &SweepController::seedEnded);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("a"), 2, 1), missing}));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
    QCOMPARE(failed.size(), 1);
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("no-such-data.csv")), qPrintable(message));
    QCOMPARE(ended.front().front().toBool(), false); // not cancelled by the user
    QCOMPARE(seeds.size(), 0);                       // nothing trained: the sweep never started
    QVERIFY(!sweeps.isRunning());
}

void TestSweepController::unwritableResultsFolderIsAFailureNotACancel()
{
    TempWorkspace ws;
    const Workspace workspace(ws.path());
    // A file where the experiment's results folder would be.
    QVERIFY(QDir().mkpath(ws.path() + QStringLiteral("/results")));
    QFile blocker(workspace.resultsFolder(QStringLiteral("a")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    SweepController sweeps;
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QSignalSpy failed(&sweeps, &SweepController::sweepFailed);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("a"), 2, 1)}));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.front().front().toString().contains(workspace.resultsFolder(QStringLiteral("a"))),
             qPrintable(failed.front().front().toString()));
    QCOMPARE(ended.front().front().toBool(), false);
}

void TestSweepController::cancelEndsAsCancelledAndKeepsFinishedSeeds()
{
    TempWorkspace ws;
    SweepController sweeps;
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QSignalSpy failed(&sweeps, &SweepController::sweepFailed);
    QSignalSpy seeds(&sweeps, &SweepController::seedEnded);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("long"), 5000, 2)}));
    QTRY_VERIFY_WITH_TIMEOUT(
        !sweeps.runningSeeds().empty() && sweeps.runningSeeds().begin()->second.epoch > 3, 30000);
    // No seed has ended (one batched group ends all at once), yet the time left is known from the
    // epochs' pace: thousands of epochs to go take longer than the few done so far.
    QVERIFY(seeds.isEmpty());
    const double left = sweeps.secondsLeft();
    QVERIFY2(std::isfinite(left) && left > 0, qPrintable(QString::number(left)));
    sweeps.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
    QCOMPARE(ended.front().front().toBool(), true);
    QCOMPARE(failed.size(), 0);
    // Each stopped seed ends, unfinished, so no view keeps it as training.
    QCOMPARE(seeds.size(), 2);
    for (const QList<QVariant>& s : seeds)
        QVERIFY(!s.at(2).toBool());
    QVERIFY(sweeps.runningSeeds().empty());
    QCOMPARE(ResultStore(Workspace(ws.path()).resultsFolder(QStringLiteral("long"))).finishedCount(), 0);
}

void TestSweepController::aCancelledSeedContinuesFromItsCheckpoint()
{
    TempWorkspace ws;
    SweepController sweeps;
    QCOMPARE(SweepController::kCheckpointInterval, std::chrono::milliseconds(10000));
    sweeps.setCheckpointInterval(std::chrono::milliseconds(0)); // a checkpoint at every epoch's end
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QSignalSpy resumed(&sweeps, &SweepController::seedsResumed);
    QSignalSpy epochs(&sweeps, &SweepController::epochEnded);
    const Experiment slow = quick(QStringLiteral("slow"), 3000, 1);
    QVERIFY(sweeps.start(ws.path(), {slow}));
    QTRY_VERIFY_WITH_TIMEOUT(
        !sweeps.runningSeeds().empty() && sweeps.runningSeeds().begin()->second.epoch > 5, 30000);
    sweeps.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
    QCOMPARE(resumed.size(), 0);
    int reached = 0;
    for (const QList<QVariant>& e : epochs)
        reached = std::max(reached, e.at(2).toInt());
    QVERIFY(reached > 5);
    const QString checkpoints =
        Workspace(ws.path()).resultsFolder(QStringLiteral("slow")) + QStringLiteral("/checkpoints");
    QCOMPARE(QDir(checkpoints).entryList({QStringLiteral("*.ckpt")}, QDir::Files).size(), 1);

    // Started again, the seed goes on from the epoch it had reached, not from the first.
    epochs.clear();
    QVERIFY(sweeps.start(ws.path(), {slow}));
    QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, 30000);
    QCOMPARE(resumed.front().front().toInt(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!epochs.isEmpty(), 30000);
    QVERIFY2(epochs.front().at(2).toInt() >= reached,
             qPrintable(QStringLiteral("resumed at epoch %1 after reaching %2")
                            .arg(epochs.front().at(2).toInt())
                            .arg(reached)));
    sweeps.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 30000);
}

void TestSweepController::cancelWhileReadingDataStartsNothing()
{
    TempWorkspace ws;
    SweepController sweeps;
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QSignalSpy progress(&sweeps, &SweepController::progressChanged);
    QSignalSpy seeds(&sweeps, &SweepController::seedEnded);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("a"), 3, 2)}));
    sweeps.cancel(); // before the data has been read (the reading thread reports by a queued call)
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
    QCOMPARE(ended.front().front().toBool(), true);
    QCOMPARE(seeds.size(), 0);
    QCOMPARE(ResultStore(Workspace(ws.path()).resultsFolder(QStringLiteral("a"))).finishedCount(), 0);
}

void TestSweepController::pauseBeforeTheRunnerStartsHoldsIt()
{
    TempWorkspace ws;
    SweepController sweeps;
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QSignalSpy seeds(&sweeps, &SweepController::seedEnded);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("a"), 2, 1)}));
    sweeps.pause();
    QVERIFY(sweeps.isPaused());
    // Paused before its first step: the seed starts but takes no step until resumed (unpaused, its
    // two epochs would end within the wait).
    QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(sweeps.runningSeeds().size()), 1, 30000);
    QTest::qWait(500);
    QCOMPARE(sweeps.runningSeeds().begin()->second.epoch, 0);
    QCOMPARE(seeds.size(), 0);
    sweeps.resume();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
    QCOMPARE(seeds.size(), 1);
    QCOMPARE(ended.front().front().toBool(), false);
}

void TestSweepController::waitingForAnotherProcessIsSaid()
{
    // A seedscape-cli run (here: this test) holds the experiment's lock: the window's sweep waits,
    // and says for whom, instead of showing "0 seeds training" and nothing moving.
    TempWorkspace ws;
    const QString results = Workspace(ws.path()).resultsFolder(QStringLiteral("a"));
    QVERIFY(QDir().mkpath(results));
    ExperimentLock other(results);
    QVERIFY(other.tryLock());
    SweepController sweeps;
    QSignalSpy waiting(&sweeps, &SweepController::waitingForAnotherProcess);
    QSignalSpy ended(&sweeps, &SweepController::sweepEnded);
    QVERIFY(sweeps.start(ws.path(), {quick(QStringLiteral("a"), 2, 2)}));
    QTRY_COMPARE_WITH_TIMEOUT(waiting.size(), 1, 30000);
    QCOMPARE(waiting.front().at(0).toString(), QStringLiteral("a"));
    const QString holder = QStringLiteral("pid %1 on ").arg(QCoreApplication::applicationPid());
    QVERIFY2(waiting.front().at(1).toString().startsWith(holder),
             qPrintable(waiting.front().at(1).toString()));
    QVERIFY(sweeps.queue().front().waitingFor.startsWith(holder));
    RunQueueView runs;
    runs.update(sweeps);
    QVERIFY2(runs.experimentBar(QStringLiteral("a"))
                 ->text.startsWith(QStringLiteral("0 of 2 seeds · waiting for pid ")),
             qPrintable(runs.experimentBar(QStringLiteral("a"))->text));
    QVERIFY(sweeps.runningSeeds().empty());

    // The other process stops: this sweep takes over and trains the seeds, and no longer waits.
    other.unlock();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
    QCOMPARE(ResultStore(results).finishedCount(), 2);
    QVERIFY(sweeps.queue().front().waitingFor.isEmpty());
    runs.update(sweeps);
    QCOMPARE(runs.experimentBar(QStringLiteral("a"))->text, QStringLiteral("2 of 2 seeds"));
}

QTEST_MAIN(TestSweepController)
#include "tst_sweepcontroller.moc"
