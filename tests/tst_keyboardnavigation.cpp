// The window from the keyboard alone: every tab has a shortcut, and Tab moves between widgets
// instead of cell by cell inside a table.
#include "comparepanel.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"

#include "support/tempworkspace.h"

#include <QAction>
#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

// The sample workspace in a shown window that has the keyboard.
struct SampleWindow
{
    TempWorkspace dir{TempWorkspace::Contents::Sample};
    MainWindow window;

    bool open()
    {
        if (!window.openWorkspace(dir.path()))
            return false;
        window.show();
        return QTest::qWaitForWindowActive(&window);
    }
};

} // namespace

class TestKeyboardNavigation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyTabHasAShortcutThatFocusesTheTabBar();
    void tabLeavesEveryTable();
    void spaceChecksTheCurrentRowFromAnyColumn();
};

void TestKeyboardNavigation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestKeyboardNavigation::everyTabHasAShortcutThatFocusesTheTabBar()
{
    SampleWindow sample;
    QVERIFY(sample.open());
    MainWindow& window = sample.window;
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    QVERIFY(tabs->count() >= 9);
    for (int i = 0; i < tabs->count(); ++i) {
        auto* go = window.findChild<QAction*>(QStringLiteral("show_") + tabs->widget(i)->objectName());
        QVERIFY2(go, qPrintable(tabs->tabText(i)));
        QCOMPARE(go->text(), tabs->tabText(i));
        if (i < 9)
            QCOMPARE(go->shortcut(), QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
    }
    const int compare = tabs->indexOf(window.comparePanel());
    QVERIFY(compare >= 0 && compare < 9);
    tabs->setCurrentIndex(0);
    QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + compare), Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), compare);
    QTRY_VERIFY(tabs->tabBar()->hasFocus()); // the arrows move on from here, Tab goes into the page
    QTest::keyClick(tabs->tabBar(), Qt::Key_Right);
    QCOMPARE(tabs->currentIndex(), compare + 1);
}

void TestKeyboardNavigation::tabLeavesEveryTable()
{
    SampleWindow sample;
    QVERIFY(sample.open());
    MainWindow& window = sample.window;
    const QList<QTableView*> tables = window.findChildren<QTableView*>();
    QVERIFY(tables.size() >= 5); // experiments, seeds, preview, comparison matrix, best of n …
    for (QTableView* table : tables)
        QVERIFY2(!table->tabKeyNavigation(), qPrintable(table->objectName()));

    auto* experiments = window.findChild<QTableView*>(QStringLiteral("experimentView"));
    QVERIFY(experiments);
    experiments->setFocus();
    QTRY_VERIFY(experiments->hasFocus());
    QTest::keyClick(experiments, Qt::Key_Tab);
    QTRY_VERIFY(QApplication::focusWidget() != nullptr);
    QVERIFY(QApplication::focusWidget() != experiments);
}

void TestKeyboardNavigation::spaceChecksTheCurrentRowFromAnyColumn()
{
    SampleWindow sample;
    QVERIFY(sample.open());
    MainWindow& window = sample.window;
    auto* view = window.findChild<QTableView*>(QStringLiteral("experimentView"));
    const auto checked = [&] {
        return view->model()
                   ->index(1, ExperimentTableModel::Name)
                   .data(Qt::CheckStateRole)
                   .value<Qt::CheckState>() == Qt::Checked;
    };
    const bool before = checked();
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    for (const int column : {int(ExperimentTableModel::Seeds), int(ExperimentTableModel::Name)}) {
        view->setCurrentIndex(view->model()->index(1, column));
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(checked(), !before); // once, not twice where the check box's own Space also acts
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(checked(), before);
    }
}

QTEST_MAIN(TestKeyboardNavigation)
#include "tst_keyboardnavigation.moc"
