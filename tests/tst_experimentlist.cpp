// The experiments table as a user works with many experiments: the filter box (Ctrl+F, words,
// #tags, Escape), the context menu's actions and the header tooltips.
#include "experimentfiltermodel.h"
#include "experimentlistpanel.h"
#include "experimenttablelayout.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"

#include "support/experimentbuilder.h"
#include "support/tempworkspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

#include <cmath>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestExperimentList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filterKeepsRowsWithEveryWord_data();
    void filterKeepsRowsWithEveryWord();
    void theSelectedRowStaysWhenAnEditMakesItNoLongerMatch();
    void ctrlFFocusesTheFilterAndEscapeClearsIt();
    void contextMenuActsOnTheRowUnderTheMouse();
    void everyHeaderSaysHowItsNumberIsComputed();
    void firstOpenShowsEveryExperiment();
    void experimentsNotRunSortLastEitherWay();
    void columnsGrowToTheirNumbersUnlessTheUserSizedThem();

private:
    static std::vector<WorkspaceEntry> entries();
    static ExperimentStatistics scored(const QString& name, const std::vector<double>& validation);
    static QStringList shownNames(const QAbstractItemModel& model);
};

void TestExperimentList::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

std::vector<WorkspaceEntry> TestExperimentList::entries()
{
    auto make = [](const QString& name, const QString& data, const QString& target, QStringList tags,
                   std::vector<int> hidden) {
        Experiment e = ExperimentBuilder(name).onSample(data, target).hidden(std::move(hidden));
        e.tags = std::move(tags);
        return WorkspaceEntry{QStringLiteral("/ws/%1.experiment.json").arg(name), e, {}};
    };
    std::vector<WorkspaceEntry> all = {
        make(QStringLiteral("wine-small"), QStringLiteral("wine.csv"), QStringLiteral("class"),
             {QStringLiteral("baseline")}, {8}),
        make(QStringLiteral("wine-wide"), QStringLiteral("wine.csv"), QStringLiteral("class"),
             {QStringLiteral("paper"), QStringLiteral("baselines")}, {256, 256}),
        make(QStringLiteral("diabetes-mlp"), QStringLiteral("diabetes.csv"), QStringLiteral("progression"),
             {QStringLiteral("Baseline")}, {64}),
    };
    all.push_back({QStringLiteral("/ws/broken.experiment.json"), std::nullopt,
                   QStringLiteral("broken.experiment.json: line 2: bad JSON")});
    return all;
}

ExperimentStatistics TestExperimentList::scored(const QString& name, const std::vector<double>& validation)
{
    ExperimentStatistics s{};
    s.name = name;
    for (size_t i = 0; i < validation.size(); ++i)
        s.seeds.push_back({i + 1, validation[i], validation[i]});
    s.validation = Spread::of(validation, true);
    s.test = s.validation;
    s.ensembleValidation = s.ensembleTest = s.gainValidation = NAN;
    return s;
}

QStringList TestExperimentList::shownNames(const QAbstractItemModel& model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, ExperimentTableModel::Name).data().toString();
    return names;
}

void TestExperimentList::filterKeepsRowsWithEveryWord_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("shown");
    // An unreadable file has no name to sort by: its row comes last.
    QTest::addRow("nothing") << QString()
                             << QStringList{QStringLiteral("diabetes-mlp"), QStringLiteral("wine-small"),
                                            QStringLiteral("wine-wide"),
                                            QStringLiteral("broken.experiment.json")};
    QTest::addRow("name, any case") << QStringLiteral("WINE")
                                    << QStringList{QStringLiteral("wine-small"), QStringLiteral("wine-wide")};
    QTest::addRow("two words, both") << QStringLiteral("wine 256")
                                     << QStringList{QStringLiteral("wine-wide")};
    QTest::addRow("data file") << QStringLiteral("diabetes.csv")
                               << QStringList{QStringLiteral("diabetes-mlp")};
    QTest::addRow("target") << QStringLiteral("progression") << QStringList{QStringLiteral("diabetes-mlp")};
    QTest::addRow("tag as a word") << QStringLiteral("paper") << QStringList{QStringLiteral("wine-wide")};
    // #baseline is exactly that tag (any case), not "baselines".
    QTest::addRow("#tag") << QStringLiteral("#baseline")
                          << QStringList{QStringLiteral("diabetes-mlp"), QStringLiteral("wine-small")};
    QTest::addRow("error text of a broken file")
        << QStringLiteral("JSON") << QStringList{QStringLiteral("broken.experiment.json")};
    QTest::addRow("no match") << QStringLiteral("wine #nope") << QStringList{};
}

void TestExperimentList::filterKeepsRowsWithEveryWord()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, shown);
    ExperimentTableModel experiments;
    experiments.setEntries(entries());
    ExperimentListPanel panel(&experiments);
    QAbstractItemModelTester tester(panel.filterModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTest::keyClicks(panel.filterEdit(), filter);
    QCOMPARE(shownNames(*panel.filterModel()), shown); // sorted by name, as the table starts
    auto* count = panel.findChild<QLabel*>(QStringLiteral("experimentFilterCount"));
    QCOMPARE(count->isVisibleTo(&panel), !filter.isEmpty());
    QCOMPARE(count->text(), QStringLiteral("%1 of 4").arg(shown.size()));
}

// Removing the tag a filter shows a row by (in the Notes tab) keeps that row, selected, until the
// selection or the filter text moves on; a new filter text applies to it like to every row.
void TestExperimentList::theSelectedRowStaysWhenAnEditMakesItNoLongerMatch()
{
    ExperimentTableModel experiments;
    experiments.setEntries(entries());
    ExperimentListPanel panel(&experiments);
    QAbstractItemModelTester tester(panel.filterModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* count = panel.findChild<QLabel*>(QStringLiteral("experimentFilterCount"));
    QTest::keyClicks(panel.filterEdit(), QStringLiteral("#baseline"));
    panel.selectExperiment(QStringLiteral("wine-small"));
    QCOMPARE(panel.selectedExperiment(), QStringLiteral("wine-small"));
    QCoreApplication::processEvents(); // the selection has settled

    std::vector<WorkspaceEntry> edited = entries();
    edited[0].experiment->tags = {QStringLiteral("paper")}; // wine-small: its tag edited away
    experiments.setEntries(edited);
    QCOMPARE(shownNames(*panel.filterModel()),
             (QStringList{QStringLiteral("diabetes-mlp"), QStringLiteral("wine-small")}));
    QCOMPARE(panel.selectedExperiment(), QStringLiteral("wine-small"));

    panel.selectExperiment(QStringLiteral("diabetes-mlp"));
    QTRY_COMPARE(shownNames(*panel.filterModel()), QStringList{QStringLiteral("diabetes-mlp")});
    QCOMPARE(panel.selectedExperiment(), QStringLiteral("diabetes-mlp"));
    QCOMPARE(count->text(), QStringLiteral("1 of 4"));

    // Kept again while selected, then a new filter text hides it.
    panel.filterEdit()->clear();
    panel.selectExperiment(QStringLiteral("wine-small"));
    QCoreApplication::processEvents();
    QTest::keyClicks(panel.filterEdit(), QStringLiteral("#baseline"));
    QCOMPARE(shownNames(*panel.filterModel()), QStringList{QStringLiteral("diabetes-mlp")});
}

void TestExperimentList::ctrlFFocusesTheFilterAndEscapeClearsIt()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QLineEdit* filter = window.experimentList()->filterEdit();
    QTableView* view = window.experimentList()->view();
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClicks(filter, QStringLiteral("wine"));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(window.selectedExperiment(), QStringLiteral("wine-mlp")); // the row kept is selected
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(view->model()->rowCount(), window.experimentModel()->rowCount());
    QTRY_VERIFY(view->hasFocus());
}

void TestExperimentList::contextMenuActsOnTheRowUnderTheMouse()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTableView* view = window.experimentList()->view();
    QCOMPARE(window.selectedExperiment(), QStringLiteral("breast-cancer-mlp"));
    const QRect third = view->visualRect(view->model()->index(2, ExperimentTableModel::Seeds));
    std::unique_ptr<QMenu> menu(window.experimentList()->contextMenuAt(third.center()));
    QCOMPARE(window.selectedExperiment(), view->model()->index(2, 0).data().toString());
    QStringList texts;
    for (QAction* action : menu->actions())
        if (!action->isSeparator())
            texts << action->text().remove(QLatin1Char('&'));
    QCOMPARE(texts, QStringList({QStringLiteral("Run"), QStringLiteral("Duplicate as variant…"),
                                 QStringLiteral("Edit notes and tags"), QStringLiteral("Compare settings…"),
                                 QStringLiteral("Study randomness sources…"), QStringLiteral("Rename…"),
                                 QStringLiteral("Delete…"), QStringLiteral("Show in folder"),
                                 QStringLiteral("New experiment…")}));
    // Its Compare settings opens the side-by-side view with two experiments in it.
    for (QAction* action : menu->actions())
        if (action->objectName() == QStringLiteral("compareSettings"))
            action->trigger();
    QTRY_VERIFY(window.findChild<QDialog*>(QStringLiteral("settingsDiff")));
}

void TestExperimentList::everyHeaderSaysHowItsNumberIsComputed()
{
    ExperimentTableModel experiments;
    QSet<QString> seen;
    for (int column = 0; column < ExperimentTableModel::ColumnCount; ++column) {
        const QString tip = experiments.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(tip.size() > 30, qPrintable(QStringLiteral("column %1: \"%2\"").arg(column).arg(tip)));
        QVERIFY(!seen.contains(tip));
        seen.insert(tip);
    }
    QVERIFY(experiments.headerData(ExperimentTableModel::ValidationMean, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("t(0.975, N − 1)")));
    QVERIFY(experiments.headerData(ExperimentTableModel::Gain, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("positive is better")));
}

void TestExperimentList::firstOpenShowsEveryExperiment()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.resize(1200, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Nothing remembered for this workspace: the table is as tall as its five rows need.
    const int rows = window.experimentModel()->rowCount();
    QCOMPARE(rows, 5);
    QTRY_VERIFY(window.experimentList()->height() >= window.experimentList()->heightForRows(rows) - 1);
    QTableView* view = window.experimentList()->view();
    const QRect last = view->visualRect(view->model()->index(rows - 1, 0));
    QVERIFY(view->viewport()->rect().contains(last)); // the last row is shown whole, no scrolling
    QVERIFY(window.experimentList()->height() <= window.height() / 2); // and the plots keep the most
    // A window made taller later (the platform's geometry, the user) keeps fitting, up to 40%.
    window.resize(1200, 400);
    QTRY_VERIFY(window.experimentList()->height() <= 400 * 2 / 5);
    window.resize(1200, 1000);
    QTRY_VERIFY(window.experimentList()->height() >= window.experimentList()->heightForRows(rows) - 1);
}

// Sorted by a statistic, descending put the experiments without one ("—") above the best.
void TestExperimentList::experimentsNotRunSortLastEitherWay()
{
    ExperimentTableModel experiments;
    experiments.setEntries(entries());
    experiments.setStatistics(
        {{QStringLiteral("wine-small"), scored(QStringLiteral("wine-small"), {0.5, 0.6})},
         {QStringLiteral("wine-wide"), scored(QStringLiteral("wine-wide"), {0.8, 0.9})}});
    ExperimentFilterModel sorted;
    sorted.setSourceModel(&experiments);
    sorted.sort(ExperimentTableModel::ValidationMean, Qt::DescendingOrder);
    QCOMPARE(shownNames(sorted).mid(0, 2),
             QStringList({QStringLiteral("wine-wide"), QStringLiteral("wine-small")}));
    sorted.sort(ExperimentTableModel::ValidationMean, Qt::AscendingOrder);
    QCOMPARE(shownNames(sorted).mid(0, 2),
             QStringList({QStringLiteral("wine-small"), QStringLiteral("wine-wide")}));
}

// Columns are sized when a workspace opens, before any statistics: a number that arrives later
// ("0.00055478" under "Val std") must not be cut to "0.000…".
void TestExperimentList::columnsGrowToTheirNumbersUnlessTheUserSizedThem()
{
    ExperimentTableModel experiments;
    experiments.setEntries(entries());
    QSplitter splitter(Qt::Vertical);
    auto* list = new ExperimentListPanel(&experiments);
    splitter.addWidget(list);
    ExperimentTableLayout layout(&splitter, list, &experiments);
    layout.startWorkspace();
    QTableView* table = list->view();
    const QAbstractItemView* view = table; // QTableView hides sizeHintForColumn
    const int stdBefore = table->columnWidth(ExperimentTableModel::ValidationStd);

    experiments.setStatistics({{QStringLiteral("wine-small"),
                                scored(QStringLiteral("wine-small"), {0.00123456, 0.00234567, 0.0011111})}});
    layout.statisticsShown();
    QVERIFY2(table->columnWidth(ExperimentTableModel::ValidationStd) > stdBefore,
             qPrintable(experiments.index(0, ExperimentTableModel::ValidationStd).data().toString()));
    for (int column = 0; column < experiments.columnCount(); ++column)
        QVERIFY2(table->columnWidth(column) >= view->sizeHintForColumn(column),
                 qPrintable(QString::number(column)));

    // A column the user narrowed stays as the user left it; the others still grow.
    table->horizontalHeader()->resizeSection(ExperimentTableModel::ValidationStd, 30);
    std::vector<int> before;
    for (int column = 0; column < experiments.columnCount(); ++column)
        before.push_back(table->columnWidth(column));
    experiments.setStatistics(
        {{QStringLiteral("wine-small"),
          scored(QStringLiteral("wine-small"), {-0.00123456, -0.00234567, -0.0011111, -0.0002222})}});
    layout.statisticsShown();
    QCOMPARE(table->columnWidth(ExperimentTableModel::ValidationStd), 30);
    QVERIFY(view->sizeHintForColumn(ExperimentTableModel::ValidationStd) > 30); // so it was left alone
    int grown = 0;
    for (int column = 0; column < experiments.columnCount(); ++column) {
        grown += table->columnWidth(column) > before[column];
        if (column != ExperimentTableModel::ValidationStd)
            QVERIFY2(table->columnWidth(column) >= view->sizeHintForColumn(column),
                     qPrintable(QString::number(column)));
    }
    QStringList shown;
    for (int column = 0; column < experiments.columnCount(); ++column)
        shown << experiments.index(0, column).data().toString();
    QVERIFY2(grown > 0, qPrintable(shown.join(QStringLiteral(" | "))));

    // Widths the workspace was left with are the user's too: a reopened window keeps them.
    const QByteArray saved = table->horizontalHeader()->saveState();
    layout.startWorkspace();
    layout.restore({}, saved);
    layout.statisticsShown();
    QCOMPARE(table->columnWidth(ExperimentTableModel::ValidationStd), 30);

    // Another workspace: its columns are the layout's to size again.
    experiments.setStatistics({});
    layout.startWorkspace();
    experiments.setStatistics({{QStringLiteral("wine-small"),
                                scored(QStringLiteral("wine-small"), {0.00123456, 0.00234567, 0.0011111})}});
    QVERIFY(table->columnWidth(ExperimentTableModel::ValidationStd) <
            view->sizeHintForColumn(ExperimentTableModel::ValidationStd));
    layout.statisticsShown();
    QVERIFY(table->columnWidth(ExperimentTableModel::ValidationStd) >=
            view->sizeHintForColumn(ExperimentTableModel::ValidationStd));
}

QTEST_MAIN(TestExperimentList)
#include "tst_experimentlist.moc"
