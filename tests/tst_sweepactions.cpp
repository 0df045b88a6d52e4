// The window's run controls around a sweep: the Runs panel shows itself while something runs and
// hides when nothing does; Cancel asks before ending seeds; after a cancel, Run again.
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "plot/learningcurveview.h"
#include "progressstrip.h"
#include "runqueueview.h"
#include "seedtablemodel.h"
#include "sweepcontroller.h"
#include "sweepstatus.h"

#include "support/experimentbuilder.h"

#include <QAction>
#include <QDockWidget>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestSweepActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void runsPanelFollowsTheSweep();
    void cancelAsksFirstThenOffersRunAgain();
    void theCancelQuestionGoesWhenTheSweepEndsOnItsOwn();
    void plotsFollowTheSelectionDuringASweep();

private:
    static QString quickWorkspace(const QTemporaryDir& dir, int epochs, int seeds);
};

QString TestSweepActions::quickWorkspace(const QTemporaryDir& dir, int epochs, int seeds)
{
    return quickDiabetesWorkspace(dir.filePath(QStringLiteral("ws")), epochs, seeds);
}

void TestSweepActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestSweepActions::init()
{
    // A text with a missing argument still reads right but hides a broken translation.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("^QString::arg")));
}

void TestSweepActions::runsPanelFollowsTheSweep()
{
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY(window.openWorkspace(quickWorkspace(dir, 3, 2)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QDockWidget* dock = window.runsDock();
    QVERIFY(!dock->isVisible()); // nothing runs
    QAction* toggle = window.findChild<QAction*>(QStringLiteral("showRunsPanel"));
    QVERIFY(toggle);
    toggle->trigger(); // View → Runs panel, on demand
    QVERIFY(dock->isVisible());
    toggle->trigger();
    QVERIFY(!dock->isVisible());

    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(-1));
    QVERIFY(dock->isVisible()); // a sweep shows it as it starts
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.first().at(0).toBool(), false);
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Sweep finished: 2 seeds trained."));
    QCOMPARE(SweepStatus::endedMessage(false, 1, 0), QStringLiteral("Sweep finished: 1 seed trained."));
    QCOMPARE(SweepStatus::endedMessage(false, 3, 2),
             QStringLiteral("Sweep finished: 3 seeds trained, 2 failed; the Seeds tab says why."));
    QCOMPARE(SweepStatus::endedMessage(false, 0, 1),
             QStringLiteral("Sweep ended: its seed failed; the Seeds tab says why."));
    QCOMPARE(SweepStatus::endedMessage(false, 3, 2, 1),
             QStringLiteral(
                 "Sweep finished: 3 seeds trained, 1 with warnings, 2 failed; the Seeds tab says why."));
    QCOMPARE(SweepStatus::endedMessage(false, 2, 0, 2),
             QStringLiteral(
                 "Sweep finished: 2 seeds trained, 2 with warnings; the Seeds tab says what was ignored."));
    QCOMPARE(SweepStatus::endedMessage(true, 3, 2),
             QStringLiteral("Sweep cancelled; every finished seed is kept."));
    QVERIFY(!dock->isVisible()); // and hides it once it is over

    // Shown by the user, it stays when the sweep ends (it hid itself).
    toggle->trigger();
    QVERIFY(dock->isVisible());
    QVERIFY(window.runExperiments(-1));
    QVERIFY(ended.wait(60000));
    QVERIFY(dock->isVisible());

    // Seeds stored from outside (here a second controller, as the command line would) do not leave
    // the sweep's word standing as if it were the workspace's state.
    SweepController outside;
    QSignalSpy outsideEnded(&outside, &SweepController::sweepEnded);
    QVERIFY(outside.start(dir.filePath(QStringLiteral("ws")),
                          {ExperimentBuilder(QStringLiteral("quick"))
                               .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
                               .hidden({16})
                               .epochs(3)
                               .seeds(3)}));
    QVERIFY(outsideEnded.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().endsWith(QStringLiteral(
                                 " Since then, 1 more seed was stored from outside this window.")),
                             20000);
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Sweep finished")),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestSweepActions::cancelAsksFirstThenOffersRunAgain()
{
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY(window.openWorkspace(quickWorkspace(dir, 100000, 3)));
    QStringList questions;
    bool answer = false;
    window.setCancelConfirmation([&](const QString& question) {
        questions << question;
        return answer;
    });
    QAction* pause = window.findChild<QAction*>(QStringLiteral("pauseAction"));
    QAction* cancel = window.findChild<QAction*>(QStringLiteral("cancelAction"));
    QVERIFY(pause && cancel);
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    QVERIFY(!pause->isEnabled());

    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(-1));
    // While the data is read no seed is counted yet: the bar says what happens, not "0 of 0 seeds".
    auto* progress = window.findChild<ProgressStrip*>(QStringLiteral("sweepProgress"));
    QVERIFY(window.sweeps()->isPreparing());
    QCOMPARE(progress->text(), QStringLiteral("reading the data…"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.sweeps()->runningSeeds().empty(), 30000);
    // The status bar's bar fills with epochs: its words say how far (the fill) and how many are done.
    const QRegularExpression pattern(QStringLiteral("^(\\d+)% · 0 of 3 seeds done$"));
    QTRY_VERIFY2(pattern.match(progress->text()).hasMatch(), qPrintable(progress->text()));
    const QRegularExpressionMatch words = pattern.match(progress->text());
    QVERIFY(std::abs(words.captured(1).toInt() - 100 * progress->value() / progress->maximum()) <= 1);
    cancel->trigger(); // answered No: the seeds go on
    QCOMPARE(questions.size(), 1);
    QVERIFY2(questions.first().contains(QStringLiteral("training")), qPrintable(questions.first()));
    // Built-in seeds lose nothing but the time since their last checkpoint, and the question says so.
    QVERIFY2(questions.first().contains(QStringLiteral("Run again continues")) &&
                 !questions.first().contains(QStringLiteral("lost")),
             qPrintable(questions.first()));
    // A program's seed has no checkpoint of Seedscape's: its work is lost, and that is said.
    const QString mixed = SweepStatus::cancelQuestion(1, 2);
    QVERIFY2(mixed.startsWith(QStringLiteral("End the 3 seeds training now?")), qPrintable(mixed));
    QVERIFY(mixed.contains(
        QStringLiteral("the seed of a built-in model keeps its last checkpoint (saved every 10 seconds)")));
    QVERIFY(mixed.contains(QStringLiteral("the programs of your 2 own running seeds are stopped, and their "
                                          "training so far is lost")));
    QTest::qWait(200);
    QVERIFY(window.sweeps()->isRunning());
    QVERIFY(ended.isEmpty());

    answer = true;
    cancel->trigger();
    QCOMPARE(questions.size(), 2);
    QVERIFY(ended.wait(30000));
    QCOMPARE(ended.first().at(0).toBool(), true);
    // Not a disabled Resume: Run again, for the same experiments.
    QCOMPARE(pause->text(), QStringLiteral("Run again"));
    QVERIFY(pause->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Sweep cancelled")));

    pause->trigger();
    QVERIFY(window.sweeps()->isRunning());
    QVERIFY2(window.statusBar()->currentMessage().isEmpty(), // the last sweep's word is history
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    QTRY_COMPARE(window.sweeps()->queue().size(), std::size_t{1}); // once its data is read
    QCOMPARE(window.sweeps()->queue().front().name, QStringLiteral("quick"));
    QCOMPARE(window.sweeps()->queue().front().wanted, 3);
    QTRY_VERIFY_WITH_TIMEOUT(!window.sweeps()->runningSeeds().empty(), 30000);
    cancel->trigger();
    QCOMPARE(questions.size(), 3);
    QVERIFY(ended.wait(30000));
}

// The question of a Cancel asked just before the sweep ended must not stay open over a finished sweep.
void TestSweepActions::theCancelQuestionGoesWhenTheSweepEndsOnItsOwn()
{
    QTemporaryDir dir;
    MainWindow window; // with its own question, a message box
    QVERIFY(window.openWorkspace(quickWorkspace(dir, 1500, 1)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction* cancel = window.findChild<QAction*>(QStringLiteral("cancelAction"));
    QVERIFY(cancel);
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(-1));
    QTRY_VERIFY_WITH_TIMEOUT(!window.sweeps()->runningSeeds().empty(), 30000);
    QString asked;
    QTimer::singleShot(50, [&asked] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            asked = box->text();
    });
    bool closedByTheTest = false; // the box outlived the sweep by a minute: answered No to go on
    QTimer::singleShot(60000, [&closedByTheTest] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            closedByTheTest = true;
            modal->close();
        }
    });
    cancel->trigger(); // returns when the box closes
    QVERIFY2(asked.startsWith(QStringLiteral("End the seed training now?")), qPrintable(asked));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().at(0).toBool(), false); // it ended on its own, not cancelled
    QVERIFY(!closedByTheTest);
}

void TestSweepActions::plotsFollowTheSelectionDuringASweep()
{
    QTemporaryDir dir;
    const QString folder = quickWorkspace(dir, 2, 2);
    ExperimentBuilder(QStringLiteral("slow"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({16})
        .epochs(100000)
        .seeds(2)
        .saveIn(folder);
    MainWindow window;
    QVERIFY(window.openWorkspace(folder));
    window.setCancelConfirmation([](const QString&) { return true; });
    window.selectExperiment(QStringLiteral("slow"));
    QVERIFY(window.runExperiments(-1));
    // While "slow" trains, "quick" ends: selecting it shows its seeds and curves, not slow's.
    QTRY_VERIFY_WITH_TIMEOUT(
        window.experimentModel()->statistics().count(QStringLiteral("quick")) &&
            window.experimentModel()->statistics().at(QStringLiteral("quick")).seedCount() == 2,
        60000);
    QVERIFY(window.sweeps()->isRunning());
    window.selectExperiment(QStringLiteral("quick"));
    QTRY_COMPARE(window.seedModel()->experiment(), QStringLiteral("quick"));
    QTRY_COMPARE(window.learningCurveView()->experiment(), QStringLiteral("quick"));
    QCOMPARE(window.seedModel()->rowCount(), 2);
    QCOMPARE(window.learningCurveView()->seedLines(), 2);
    // Epochs of the running experiment keep arriving; the plots stay on the selected one.
    QTest::qWait(300);
    QCOMPARE(window.learningCurveView()->experiment(), QStringLiteral("quick"));
    QCOMPARE(window.seedModel()->experiment(), QStringLiteral("quick"));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    window.cancelSweep();
    QVERIFY(ended.wait(30000));
}

QTEST_MAIN(TestSweepActions)
#include "tst_sweepactions.moc"
