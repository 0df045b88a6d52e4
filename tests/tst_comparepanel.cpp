// The Compare tab: the panel (picks, bootstrap intervals, expected best of n seeds) and what
// WorkspaceSnapshot computes for it, checked against the golden statistics of tests/data/stats (numpy/scipy)
// and against `seedscape-cli stats --bootstrap`.
#include "comparepanel.h"
#include "comparisonmatrixmodel.h"
#include "experimentactions.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "sweepcontroller.h"
#include "workspacesnapshot.h"

#include "common/numberformat.h"
#include "store/experimentresults.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include "support/experimentbuilder.h"
#include "support/processprobe.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

const QString kGoldenCase = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/regression_six_experiments");

nlohmann::json goldenExpected()
{
    std::ifstream in((kGoldenCase + QStringLiteral("/expected.json")).toStdString());
    return nlohmann::json::parse(in);
}

// A workspace holding the golden case's six experiments (e0 … e5, three to five seeds each).
QString importGolden(const QTemporaryDir& dir)
{
    const QString folder = dir.filePath(QStringLiteral("ws"));
    PredictionImporter::importInto(Workspace(folder), kGoldenCase + QStringLiteral("/predictions.csv"),
                                   kGoldenCase + QStringLiteral("/labels.csv"), Task::Regression,
                                   Metric::RMSE);
    return folder;
}

} // namespace

class TestComparePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bootstrapSaysWhatFewSeedsCannotGive();
    void emptyStatesNameWhatTheSelectedExperimentLacks();
    void snapshotComparesTheFocusWithinItsCheckedGroup();
    void anUncheckedFocusIsStillCompared();
    void tiedPicksNameTheEarliestAsTheCommandLineDoes();
    void bootstrapMatchesTheCommandLine();
    void bootstrapIsLeftOutOverItsBudget();
    void panelShowsPicksIntervalsAndExpectedBest();
    void panelSaysWhenThereIsNothingToCompare();
    void aRowIsChosenByDoubleClickOrEnter();
    void theWindowFillsTheCompareTab();
    void sourcesSayWhichSourceSpreadsMost();
    void theWindowRunsARandomnessStudy();
};

void TestComparePanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

// One seed gives no interval; a few seeds give one narrower than the t-interval, and that is said.
void TestComparePanel::bootstrapSaysWhatFewSeedsCannotGive()
{
    ComparePanel panel;
    ExperimentStatistics one;
    one.name = QStringLiteral("one");
    one.seeds = {{1, 0.5, 0.6}};
    one.validation = Spread::of({0.5}, false);
    one.test = Spread::of({0.6}, false);
    BootstrapIntervals none;
    none.resamples = 2000;
    panel.setData(&one, std::nullopt, none);
    QVERIFY2(panel.bootstrapText().startsWith(QStringLiteral("No bootstrap intervals from one seed")),
             qPrintable(panel.bootstrapText()));

    ExperimentStatistics five = one;
    five.name = QStringLiteral("five");
    five.seeds = {{1, 0.5, 0.6}, {2, 0.4, 0.7}, {3, 0.45, 0.65}, {4, 0.52, 0.61}, {5, 0.47, 0.66}};
    five.validation = Spread::of({0.5, 0.4, 0.45, 0.52, 0.47}, false);
    five.test = Spread::of({0.6, 0.7, 0.65, 0.61, 0.66}, false);
    BootstrapIntervals some = none;
    for (double* bounds : {some.validationMean, some.testMean, some.ensembleValidation, some.ensembleTest}) {
        bounds[0] = 0.4;
        bounds[1] = 0.6;
    }
    panel.setData(&five, std::nullopt, some);
    QVERIFY2(panel.bootstrapText().contains(QStringLiteral(
                 "With 5 seeds a bootstrap interval of the mean is expected to be about 63% as wide as the "
                 "t-interval")),
             qPrintable(panel.bootstrapText()));
    QVERIFY(
        panel.bootstrapText().contains(formatNumber(0.4, 4) + QStringLiteral(" – ") + formatNumber(0.6, 4)));
    // Enough seeds: nothing to add.
    ExperimentStatistics many = five;
    many.seeds.resize(20, many.seeds.front());
    panel.setData(&many, std::nullopt, some);
    QVERIFY2(!panel.bootstrapText().contains(QStringLiteral("as wide as")),
             qPrintable(panel.bootstrapText()));
}

// Not a general "select an experiment with seeds" while one is selected: what it lacks, and what
// to do about it.
void TestComparePanel::emptyStatesNameWhatTheSelectedExperimentLacks()
{
    ComparePanel panel;
    const ExperimentTableModel experiments;
    const auto text = [&](const char* label) {
        return QTextDocumentFragment::fromHtml(panel.findChild<QLabel*>(QLatin1String(label))->text())
            .toPlainText();
    };
    WorkspaceSnapshot snapshot;
    snapshot.selected = QStringLiteral("broken");
    snapshot.failedOnly[QStringLiteral("broken")] = 3;
    panel.showSnapshot(snapshot, experiments);
    QCOMPARE(
        text("compareEmpty"),
        QStringLiteral("broken has no finished seed to compare: all its 3 seeds failed (the Seeds tab says "
                       "why)."));
    snapshot.selected = QStringLiteral("fresh");
    panel.showSnapshot(snapshot, experiments);
    QVERIFY2(
        text("compareEmpty").startsWith(QStringLiteral("fresh has no finished seed to compare yet: run it")),
        qPrintable(text("compareEmpty")));

    // Alone on its rows: no other experiment to check, so the way to get one.
    ExperimentStatistics only;
    only.name = QStringLiteral("only");
    only.seeds = {{1, 0.5, 0.6}, {2, 0.4, 0.7}};
    only.validation = Spread::of({0.5, 0.4}, false);
    only.test = Spread::of({0.6, 0.7}, false);
    only.group.key = QStringLiteral("rows");
    snapshot.selected = snapshot.focus = QStringLiteral("only");
    snapshot.statistics[QStringLiteral("only")] = only;
    snapshot.focusGroup = WorkspaceStatistics::fromExperiments({only}).groups.front();
    panel.showSnapshot(snapshot, experiments);
    QVERIFY2(text("compareAlone")
                 .startsWith(QStringLiteral(
                     "No other experiment with seeds is scored on the same rows as only: make a variant")),
             qPrintable(text("compareAlone")));
    // Another of its rows exists, unchecked: checking it is the way.
    ExperimentStatistics other = only;
    other.name = QStringLiteral("other");
    snapshot.statistics[QStringLiteral("other")] = other;
    panel.showSnapshot(snapshot, experiments);
    QVERIFY2(text("compareAlone").contains(QStringLiteral("check experiments of its comparison group")),
             qPrintable(text("compareAlone")));
}

void TestComparePanel::snapshotComparesTheFocusWithinItsCheckedGroup()
{
    QTemporaryDir dir;
    const QString folder = importGolden(dir);
    const WorkspaceSnapshot snapshot =
        WorkspaceSnapshot::build(folder, QStringLiteral("e2"), {QStringLiteral("e5")});
    QVERIFY(snapshot.focusGroup.has_value());
    const WorkspaceStatistics::Group& group = *snapshot.focusGroup;
    QCOMPARE(group.experiments, (QStringList{QStringLiteral("e2"), QStringLiteral("e0"), QStringLiteral("e1"),
                                             QStringLiteral("e3"), QStringLiteral("e4")}));
    QCOMPARE(group.comparisons.size(), size_t(5 * 4)); // every ordered pair, e5 (unchecked) left out

    const nlohmann::json golden = goldenExpected()["groups"][0];
    int matched = 0;
    for (const auto& expected : golden["comparisons"])
        for (const WorkspaceStatistics::Comparison& c : group.comparisons)
            if (c.a.toStdString() == expected["a"].get<std::string>() &&
                c.b.toStdString() == expected["b"].get<std::string>()) {
                QCOMPARE(c.pBetterValidation, expected["p_better_val"].get<double>());
                QCOMPARE(c.pBetterTest, expected["p_better_test"].get<double>());
                QCOMPARE(c.seedsA, expected["n_a"].get<int>());
                ++matched;
            }
    QCOMPARE(matched, 20);
    QCOMPARE(group.pickByEnsemble.toStdString(), golden["pick"]["by_ensemble"].get<std::string>());
    QCOMPARE(group.pickByStability.toStdString(), golden["pick"]["by_stability"].get<std::string>());

    // The table's Pick column: the picks among the checked experiments, per comparison group.
    QCOMPARE(snapshot.picks.size(), size_t(1));
    QCOMPARE(snapshot.picks.at(QStringLiteral("e0")),
             (QStringList{QStringLiteral("ensemble"), QStringLiteral("stability")}));
    const WorkspaceSnapshot withoutBest =
        WorkspaceSnapshot::build(folder, QStringLiteral("e2"), {QStringLiteral("e0")});
    QVERIFY(!withoutBest.picks.count(QStringLiteral("e0")));
    int ensemblePicks = 0;
    for (const auto& [name, rules] : withoutBest.picks)
        ensemblePicks += static_cast<int>(rules.count(QStringLiteral("ensemble")));
    QCOMPARE(ensemblePicks, 1);
    // Checked alone, e0 is picked over nothing: the Pick column stays empty.
    QSet<QString> allButE0;
    for (int i = 1; i <= 5; ++i)
        allButE0 << QStringLiteral("e%1").arg(i);
    QVERIFY(WorkspaceSnapshot::build(folder, QStringLiteral("e0"), allButE0).picks.empty());
}

void TestComparePanel::anUncheckedFocusIsStillCompared()
{
    QTemporaryDir dir;
    const QString folder = importGolden(dir);
    const WorkspaceSnapshot snapshot =
        WorkspaceSnapshot::build(folder, QStringLiteral("e5"), {QStringLiteral("e5"), QStringLiteral("e4")});
    QVERIFY(snapshot.focusGroup.has_value());
    QCOMPARE(snapshot.focusGroup->experiments.front(), QStringLiteral("e5"));
    QVERIFY(!snapshot.focusGroup->experiments.contains(QStringLiteral("e4")));
    QCOMPARE(snapshot.focusGroup->experiments.size(), 5);
}

// A twin of e0 (the same predictions) ties it on both picks. The earliest in the workspace wins, as
// in `stats` and the report, although the selected twin comes first in the window's lists.
void TestComparePanel::tiedPicksNameTheEarliestAsTheCommandLineDoes()
{
    QTemporaryDir dir;
    const QString predictions = dir.filePath(QStringLiteral("twins.csv"));
    {
        QFile golden(kGoldenCase + QStringLiteral("/predictions.csv"));
        QVERIFY(golden.open(QIODevice::ReadOnly));
        QByteArray csv = golden.readAll();
        for (const QByteArray& line : csv.split('\n'))
            if (line.startsWith("e0,"))
                csv += "e0-twin" + line.mid(2) + '\n';
        QFile out(predictions);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(csv);
    }
    const QString folder = dir.filePath(QStringLiteral("ws"));
    PredictionImporter::importInto(Workspace(folder), predictions,
                                   kGoldenCase + QStringLiteral("/labels.csv"), Task::Regression,
                                   Metric::RMSE);
    const WorkspaceSnapshot snapshot = WorkspaceSnapshot::build(folder, QStringLiteral("e0-twin"), {});
    QVERIFY(snapshot.focusGroup.has_value());
    QCOMPARE(snapshot.focusGroup->experiments.front(), QStringLiteral("e0-twin")); // the matrix's first row
    QCOMPARE(snapshot.focusGroup->pickByEnsemble, QStringLiteral("e0"));
    QCOMPARE(snapshot.focusGroup->pickByStability, QStringLiteral("e0"));
    QCOMPARE(snapshot.picks.at(QStringLiteral("e0")),
             (QStringList{QStringLiteral("ensemble"), QStringLiteral("stability")}));
    QVERIFY(!snapshot.picks.count(QStringLiteral("e0-twin")));

    const ProgramOutput stats =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), folder, QStringLiteral("--json")});
    QCOMPARE(stats.exitCode, 0);
    const auto pick = nlohmann::json::parse(stats.out.toStdString())["groups"][0]["pick"];
    QCOMPARE(pick["by_ensemble"].get<std::string>(), std::string("e0"));
    QCOMPARE(pick["by_stability"].get<std::string>(), std::string("e0"));
}

void TestComparePanel::bootstrapMatchesTheCommandLine()
{
    QTemporaryDir dir;
    const QString folder = importGolden(dir);
    const WorkspaceSnapshot snapshot = WorkspaceSnapshot::build(folder, QStringLiteral("e3"), {});
    QVERIFY(snapshot.focusBootstrap.has_value());
    QCOMPARE(snapshot.focusBootstrap->resamples, WorkspaceSnapshot::kBootstrapResamples);

    const ProgramOutput stats =
        runCli({QStringLiteral("stats"), QStringLiteral("--workspace"), folder, QStringLiteral("--json"),
                QStringLiteral("--bootstrap"), QString::number(WorkspaceSnapshot::kBootstrapResamples)});
    QCOMPARE(stats.exitCode, 0);
    const auto document = nlohmann::json::parse(stats.out.toStdString());
    bool found = false;
    for (const auto& e : document["experiments"])
        if (e["name"] == "e3") {
            const auto& b = e["bootstrap"];
            const BootstrapIntervals& shown = *snapshot.focusBootstrap;
            for (int i = 0; i < 2; ++i) {
                QCOMPARE(shown.validationMean[i], b["val_mean"][i].get<double>());
                QCOMPARE(shown.testMean[i], b["test_mean"][i].get<double>());
                QCOMPARE(shown.ensembleValidation[i], b["ensemble_val"][i].get<double>());
                QCOMPARE(shown.ensembleTest[i], b["ensemble_test"][i].get<double>());
            }
            QVERIFY(shown.validationMean[0] < shown.validationMean[1]);
            found = true;
        }
    QVERIFY(found);
}

void TestComparePanel::bootstrapIsLeftOutOverItsBudget()
{
    ExperimentResults results;
    results.name = QStringLiteral("big");
    results.labels.validation.assign(10, 1.0);
    results.labels.test.assign(10, 1.0);
    SeedResult seed;
    seed.seed = 1;
    seed.validationPredictions.assign(10, 1.0);
    seed.testPredictions.assign(10, 2.0);
    results.seeds = {seed, seed};
    results.seeds[1].seed = 2;
    QVERIFY(WorkspaceSnapshot::bootstrapOf(results).has_value());

    // Rows enough that resampling them at every update would take seconds: left out, not slow.
    const size_t rows =
        static_cast<size_t>(WorkspaceSnapshot::kBootstrapBudget / WorkspaceSnapshot::kBootstrapResamples);
    results.labels.validation.assign(rows, 1.0);
    QVERIFY(!WorkspaceSnapshot::bootstrapOf(results).has_value());
    results.seeds.clear();
    QVERIFY(!WorkspaceSnapshot::bootstrapOf(results).has_value());
}

void TestComparePanel::panelShowsPicksIntervalsAndExpectedBest()
{
    QTemporaryDir dir;
    const QString folder = importGolden(dir);
    WorkspaceSnapshot snapshot = WorkspaceSnapshot::build(folder, QStringLiteral("e1"), {});
    ComparePanel panel;
    const ExperimentStatistics& focus = snapshot.statistics.at(QStringLiteral("e1"));
    panel.setData(&focus, snapshot.focusGroup, snapshot.focusBootstrap);

    QCOMPARE(panel.matrix()->rowCount(), 6);
    QCOMPARE(panel.matrix()->experimentAt(0), QStringLiteral("e1"));
    QVERIFY2(panel.picksText().contains(
                 QStringLiteral("Pick by ensemble (best full-ensemble validation score): e0")),
             qPrintable(panel.picksText()));
    // What each pick wins by, from the golden file's numbers: e2's ensemble (14.375) is the next
    // best RMSE, e1's range (8.08) the next smallest.
    QVERIFY2(panel.picksText().contains(QStringLiteral(
                 "By ensemble, e0 leads the runner-up, e2, by 6.0 (8.4 against 14.4); a single seed of e0 "
                 "beats one of e2 on validation with P = 1. By stability, e0's validation range is 6.9 "
                 "against the runner-up e1's 8.1.")),
             qPrintable(panel.picksText()));
    // e0 is the steadiest over 3 seeds, against up to 5 of the others: said beside the pick.
    QVERIFY2(panel.picksText().contains(
                 QStringLiteral("The stability pick's range spans 3 seeds, other experiments' up to 5")),
             qPrintable(panel.picksText()));
    const QString intervals = panel.bootstrapText();
    QVERIFY2(intervals.contains(QStringLiteral("2000 resamples of the %1 seeds").arg(focus.seedCount())),
             qPrintable(intervals));
    const BootstrapIntervals& b = *snapshot.focusBootstrap;
    for (const double* bounds : {b.validationMean, b.testMean, b.ensembleValidation, b.ensembleTest})
        QVERIFY2(intervals.contains(formatNumber(bounds[0], 4) + QStringLiteral(" – ") +
                                    formatNumber(bounds[1], 4)),
                 qPrintable(intervals));

    // Expected best of n, n = 1..N, against numpy's (make_golden.py), and its lead over the mean.
    const nlohmann::json golden = goldenExpected()["experiments"][1];
    QCOMPARE(golden["name"], "e1");
    const QStandardItemModel* best = panel.expectedBest();
    QCOMPARE(best->rowCount(), focus.seedCount());
    QCOMPARE(best->columnCount(), ComparePanel::kBestColumns);
    // A best of n on test is a pick made on test scores, not the test score of the seed best on
    // validation: the header says so where it is read.
    QCOMPARE(best->headerData(3, Qt::Horizontal).toString(),
             QStringLiteral("Test: best of n, picked on test"));
    const double mean = golden["val"]["mean"].get<double>();
    for (int n = 1; n <= focus.seedCount(); ++n) {
        const double expected = golden["val"]["expected_best"][std::to_string(n)].get<double>();
        QCOMPARE(best->index(n - 1, 0).data(Qt::UserRole).toInt(), n);
        QVERIFY(std::abs(best->index(n - 1, 1).data(Qt::UserRole).toDouble() - expected) <=
                1e-9 * std::abs(expected));
        const double lead = best->index(n - 1, 2).data(Qt::UserRole).toDouble();
        QVERIFY(std::abs(lead - (mean - expected)) <= 1e-9 * std::abs(mean)); // RMSE: lower is better
        QVERIFY(lead >= 0);
    }
    QCOMPARE(best->index(0, 2).data(Qt::UserRole).toDouble(), 0.0); // the best of one seed is the mean
    QCOMPARE(best->index(0, 2).data().toString(), QStringLiteral("0"));
    QVERIFY(best->index(focus.seedCount() - 1, 2).data(Qt::UserRole).toDouble() > 0);
}

void TestComparePanel::panelSaysWhenThereIsNothingToCompare()
{
    ComparePanel panel;
    panel.show();
    auto* empty = panel.findChild<QLabel*>(QStringLiteral("compareEmpty"));
    auto* alone = panel.findChild<QLabel*>(QStringLiteral("compareAlone"));
    auto* matrix = panel.findChild<QTableView*>(QStringLiteral("comparisonMatrix"));
    QVERIFY(empty && alone && matrix);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("Select an experiment with finished seeds")));

    ExperimentStatistics single;
    single.name = QStringLiteral("only");
    single.seeds = {{1, 0.5, 0.6}, {2, 0.4, 0.7}};
    single.validation = Spread::of({0.5, 0.4}, false);
    single.test = Spread::of({0.6, 0.7}, false);
    const WorkspaceStatistics::Group group = WorkspaceStatistics::fromExperiments({single}).groups.front();
    panel.setData(&single, group, std::nullopt);
    QVERIFY(!empty->isVisible());
    QVERIFY(alone->isVisible());
    QVERIFY(!matrix->isVisible());
    QVERIFY(alone->text().contains(QStringLiteral("No other checked experiment")));
    // The only candidate is no pick (the table's Pick column agrees).
    QVERIFY2(
        panel.picksText().contains(QStringLiteral(
            "Pick by stability (smallest single-seed validation range): none (only is the only candidate, "
            "and a pick among one compares nothing)")),
        qPrintable(panel.picksText()));
    QVERIFY(!panel.picksText().contains(QStringLiteral("(selected)")));
    QVERIFY2(panel.bootstrapText().contains(QStringLiteral("seedscape-cli stats --bootstrap 2000")),
             qPrintable(panel.bootstrapText()));
    QCOMPARE(panel.expectedBest()->rowCount(), 2);

    panel.setData(nullptr, std::nullopt, std::nullopt);
    QVERIFY(empty->isVisible());
    QCOMPARE(panel.matrix()->rowCount(), 0);
}

void TestComparePanel::aRowIsChosenByDoubleClickOrEnter()
{
    ComparePanel panel;
    ExperimentStatistics a;
    a.name = QStringLiteral("a");
    a.seeds = {{1, 0.5, 0.6}};
    a.validation = Spread::of({0.5}, false);
    a.test = Spread::of({0.6}, false);
    ExperimentStatistics b = a, c = a;
    b.name = QStringLiteral("b");
    c.name = QStringLiteral("c");
    panel.setData(&a, WorkspaceStatistics::fromExperiments({a, b, c}).groups.front(), std::nullopt);
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* view = panel.findChild<QTableView*>(QStringLiteral("comparisonMatrix"));
    QSignalSpy chosen(&panel, &ComparePanel::experimentChosen);
    const QRect cell = view->visualRect(panel.matrix()->index(2, 0));
    // As a window system delivers it: press, release, then the double click on the same cell.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.takeFirst().at(0).toString(), QStringLiteral("c"));

    // From the keyboard: the arrows move to a row, Enter chooses it.
    view->setFocus();
    view->setCurrentIndex(panel.matrix()->index(1, 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.takeFirst().at(0).toString(), QStringLiteral("b"));
}

void TestComparePanel::theWindowFillsTheCompareTab()
{
    QTemporaryDir dir;
    const QString folder = importGolden(dir);
    MainWindow window;
    QVERIFY(window.openWorkspace(folder));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    QVERIFY(tabs->indexOf(window.comparePanel()) >= 0);
    QCOMPARE(tabs->tabText(tabs->indexOf(window.comparePanel())), QStringLiteral("Compare"));
    window.selectExperiment(QStringLiteral("e4"));
    QTRY_COMPARE(window.comparePanel()->matrix()->experimentAt(0), QStringLiteral("e4"));
    QCOMPARE(window.comparePanel()->matrix()->rowCount(), 6);

    // A double-click in the matrix selects that experiment in the window.
    Q_EMIT window.comparePanel()->experimentChosen(QStringLiteral("e2"));
    QTRY_COMPARE(window.comparePanel()->matrix()->experimentAt(0), QStringLiteral("e2"));
}

void TestComparePanel::sourcesSayWhichSourceSpreadsMost()
{
    ComparePanel panel;
    panel.show();
    auto* table = panel.findChild<QTableView*>(QStringLiteral("sourcesTable"));
    const auto row = [](const QString& name, const QStringList& vary, std::vector<double> scores) {
        return RandomnessStudy::Row{name, vary, static_cast<int>(scores.size()), Spread::of(scores, false),
                                    Spread::of(scores, false)};
    };
    const QStringList all = {QStringLiteral("init"), QStringLiteral("order"), QStringLiteral("dropout")};
    panel.setSources({row(QStringLiteral("mlp"), all, {1, 2, 3}),
                      row(QStringLiteral("mlp-only-init"), {QStringLiteral("init")}, {1, 2.5}),
                      row(QStringLiteral("mlp-only-order"), {QStringLiteral("order")}, {1, 1.2})});
    QCOMPARE(panel.sources()->rowCount(), 3);
    QVERIFY(!table->isHidden());
    // Every cell's text fits its column on one line: no "0." over "0009145", no name broken.
    panel.setSources(
        {row(QStringLiteral("wine-mlp-only-order"), {QStringLiteral("order")}, {0.0009145, 0.0021}),
         row(QStringLiteral("mlp"), all, {1, 2, 3})});
    for (int r = 0; r < panel.sources()->rowCount(); ++r)
        for (int c = 0; c < panel.sources()->columnCount(); ++c) {
            const QString text = panel.sources()->index(r, c).data().toString();
            QTRY_VERIFY2(table->columnWidth(c) >= table->fontMetrics().horizontalAdvance(text),
                         qPrintable(QStringLiteral("%1 in %2 pixels").arg(text).arg(table->columnWidth(c))));
        }
    panel.setSources({row(QStringLiteral("mlp"), all, {1, 2, 3}),
                      row(QStringLiteral("mlp-only-init"), {QStringLiteral("init")}, {1, 2.5}),
                      row(QStringLiteral("mlp-only-order"), {QStringLiteral("order")}, {1, 1.2})});
    QCOMPARE(panel.sources()->index(1, 1).data().toString(), QStringLiteral("init"));
    QCOMPARE(panel.sources()->index(0, 3).data(Qt::UserRole).toDouble(), 1.0); // std of 1, 2, 3
    QVERIFY2(panel.sourcesText().contains(
                 QStringLiteral("init spreads the validation scores most: std 1.061, against 1 "
                                "with init, order, dropout varying (mlp)")),
             qPrintable(panel.sourcesText()));

    QVERIFY(panel.sourcesText().contains(
        QStringLiteral("From 2 seeds a standard deviation is itself uncertain")));
    // Before the experiment itself has seeds, its spread is undefined: the line says to train it.
    panel.setSources({row(QStringLiteral("mlp"), all, {}),
                      row(QStringLiteral("mlp-only-order"), {QStringLiteral("order")}, {1, 1.2})});
    QVERIFY2(panel.sourcesText().contains(
                 QStringLiteral("order spreads the validation scores most: std 0.1414. Train mlp")),
             qPrintable(panel.sourcesText()));

    // Variants without their base (copied out of the study's workspace): no full spread to compare with,
    // and a variant is never its own "full spread".
    panel.setSources({row(QStringLiteral("mlp-only-init"), {QStringLiteral("init")}, {1, 2.5}),
                      row(QStringLiteral("mlp-only-order"), {QStringLiteral("order")}, {1, 1.2})});
    QVERIFY2(
        panel.sourcesText().startsWith(QStringLiteral(
            "Of one source alone, init spreads the validation scores most: std 1.061. No experiment here "
            "varies more than one source")),
        qPrintable(panel.sourcesText()));

    // Alone: how to study it, or why it cannot be.
    panel.setSources({row(QStringLiteral("mlp"), all, {1, 2})});
    QVERIFY(table->isHidden());
    QVERIFY(panel.sourcesText().contains(QStringLiteral("Study randomness sources")));
    panel.setSources({row(QStringLiteral("cmd"), {}, {1, 2})},
                     QStringLiteral("A program you run owns its randomness."));
    QCOMPARE(panel.sourcesText(), QStringLiteral("A program you run owns its randomness."));
}

void TestComparePanel::theWindowRunsARandomnessStudy()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("ws"));
    ExperimentBuilder(QStringLiteral("quick"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({8})
        .dropout(0.2)
        .epochs(3)
        .seeds(3)
        .saveIn(folder);
    MainWindow window;
    QVERIFY(window.openWorkspace(folder));
    window.selectExperiment(QStringLiteral("quick"));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.experimentActions()->createRandomnessStudy(QStringLiteral("quick")));
    for (const QString& source : {QStringLiteral("init"), QStringLiteral("order"), QStringLiteral("dropout")})
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/quick-only-%1.experiment.json").arg(source)));
    QCOMPARE(window.experimentModel()->rowCount(), 4);
    QVERIFY(window.sweeps()->isRunning()); // the three variants train at once
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    QCOMPARE(tabs->currentWidget(), window.comparePanel());
    QVERIFY(ended.wait(120000));
    QCOMPARE(ended.first().at(0).toBool(), false); // not cancelled

    // The variants' spreads beside the experiment, which has no seeds yet.
    QTRY_COMPARE_WITH_TIMEOUT(window.comparePanel()->sources()->rowCount(), 4, 20000);
    QCOMPARE(window.comparePanel()->sources()->index(0, 0).data().toString(), QStringLiteral("quick"));
    QTRY_VERIFY2(window.comparePanel()->sourcesText().contains(QStringLiteral("Train quick")),
                 qPrintable(window.comparePanel()->sourcesText()));
    // Seen, not only filled: the sources table shows although quick itself has no seeds yet.
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.comparePanel()->findChild<QTableView*>(QStringLiteral("sourcesTable"))->isVisible());
    QVERIFY(window.comparePanel()->findChild<QLabel*>(QStringLiteral("compareEmpty"))->isVisible());
    for (int row = 1; row < 4; ++row) {
        QCOMPARE(window.comparePanel()->sources()->index(row, 2).data().toString(), QStringLiteral("3"));
        QVERIFY(window.comparePanel()->sources()->index(row, 3).data(Qt::UserRole).toDouble() > 0);
    }

    // Once the experiment itself is trained, each source is set beside the full spread.
    ended.clear();
    QVERIFY(window.runExperiments(window.experimentModel()->rowOf(QStringLiteral("quick"))));
    QVERIFY(ended.wait(120000));
    QTRY_VERIFY2_WITH_TIMEOUT(window.comparePanel()->sourcesText().contains(
                                  QStringLiteral("with init, order, dropout varying (quick)")),
                              qPrintable(window.comparePanel()->sourcesText()), 20000);
    // The variants are quick with less randomness: quick is the only candidate, so no pick, and the
    // panel says why.
    const QString picks = window.comparePanel()->picksText();
    QVERIFY2(
        picks.contains(
            QStringLiteral("Pick by stability (smallest single-seed validation range): none (quick "
                           "is the only candidate, and a pick among one compares nothing)")) &&
            picks.contains(QStringLiteral("Not picked: quick-only-dropout, quick-only-init, quick-only-order "
                                          "hold a source of randomness fixed")),
        qPrintable(picks));
    for (const QString& variant : {QStringLiteral("quick-only-init"), QStringLiteral("quick-only-dropout")})
        QVERIFY(window.experimentModel()
                    ->index(window.experimentModel()->rowOf(variant), ExperimentTableModel::Pick)
                    .data()
                    .toString()
                    .isEmpty());
}

QTEST_MAIN(TestComparePanel)
#include "tst_comparepanel.moc"
