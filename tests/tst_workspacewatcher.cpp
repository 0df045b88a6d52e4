// The window follows experiment files changed by other programs: added, removed, replaced by a
// rename (git checkout, most editors) or written in place (some editors, scripts), which changes no
// folder and must still reach the table and the next run.
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "workspacewatcher.h"

#include "support/experimentbuilder.h"

#include "store/workspace.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

// Rewrites the file's epochs in place: the same file (inode), truncated and written again.
void setEpochsInPlace(const QString& file, int epochs)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    const qsizetype at = text.indexOf("\"epochs\"");
    QVERIFY(at >= 0);
    const qsizetype end = text.indexOf(',', at);
    text.replace(at, end - at, "\"epochs\": " + QByteArray::number(epochs));
    QVERIFY(f.open(QIODevice::ReadWrite | QIODevice::Truncate)); // not a new file: no folder changes
    f.write(text);
}

int epochsShown(MainWindow& window, const QString& name)
{
    const ExperimentTableModel* model = window.experimentModel();
    const int row = model->rowOf(name);
    return row >= 0 && model->entry(row).experiment ? model->entry(row).experiment->training.epochs : -1;
}

} // namespace

class TestWorkspaceWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFileWrittenInPlaceIsSeen();
    void theWindowTakesTheDefinitionOnDisk();
};

void TestWorkspaceWatcher::aFileWrittenInPlaceIsSeen()
{
    QTemporaryDir dir;
    const QString file = ExperimentBuilder(QStringLiteral("a"))
                             .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
                             .epochs(3)
                             .saveIn(dir.path());
    WorkspaceWatcher watcher([] { return WorkspaceWatcher::Focus{}; });
    QSignalSpy changed(&watcher, &WorkspaceWatcher::experimentFilesChanged);
    watcher.watch(dir.path());
    setEpochsInPlace(file, 7);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 10000);

    // Replaced by a rename, the file is a new one: watched again, so a later edit in place is seen.
    const QString replacement = dir.filePath(QStringLiteral("a.tmp"));
    QVERIFY(QFile::copy(file, replacement));
    QVERIFY(QFile::remove(file));
    QVERIFY(QFile::rename(replacement, file));
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 2, 10000);
    QTest::qWait(300); // the refresh of the replacement has run
    const qsizetype before = changed.size();
    setEpochsInPlace(file, 9);
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() > before, 10000);
    QThreadPool::globalInstance()->waitForDone(); // the refresh reads the folder: before it goes
}

// Run trains the table's definitions: the table must hold the file's.
void TestWorkspaceWatcher::theWindowTakesTheDefinitionOnDisk()
{
    QTemporaryDir dir;
    const QString file = ExperimentBuilder(QStringLiteral("a"))
                             .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
                             .epochs(3)
                             .saveIn(dir.path());
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    QCOMPARE(epochsShown(window, QStringLiteral("a")), 3);
    setEpochsInPlace(file, 11);
    QTRY_COMPARE_WITH_TIMEOUT(epochsShown(window, QStringLiteral("a")), 11, 10000);
    QThreadPool::globalInstance()->waitForDone();
}

QTEST_MAIN(TestWorkspaceWatcher)
#include "tst_workspacewatcher.moc"
