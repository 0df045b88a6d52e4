// What the window says of an experiment's stored files beyond its seeds. Damaged ones: a seed record
// that cannot be read is named above the Seeds tab's table, and an experiment whose labels.json is
// damaged reads "damaged", not "not run", with the file named in its status's tooltip (as `stats`
// warns). Checkpoints of a killed sweep: "interrupted", not "not run".
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "seedspanel.h"
#include "seedtablemodel.h"

#include "store/resultstore.h"
#include "support/experimentbuilder.h"
#include "support/processprobe.h"
#include "support/sampledata.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestStoredResultsInWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void damagedFilesAreSaidNotHidden();
    void checkpointsOfAKilledSweepAreNotNotRun();
};

void TestStoredResultsInWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestStoredResultsInWindow::damagedFilesAreSaidNotHidden()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const ProgramOutput trained =
        runCli({QStringLiteral("run"), writeQuickExperimentFile(dir.path(), 2), QStringLiteral("--workspace"),
                workspace, QStringLiteral("--seeds"), QStringLiteral("3")});
    QVERIFY2(trained.exitCode == 0, trained.err.constData());
    const QString results = workspace + QStringLiteral("/results/quick");
    const std::vector<SeedResult> seeds = ResultStore(results).load(false);
    QCOMPARE(seeds.size(), size_t(3));
    const QString record = results + QStringLiteral("/seed-%1.json").arg(seeds[1].seed);
    QVERIFY(QFile::resize(record, 40));

    MainWindow window;
    QVERIFY(window.openWorkspace(workspace));
    window.selectExperiment(QStringLiteral("quick"));
    QTRY_COMPARE_WITH_TIMEOUT(window.seedModel()->rowCount(), 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(window.seedsPanel()->damagedText().contains(record), 20000);
    QVERIFY(window.seedsPanel()->damagedText().contains(QStringLiteral("Damaged files")));

    // Its truth damaged, nothing of it can be read: "not run" would say it never ran.
    QVERIFY(QFile::resize(results + QStringLiteral("/labels.json"), 20));
    const ExperimentTableModel* table = window.experimentModel();
    const QModelIndex status = table->index(0, ExperimentTableModel::Status);
    QTRY_COMPARE_WITH_TIMEOUT(status.data().toString(), QStringLiteral("damaged"), 20000);
    QVERIFY2(status.data(Qt::ToolTipRole)
                 .toString()
                 .contains(results + QStringLiteral("/labels.json is missing "
                                                    "or damaged")),
             qPrintable(status.data(Qt::ToolTipRole).toString()));
}

void TestStoredResultsInWindow::checkpointsOfAKilledSweepAreNotNotRun()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    ExperimentBuilder(QStringLiteral("killed"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .seeds(6)
        .saveIn(workspace);
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace));
    const QModelIndex status = window.experimentModel()->index(0, ExperimentTableModel::Status);
    QTRY_COMPARE_WITH_TIMEOUT(status.data().toString(), QStringLiteral("not run"), 20000);
    // What a sweep killed before its first seed leaves behind: its checkpoints (the window reads no
    // more than that they are there).
    const QString checkpoints = workspace + QStringLiteral("/results/killed/checkpoints");
    QVERIFY(QDir().mkpath(checkpoints));
    for (const char* name : {"/11.ckpt", "/12.ckpt"}) {
        QFile f(checkpoints + QLatin1String(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    window.selectExperiment(QStringLiteral("killed")); // a refresh
    QTRY_COMPARE_WITH_TIMEOUT(status.data().toString(), QStringLiteral("interrupted"), 20000);
    // (A refresh may come between the two files: the count settles once both are there.)
    QTRY_VERIFY2_WITH_TIMEOUT(
        status.data(Qt::ToolTipRole)
            .toString()
            .startsWith(QStringLiteral("2 checkpoints of a sweep that stopped before its seeds "
                                       "finished wait in results/killed/checkpoints")),
        qPrintable(status.data(Qt::ToolTipRole).toString()), 20000);
}

QTEST_MAIN(TestStoredResultsInWindow)
#include "tst_storedresultsinwindow.moc"
