// Each workspace reopens as it was left: selection, plot tab, column widths, splitter, docks.
#include "experimentlistpanel.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"

#include "support/experimentbuilder.h"
#include "support/tempworkspace.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestWindowMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reopeningAWorkspaceRestoresItsWindow();
    void switchingWorkspacesKeepsEachOnesOwn();
    void aNewExperimentIsNotHiddenBehindTheFirst();

private:
    struct Look
    {
        QString experiment;
        int tab = -1, columnWidth = 0;
        QList<int> splitter;
    };
    static Look lookOf(const MainWindow& window);
    static void change(MainWindow& window, const QString& experiment, int tab, int columnWidth);
};

void TestWindowMemory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

TestWindowMemory::Look TestWindowMemory::lookOf(const MainWindow& window)
{
    auto* view = window.findChild<QTableView*>(QStringLiteral("experimentView"));
    const QModelIndex current = view->currentIndex();
    return {current.isValid()
                ? view->model()->index(current.row(), ExperimentTableModel::Name).data().toString()
                : QString(),
            window.findChild<QTabWidget*>(QStringLiteral("viewTabs"))->currentIndex(),
            view->horizontalHeader()->sectionSize(ExperimentTableModel::Name),
            window.findChild<QSplitter*>(QStringLiteral("tableAndTabs"))->sizes()};
}

void TestWindowMemory::change(MainWindow& window, const QString& experiment, int tab, int columnWidth)
{
    window.selectExperiment(experiment);
    window.findChild<QTabWidget*>(QStringLiteral("viewTabs"))->setCurrentIndex(tab);
    window.findChild<QTableView*>(QStringLiteral("experimentView"))
        ->horizontalHeader()
        ->resizeSection(ExperimentTableModel::Name, columnWidth);
    window.findChild<QSplitter*>(QStringLiteral("tableAndTabs"))->setSizes({150, 450});
}

void TestWindowMemory::reopeningAWorkspaceRestoresItsWindow()
{
    TempWorkspace a(TempWorkspace::Contents::Sample);
    TempWorkspace b(TempWorkspace::Contents::Sample);
    Look before;
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(a.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Look opened = lookOf(window);
        QCOMPARE(opened.experiment, QStringLiteral("breast-cancer-mlp")); // the first row, never saved
        QCOMPARE(opened.tab, 0);
        change(window, QStringLiteral("diabetes-mlp"), 3, 311);
        before = lookOf(window);
        QCOMPARE(before.experiment, QStringLiteral("diabetes-mlp"));
        QCOMPARE(before.columnWidth, 311);
        window.close();
    }
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(a.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Look after = lookOf(window);
        QCOMPARE(after.experiment, before.experiment);
        QCOMPARE(after.tab, 3);
        QCOMPARE(after.columnWidth, 311);
        QCOMPARE(after.splitter, before.splitter);
    }
    {
        // Another workspace opens as a workspace never seen does.
        MainWindow window;
        QVERIFY(window.openWorkspace(b.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Look other = lookOf(window);
        QCOMPARE(other.experiment, QStringLiteral("breast-cancer-mlp"));
        QCOMPARE(other.tab, 0);
        QVERIFY(other.columnWidth != 311);
    }
}

void TestWindowMemory::switchingWorkspacesKeepsEachOnesOwn()
{
    TempWorkspace a(TempWorkspace::Contents::Sample);
    TempWorkspace b(TempWorkspace::Contents::Sample);
    MainWindow window;
    window.show();
    QVERIFY(window.openWorkspace(a.path()));
    change(window, QStringLiteral("wine-mlp"), 2, 277);
    QVERIFY(window.openWorkspace(b.path())); // switching saves A
    QCOMPARE(lookOf(window).experiment, QStringLiteral("breast-cancer-mlp"));
    change(window, QStringLiteral("diabetes-mlp"), 4, 233);
    QVERIFY(window.openWorkspace(a.path())); // and B
    Look look = lookOf(window);
    QCOMPARE(look.experiment, QStringLiteral("wine-mlp"));
    QCOMPARE(look.tab, 2);
    QCOMPARE(look.columnWidth, 277);
    QVERIFY(window.openWorkspace(b.path()));
    look = lookOf(window);
    QCOMPARE(look.experiment, QStringLiteral("diabetes-mlp"));
    QCOMPARE(look.tab, 4);
    QCOMPARE(look.columnWidth, 233);
    // The Runs dock is part of the saved layout, yet stays hidden while nothing runs.
    QVERIFY(!window.runsDock()->isVisible());
}

// A table left one row tall (remembered so, or opened empty) hid every experiment added after the
// first: it grows to show three rows when experiments are added.
void TestWindowMemory::aNewExperimentIsNotHiddenBehindTheFirst()
{
    TempWorkspace workspace(TempWorkspace::Contents::Sample);
    {
        MainWindow window;
        window.resize(1200, 800);
        QVERIFY(window.openWorkspace(workspace.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QSplitter*>(QStringLiteral("tableAndTabs"))->setSizes({20, 700});
        window.close(); // remembered this small
    }
    MainWindow window;
    window.resize(1200, 800);
    QVERIFY(window.openWorkspace(workspace.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* splitter = window.findChild<QSplitter*>(QStringLiteral("tableAndTabs"));
    const int threeRows = window.findChild<ExperimentListPanel*>()->heightForRows(3);
    QVERIFY(splitter->sizes().value(0) < threeRows);
    ExperimentBuilder(QStringLiteral("zz-new"))
        .onSample(QStringLiteral("wine.csv"), QStringLiteral("cultivar"))
        .saveIn(workspace.path());
    QTRY_COMPARE(window.experimentModel()->rowCount(), 6); // the window saw the new file
    QTRY_VERIFY(splitter->sizes().value(0) >= threeRows);
    QVERIFY(splitter->sizes().value(0) <= splitter->height() * 2 / 5);
}

QTEST_MAIN(TestWindowMemory)
#include "tst_windowmemory.moc"
