// The window's side of Slurm on a real one-node cluster (tests/slurm/localcluster.sh: munged,
// slurmctld and slurmd started for this test and stopped after it): Run → Submit to Slurm…, the
// Runs panel's jobs and their tasks, seeds reaching the plots, Cancel job; and the action without
// Slurm on PATH. No mocks of Slurm. The cluster tests are skipped where Slurm is not installed.
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "plot/scatterplotview.h"
#include "runqueueview.h"
#include "slurmcontroller.h"
#include "slurmjobsview.h"
#include "slurmsubmitdialog.h"

#include "slurm/slurmjob.h"

#include "support/experimentbuilder.h"
#include "support/localslurmcluster.h"
#include "support/processprobe.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include <set>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

using Result = ProgramOutput;

QAction* submitAction(const MainWindow& window)
{
    return window.findChild<QAction*>(QStringLiteral("submitToSlurm"));
}

} // namespace

class TestSlurmWindow : public QObject
{
    Q_OBJECT

private:
    // Not on /tmp: where a cluster's nodes are other machines, /tmp is refused.
    // In the system temporary folder: the test cluster's node is this machine, so it sees it.
    QTemporaryDir m_root;
    std::unique_ptr<LocalSlurmCluster> m_cluster;

    // A workspace with a quick built-in experiment.
    QString workspace(const QString& name, const QString& experiment, int seeds)
    {
        const QString folder = m_root.filePath(name);
        ExperimentBuilder(experiment)
            .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
            .hidden({16})
            .epochs(5)
            .seeds(seeds)
            .saveIn(folder);
        return folder;
    }

    // Opens the workspace in the window, the tasks running the seedscape-cli this build made.
    static bool open(MainWindow& window, const QString& folder)
    {
        window.slurm()->setCli(QStringLiteral(SEEDSCAPE_CLI));
        if (!window.openWorkspace(folder))
            return false;
        window.show();
        return true;
    }

    // Submits through the dialog as a user does: Run → Submit to Slurm…, the form, Submit.
    static QString submitThroughDialog(MainWindow& window, int seeds, int seedsPerTask,
                                       const QString& sbatchArgs)
    {
        submitAction(window)->trigger();
        auto* dialog = window.findChild<SlurmSubmitDialog*>();
        if (!dialog)
            return {};
        dialog->findChild<QSpinBox*>(QStringLiteral("slurmSeeds"))->setValue(seeds);
        dialog->findChild<QSpinBox*>(QStringLiteral("slurmSeedsPerTask"))->setValue(seedsPerTask);
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("slurmSbatchArgs")), sbatchArgs);
        QSignalSpy submitted(window.slurm(), &SlurmController::submitted);
        QPointer<SlurmSubmitDialog> open(dialog);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("slurmSubmit")), Qt::LeftButton);
        if (!submitted.wait(60000)) {
            qWarning("not submitted: %s", qPrintable(dialog->note()));
            return {};
        }
        if (!QTest::qWaitFor([&] { return !open || !open->isVisible(); }, 5000)) // it closes once queued
            return {};
        return submitted.first().first().toString();
    }

    static std::optional<SlurmJobsView::ShownJob> shown(const MainWindow& window, const QString& id)
    {
        return window.runQueue()->slurmJobs()->job(id);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
        QSettings().clear();
        QVERIFY(m_root.isValid());
        m_cluster = std::make_unique<LocalSlurmCluster>(m_root.filePath(QStringLiteral("cluster")));
        if (m_cluster->state() != LocalSlurmCluster::State::NotInstalled) // the no-Slurm test runs anyway
            QVERIFY2(m_cluster->state() == LocalSlurmCluster::State::Running,
                     qPrintable(m_cluster->problem()));
    }

    void cleanupTestCase() { m_cluster.reset(); } // stops every daemon

    void submittedJobShowsItsTasksAndItsSeedsReachThePlots()
    {
        if (m_cluster->state() != LocalSlurmCluster::State::Running)
            QSKIP(qPrintable(m_cluster->problem()));
        MainWindow window;
        QVERIFY(open(window, workspace(QStringLiteral("ws-run"), QStringLiteral("quick"), 4)));
        // A workspace without jobs is asked once, then left alone.
        QTRY_VERIFY(!window.slurm()->isPolling());
        QCOMPARE(window.runQueue()->slurmJobs()->jobCount(), 0);
        QVERIFY(window.runQueue()->slurmJobs()->isHidden());
        // The plots must fill from the results watcher alone: the poll's nudge is for shared file
        // systems that tell no one.
        QObject::disconnect(window.slurm(), &SlurmController::seedsArrived, nullptr, nullptr);
        QSignalSpy arrived(window.slurm(), &SlurmController::seedsArrived);

        // What the panel showed of the tasks, at every poll.
        std::set<QString> seen;
        connect(window.slurm(), &SlurmController::jobsChanged, this, [&] {
            for (const SlurmJobStatus::Job& j : window.slurm()->jobs())
                if (const auto job = shown(window, j.job.jobId))
                    for (const SlurmJobsView::ShownTask& t : job->tasks)
                        seen.insert(t.state);
        });
        const QString id = submitThroughDialog(window, 4, 2, {});
        QVERIFY(!id.isEmpty());
        QVERIFY2(window.statusBar()->currentMessage().contains(
                     QStringLiteral("Submitted job %1: 4 seeds of quick in 2 array tasks").arg(id)),
                 qPrintable(window.statusBar()->currentMessage()));
        QTRY_VERIFY(shown(window, id).has_value());
        QVERIFY(window.slurm()->isPolling());
        QTRY_VERIFY(window.findChild<QDockWidget*>(QStringLiteral("runsDock"))->isVisible());
        QVERIFY(window.runQueue()->slurmJobs()->isVisible());
        QCOMPARE(shown(window, id)->title, QStringLiteral("job %1 · quick").arg(id));
        QCOMPARE(shown(window, id)->tasks.size(), size_t(2));

        QTRY_VERIFY_WITH_TIMEOUT(shown(window, id)->state == QLatin1String("finished"), 180000);
        QVERIFY2(seen.count(QStringLiteral("pending")) || seen.count(QStringLiteral("running")),
                 "the panel never showed the tasks on their way");
        const SlurmJobsView::ShownJob done = *shown(window, id);
        QCOMPARE(done.text, QStringLiteral("finished · 4 of 4 seeds"));
        for (int i = 0; i < 2; ++i) {
            const SlurmJobsView::ShownTask& t = done.tasks[size_t(i)];
            QCOMPARE(t.state, QStringLiteral("finished"));
            QCOMPARE(t.title, QStringLiteral("task %1 · finished").arg(i));
            QCOMPARE(t.text, QStringLiteral("2 of 2 seeds"));
            QVERIFY2(t.toolTip.contains(QStringLiteral("2 of 2 seeds finished")), qPrintable(t.toolTip));
        }
        // The seeds reach the plots and the table; the ended job is no longer polled.
        QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 4, 20000);
        QCOMPARE(window.experimentModel()->index(0, ExperimentTableModel::Seeds).data().toString(),
                 QStringLiteral("4/4"));
        QVERIFY(arrived.count() >= 1);
        QTRY_VERIFY(!window.slurm()->isPolling());
        // Nothing is missing now: a second submission says so and submits nothing.
        auto* dialog = window.openSlurmDialog();
        QVERIFY(dialog);
        QSignalSpy again(window.slurm(), &SlurmController::submitted);
        QVERIFY(dialog->submit());
        QVERIFY(again.wait(60000));
        QVERIFY(again.first().first().toString().isEmpty());
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("nothing to submit")),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(window.runQueue()->slurmJobs()->jobCount(), 1);
    }

    void cancelJobCancelsAPendingJob()
    {
        if (m_cluster->state() != LocalSlurmCluster::State::Running)
            QSKIP(qPrintable(m_cluster->problem()));
        const QString folder = workspace(QStringLiteral("ws-later"), QStringLiteral("later"), 2);
        MainWindow window;
        QVERIFY(open(window, folder));
        const QString id = submitThroughDialog(window, 2, 0, QStringLiteral("--begin=now+1hour"));
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY(shown(window, id).has_value());
        const SlurmJobsView::ShownJob pending = *shown(window, id);
        QCOMPARE(pending.state, QStringLiteral("pending"));
        QCOMPARE(pending.tasks.size(), size_t(1)); // a batched MLP: both seeds in one task
        QCOMPARE(pending.tasks[0].state, QStringLiteral("pending"));
        // Why it waits comes with a later poll, once Slurm's scheduler has looked at the job.
        QCOMPARE(pending.tasks[0].title, QStringLiteral("task 0 · pending"));
        QTRY_COMPARE_WITH_TIMEOUT(shown(window, id)->tasks[0].text,
                                  QStringLiteral("BeginTime · 0 of 2 seeds"), 60000);
        QVERIFY2(shown(window, id)->tasks[0].toolTip.contains(QStringLiteral("pending — BeginTime")),
                 qPrintable(shown(window, id)->tasks[0].toolTip));

        SlurmJobsView* jobs = window.runQueue()->slurmJobs();
        auto* cancel = jobs->findChild<QPushButton*>(QStringLiteral("cancelSlurmJob"));
        QVERIFY(!cancel->isEnabled()); // nothing chosen yet
        QVERIFY(jobs->selectJob(id));
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!cancel->isEnabled()); // once is enough
        QTRY_VERIFY_WITH_TIMEOUT(shown(window, id)->state == QLatin1String("cancelled"), 30000);
        QCOMPARE(shown(window, id)->tasks[0].title, QStringLiteral("task 0 · cancelled"));
        QCOMPARE(shown(window, id)->tasks[0].text,
                 QStringLiteral("cancelled before it started · 0 of 2 seeds"));
        QCOMPARE(shown(window, id)->text, QStringLiteral("1 cancelled · 0 of 2 seeds"));
        QVERIFY(!cancel->isEnabled());
        QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Cancelled job %1").arg(id)),
                 qPrintable(window.statusBar()->currentMessage()));
        const std::vector<SlurmJob> stored = SlurmJob::readAll(folder);
        QCOMPARE(stored.size(), size_t(1));
        QVERIFY(stored.front().cancelledAt.isValid()); // as seedscape-cli cancel-job marks it
        QTRY_VERIFY(!window.slurm()->isPolling());

        // The options are remembered for this workspace, and only for it.
        auto* dialog = window.openSlurmDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->options().sbatchArgs, QStringList{QStringLiteral("--begin=now+1hour")});
        QTRY_VERIFY(dialog->offeredPartitions().contains(QStringLiteral("remote"))); // from sinfo
        QCOMPARE(dialog->offeredPartitions().front(), QString()); // the cluster's default first
        dialog->reject();
        MainWindow other;
        QVERIFY(open(other, workspace(QStringLiteral("ws-other"), QStringLiteral("other"), 2)));
        auto* fresh = other.openSlurmDialog();
        QVERIFY(fresh);
        QCOMPARE(fresh->options(), SlurmOptions{});
        fresh->reject();
    }

    void aRefusedSubmissionSaysWhyInTheDialog()
    {
        if (m_cluster->state() != LocalSlurmCluster::State::Running)
            QSKIP(qPrintable(m_cluster->problem()));
        const QString folder = workspace(QStringLiteral("ws-refused"), QStringLiteral("refused"), 2);
        MainWindow window;
        QVERIFY(open(window, folder));
        SlurmSubmitDialog* dialog = window.openSlurmDialog();
        QVERIFY(dialog);
        SlurmOptions options;
        options.partition = QStringLiteral("nope");
        dialog->setOptions(options);
        QSignalSpy failed(window.slurm(), &SlurmController::submitFailed);
        QVERIFY(dialog->submit());
        QVERIFY(failed.wait(60000));
        QVERIFY(dialog->isVisible()); // to fix and submit again
        QVERIFY2(dialog->note().contains(
                     QStringLiteral("the cluster has no partition \"nope\"; it has: debug, remote")),
                 qPrintable(dialog->note()));
        QVERIFY(window.statusBar()->currentMessage().startsWith(
            QStringLiteral("Not submitted: the cluster has no partition")));
        QVERIFY(SlurmJob::readAll(folder).empty()); // nothing half-submitted
        QCOMPARE(dialog->findChild<QPushButton*>(QStringLiteral("slurmSubmit"))->isEnabled(), true);
        dialog->reject();
    }

    void withoutSlurmTheActionSaysWhatIsMissing()
    {
        const QByteArray path = qgetenv("PATH");
        QTemporaryDir empty;
        qputenv("PATH", empty.path().toUtf8());
        MainWindow window;
        QVERIFY(window.openWorkspace(workspace(QStringLiteral("ws-no-slurm"), QStringLiteral("nowhere"), 2)));
        window.show();
        QAction* action = submitAction(window);
        QVERIFY(action);
        QVERIFY(action->isEnabled()); // it explains rather than hides
        action->trigger();
        qputenv("PATH", path);
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("slurmMissing"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->informativeText().contains(QStringLiteral("sbatch is not on PATH")),
                 qPrintable(box->informativeText()));
        QVERIFY(box->informativeText().contains(QStringLiteral("slurm-client")));
        QVERIFY(!window.findChild<SlurmSubmitDialog*>()); // no dialog that would fail later
        box->accept();
    }
};

QTEST_MAIN(TestSlurmWindow)
#include "tst_slurmwindow.moc"
