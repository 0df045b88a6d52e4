// What the window says of stored files it leaves out as damaged: a seed record that cannot be read
// is named above the Seeds tab's table, and an experiment whose labels.json is damaged reads
// "damaged", not "not run", with the file named in its status's tooltip (as `stats` warns).
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "seedspanel.h"
#include "seedtablemodel.h"

#include "store/resultstore.h"
#include "support/processprobe.h"
#include "support/sampledata.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestDamagedResults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void damagedFilesAreSaidNotHidden();
};

void TestDamagedResults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestDamagedResults::damagedFilesAreSaidNotHidden()
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
    QVERIFY(window.seedsPanel()->damagedText().contains(QStringLiteral("Left out as damaged")));

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

QTEST_MAIN(TestDamagedResults)
#include "tst_damagedresults.moc"
