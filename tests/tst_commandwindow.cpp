// Command experiments in the real main window, offscreen: a sweep of the user's own program
// (tests/command/fake_trainer.py, run with Debian's python) started from the window fills the Seeds
// tab and the plots, with epoch progress in the Runs panel; a failed program's seed shows why and
// opens its log; a program that gives no epoch total is shown running, without a made-up share.
#include "mainwindow.h"
#include "plot/learningcurveview.h"
#include "plot/scatterplotview.h"
#include "runqueueview.h"
#include "seedspanel.h"
#include "seedtablemodel.h"
#include "sweepcontroller.h"

#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <set>

using namespace seedscape;

namespace {

const QString kTrainer = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/tests/command/fake_trainer.py");
const QString kPython = QStringLiteral(SEEDSCAPE_PYTHON); // Debian's, with numpy

// 60 rows, 3 classes, and a text column with commas that a numeric loader would refuse.
QByteArray animalsCsv()
{
    QByteArray csv = "name,weight,animal\n";
    const char* animals[] = {"cat", "dog", "fox"};
    for (int i = 0; i < 60; ++i)
        csv += QStringLiteral("\"pet %1, the %2\",%3,%2\n")
                   .arg(i)
                   .arg(QLatin1String(animals[i % 3]))
                   .arg(3.5 + i)
                   .toUtf8();
    return csv;
}

// A workspace (dir/ws) with the animals data; add() puts command experiments into it.
class CommandWorkspace
{
public:
    CommandWorkspace() : m_workspace(m_dir.filePath(QStringLiteral("ws")))
    {
        QFile data(m_dir.filePath(QStringLiteral("ws/animals.csv")));
        data.open(QIODevice::WriteOnly);
        data.write(animalsCsv());
    }

    void add(const QString& name, const QStringList& command, int seeds)
    {
        Experiment e;
        e.name = name;
        e.dataset.path = QStringLiteral("animals.csv");
        e.dataset.target = QStringLiteral("animal");
        e.model.type = ModelType::Command;
        e.model.command.command = command;
        e.metric = Metric::Accuracy;
        e.seeds.count = seeds;
        m_workspace.save(e);
    }

    QString path() const { return m_workspace.path(); }

private:
    QTemporaryDir m_dir;
    Workspace m_workspace;
};

// Runs the window's event loop until the sweep ends, calling watch after every turn.
template <typename Watch> bool waitForSweep(MainWindow& window, Watch watch, int ms = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (window.sweeps()->isRunning()) {
        if (timer.elapsed() > ms)
            return false;
        QTest::qWait(10);
        watch();
    }
    return true;
}

} // namespace

class TestCommandWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sweepOfYourProgramFillsTheWindow();
    void failedSeedShowsWhyAndOpensItsLog();
    void ignoredOutputIsSaidAtTheSweepsEnd();
    void programWithoutEpochTotalShowsRunning();
};

void TestCommandWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
    QVERIFY2(QFile::exists(kPython), "SEEDSCAPE_PYTHON must name Debian's python3 (numpy)");
}

void TestCommandWindow::sweepOfYourProgramFillsTheWindow()
{
    CommandWorkspace ws;
    ws.add(QStringLiteral("animals-cmd"),
           {kPython, kTrainer, QStringLiteral("--epochs"), QStringLiteral("3"),
            QStringLiteral("--epoch-seconds"), QStringLiteral("0.2")},
           2);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.show();
    // The Data tab reads the target alone: the text column is the program's business.
    QTRY_VERIFY2(window.datasetSummary().contains(QStringLiteral("2 other columns for your program")),
                 qPrintable(window.datasetSummary()));

    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(0));
    // Epoch progress from the program's @seedscape lines, in the Runs panel and the status bar.
    std::set<QString> seedTexts;
    int mostEpochsShown = 0;
    QVERIFY(waitForSweep(window, [&] {
        for (const RunQueueView::Bar& bar : window.runQueue()->runningSeedBars()) {
            seedTexts.insert(bar.text);
            if (bar.maximum == 3)
                mostEpochsShown = std::max(mostEpochsShown, bar.value);
        }
    }));
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.first().at(0).toBool(), false);
    QVERIFY2(mostEpochsShown >= 1, qPrintable(QStringList(seedTexts.begin(), seedTexts.end()).join(u'|')));
    QVERIFY(seedTexts.count(QStringLiteral("epoch 1 of 3")) ||
            seedTexts.count(QStringLiteral("epoch 2 of 3")));
    QCOMPARE(window.sweeps()->finishedSeeds(), 2);
    QCOMPARE(window.runQueue()->experimentBar(QStringLiteral("animals-cmd"))->text,
             QStringLiteral("2 of 2 seeds"));

    // The seeds arrive in the Seeds tab and the plots, as for the built-in engine.
    QTRY_COMPARE_WITH_TIMEOUT(window.seedModel()->rowCount(), 2, 20000);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(window.seedModel()->index(row, SeedTableModel::Status).data().toString(),
                 QStringLiteral("finished"));
        QCOMPARE(window.seedModel()->index(row, SeedTableModel::Engine).data().toString(),
                 QStringLiteral("command"));
        QCOMPARE(window.seedModel()->index(row, SeedTableModel::Epochs).data().toInt(), 3);
    }
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 2, 20000);
    QTRY_COMPARE(window.learningCurveView()->seedLines(), 2);
    // A finished command seed has a log to open too.
    window.seedsPanel()->selectSeed(window.seedModel()->seedAt(0).seed);
    QVERIFY(window.seedsPanel()->canOpenLog());
    QVERIFY(window.seedsPanel()->stderrText().isEmpty());
}

void TestCommandWindow::failedSeedShowsWhyAndOpensItsLog()
{
    CommandWorkspace ws;
    ws.add(QStringLiteral("animals-fail"),
           {kPython, kTrainer, QStringLiteral("--mode"), QStringLiteral("fail")}, 1);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    QStringList opened;
    window.seedsPanel()->setUrlOpener([&](const QUrl& url) {
        opened << url.toLocalFile();
        return true;
    });
    QVERIFY(window.runExperiments(0));
    QVERIFY(waitForSweep(window, [] {}));
    // It gives up after max(3, 1) failures; each is stored with its reason.
    QTRY_COMPARE_WITH_TIMEOUT(window.seedModel()->rowCount(), 3, 20000);
    // The status bar does not call a sweep of nothing but failures "finished".
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("Sweep ended: all 3 seeds failed; the Seeds tab says why."));
    const QModelIndex status = window.seedModel()->index(0, SeedTableModel::Status);
    QCOMPARE(status.data().toString(), QStringLiteral("failed")); // before any epoch: no "at epoch 0"
    const QString reason = window.seedModel()->index(0, SeedTableModel::Reason).data().toString();
    QVERIFY2(reason.contains(QStringLiteral("3")), qPrintable(reason)); // its exit code
    QVERIFY(
        status.data(Qt::ToolTipRole).toString().contains(QStringLiteral("RuntimeError: planted failure")));

    // Choosing the seed in the table shows why, the program's last stderr lines, and its log.
    auto* view = window.findChild<QTableView*>(QStringLiteral("seedView"));
    QVERIFY(view);
    view->setCurrentIndex(view->model()->index(0, 0));
    const quint64 seed = *window.seedsPanel()->currentSeed();
    const SeedResult& failed = window.seedModel()->seedAt(window.seedModel()->rowOf(seed));
    QVERIFY(window.seedsPanel()->detailText().contains(failed.failureReason));
    QVERIFY(window.seedsPanel()->stderrText().contains(
        QStringLiteral("RuntimeError: planted failure for seed %1").arg(seed)));
    QVERIFY(window.seedsPanel()->stderrText().contains(QStringLiteral("traceback line 24")));
    auto* openLog = window.seedsPanel()->findChild<QPushButton*>(QStringLiteral("openLog"));
    QVERIFY(openLog && openLog->isEnabled());
    openLog->click();
    QCOMPARE(opened, QStringList{failed.logFile});
    QVERIFY(QDir::isAbsolutePath(failed.logFile));
    QFile log(failed.logFile);
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(log.readAll().contains("traceback line 0"));
    // A live refresh keeps the seed being read about.
    QTest::qWait(300);
    QCOMPARE(window.seedsPanel()->currentSeed(), std::optional<quint64>(seed));
}

// Seeds that stand though part of their program's output was ignored: the sweep's last word counts
// them, and the Seeds tab marks them.
void TestCommandWindow::ignoredOutputIsSaidAtTheSweepsEnd()
{
    CommandWorkspace ws;
    ws.add(QStringLiteral("animals-noisy"),
           {kPython, kTrainer, QStringLiteral("--mode"), QStringLiteral("noisy")}, 2);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    QVERIFY(window.runExperiments(0));
    QVERIFY(waitForSweep(window, [] {}));
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral(
                 "Sweep finished: 2 seeds trained, 2 with warnings; the Seeds tab says what was ignored."));
    QTRY_COMPARE_WITH_TIMEOUT(window.seedModel()->rowCount(), 2, 20000);
    for (int row = 0; row < 2; ++row)
        QCOMPARE(window.seedModel()->index(row, SeedTableModel::Status).data().toString(),
                 QStringLiteral("finished, with warnings"));
}

void TestCommandWindow::programWithoutEpochTotalShowsRunning()
{
    // Epoch reports without "epochs", then a failure: only the running rows matter here.
    CommandWorkspace ws;
    ws.add(QStringLiteral("no-total"),
           {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
            // Braces written as octal escapes: in the command itself they would be placeholders.
            QStringLiteral(
                "for i in 1 2 3 4 5 6 7 8 9 10; do printf '@seedscape \\173\"epoch\": %d\\175\\n' $i; "
                "sleep 0.3; done; exit 1")},
           1);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    QVERIFY(window.runExperiments(0));
    const auto runningWithEpoch = [&] {
        for (const RunQueueView::Bar& bar : window.runQueue()->runningSeedBars())
            if (bar.text.startsWith(QStringLiteral("running · epoch ")))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(runningWithEpoch(), 20000);
    // Its epoch, but no share done: an empty bar, not "epoch 2 of 2" filled up.
    for (const RunQueueView::Bar& bar : window.runQueue()->runningSeedBars()) {
        QCOMPARE(bar.maximum, 0);
        QCOMPARE(bar.value, 0);
    }
    QTest::qWait(700); // more epochs: still no total
    QVERIFY(runningWithEpoch());
    for (const auto& [seed, running] : window.sweeps()->runningSeeds())
        QCOMPARE(running.epochs, 0);
    window.sweeps()->cancel();
    QVERIFY(waitForSweep(
        window, [] {}, 30000));
}

QTEST_MAIN(TestCommandWindow)
#include "tst_commandwindow.moc"
