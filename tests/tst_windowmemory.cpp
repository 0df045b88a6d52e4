// Each workspace reopens as it was left: selection, plot tab, column widths, splitter, docks.
#include "experimentlistpanel.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "windowmemory.h"

#include "support/experimentbuilder.h"
#include "support/sampledata.h"
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
    void aFirstLookSelectsAnExperimentWithSeeds();

private:
    struct Look
    {
        QString experiment;
        QString tab; // the current tab's object name
        int columnWidth = 0;
        QList<int> splitter;
    };
    static Look lookOf(const MainWindow& window);
    static void change(MainWindow& window, const QString& experiment, const QString& tab, int columnWidth);
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
            window.findChild<QTabWidget*>(QStringLiteral("viewTabs"))->currentWidget()->objectName(),
            view->horizontalHeader()->sectionSize(ExperimentTableModel::Name),
            window.findChild<QSplitter*>(QStringLiteral("tableAndTabs"))->sizes()};
}

void TestWindowMemory::change(MainWindow& window, const QString& experiment, const QString& tab,
                              int columnWidth)
{
    window.selectExperiment(experiment);
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    tabs->setCurrentWidget(tabs->findChild<QWidget*>(tab));
    QCOMPARE(tabs->currentWidget()->objectName(), tab);
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
        QCOMPARE(opened.tab, QStringLiteral("scatterView"));
        change(window, QStringLiteral("diabetes-mlp"), QStringLiteral("learningCurveView"), 311);
        before = lookOf(window);
        QCOMPARE(before.experiment, QStringLiteral("diabetes-mlp"));
        QCOMPARE(before.columnWidth, 311);
        window.close();
        // By name, not index: a tab added in a later version must not shift the one reopened.
        QCOMPARE(WindowMemory::load(a.path()).tab, QStringLiteral("learningCurveView"));
    }
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(a.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Look after = lookOf(window);
        QCOMPARE(after.experiment, before.experiment);
        QCOMPARE(after.tab, QStringLiteral("learningCurveView"));
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
        QCOMPARE(other.tab, QStringLiteral("scatterView"));
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
    change(window, QStringLiteral("wine-mlp"), QStringLiteral("ensembleSizeView"), 277);
    QVERIFY(window.openWorkspace(b.path())); // switching saves A
    QCOMPARE(lookOf(window).experiment, QStringLiteral("breast-cancer-mlp"));
    change(window, QStringLiteral("diabetes-mlp"), QStringLiteral("seedsPanel"), 233);
    QVERIFY(window.openWorkspace(a.path())); // and B
    Look look = lookOf(window);
    QCOMPARE(look.experiment, QStringLiteral("wine-mlp"));
    QCOMPARE(look.tab, QStringLiteral("ensembleSizeView"));
    QCOMPARE(look.columnWidth, 277);
    QVERIFY(window.openWorkspace(b.path()));
    look = lookOf(window);
    QCOMPARE(look.experiment, QStringLiteral("diabetes-mlp"));
    QCOMPARE(look.tab, QStringLiteral("seedsPanel"));
    QCOMPARE(look.columnWidth, 233);
    // The Runs dock is part of the saved layout, yet stays hidden while nothing runs.
    QVERIFY(!window.runsDock()->isVisible());
}

// A table left one row tall (remembered so, or opened empty) hid every experiment added after the
// first: it grows to show three rows when experiments are added.
// Opened for the first time, a workspace whose first row has no seeds shows the first experiment
// with results, not an empty plot; a remembered selection is kept.
void TestWindowMemory::aFirstLookSelectsAnExperimentWithSeeds()
{
    TempWorkspace workspace;
    importStatisticsCase(workspace.path(), QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE);
    ExperimentBuilder(QStringLiteral("aaa-untrained"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .saveIn(workspace.path());
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(workspace.path()));
        QCOMPARE(window.selectedExperiment(), QStringLiteral("aaa-untrained")); // the first row, at once
        QTRY_COMPARE(window.selectedExperiment(), QStringLiteral("alpha"));     // once statistics are known
        change(window, QStringLiteral("aaa-untrained"), QStringLiteral("definitionPanel"), 150);
        window.close(); // remembers aaa-untrained
    }
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace.path()));
    QTRY_VERIFY(!window.experimentModel()->statistics().empty()); // the moment it would have moved
    QCOMPARE(window.selectedExperiment(), QStringLiteral("aaa-untrained"));
}

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
