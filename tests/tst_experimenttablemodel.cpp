// ExperimentTableModel on the sample workspace: one row per experiment file, statistics as they
// arrive, sortable values, the plots' check boxes, and unreadable files shown with their error.
#include "experimentfiltermodel.h"
#include "experimenttablemodel.h"
#include "plot/experimentmarkers.h"

#include "support/tempworkspace.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

#include <cmath>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

ExperimentStatistics statisticsOf(const QString& name, const std::vector<double>& validation, int failed)
{
    ExperimentStatistics s{};
    s.name = name;
    for (size_t i = 0; i < validation.size(); ++i)
        s.seeds.push_back({i + 1, validation[i], validation[i]});
    s.failedSeeds = failed;
    s.validation = Spread::of(validation, false);
    s.test = s.validation;
    s.ensembleValidation = 0.25;
    s.ensembleTest = 0.5;
    s.gainValidation = NAN; // undefined: shown as a dash, sorted last
    return s;
}

} // namespace

class TestExperimentTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsAndHeaders();
    void statisticsAndStatus();
    void sortRoleOrdersUndefinedLast();
    void pickNamesTheRulesThatChooseAnExperiment();
    void checkBoxHidesFromPlots();
    void sameFilesUpdateInPlace();
    void unreadableFileShowsItsError();
    void importedExperimentsAreRowsWithTheirStatistics();
    void aNameWithResultsShowsItsPlotMarker();

private:
    std::unique_ptr<TempWorkspace> m_workspace;
    std::unique_ptr<ExperimentTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestExperimentTableModel::init()
{
    m_workspace = std::make_unique<TempWorkspace>(TempWorkspace::Contents::Sample);
    m_model = std::make_unique<ExperimentTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_model->setEntries(Workspace(m_workspace->path()).scan());
}

void TestExperimentTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_workspace.reset();
}

void TestExperimentTableModel::rowsAndHeaders()
{
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->columnCount(), int(ExperimentTableModel::ColumnCount));
    const QStringList names = {QStringLiteral("breast-cancer-mlp"), QStringLiteral("diabetes-mlp"),
                               QStringLiteral("digits-cnn"), QStringLiteral("digits-mlp"),
                               QStringLiteral("wine-mlp")};
    for (int row = 0; row < 5; ++row) {
        QCOMPARE(m_model->index(row, ExperimentTableModel::Name).data().toString(), names[row]);
        QCOMPARE(m_model->nameAt(row), names[row]);
        QCOMPARE(m_model->rowOf(names[row]), row);
    }
    QCOMPARE(m_model->rowOf(QStringLiteral("absent")), -1);
    QCOMPARE(m_model->nameAt(5), QString());
    QCOMPARE(m_model->index(1, ExperimentTableModel::Dataset).data().toString(),
             QStringLiteral("diabetes.csv → progression"));
    QCOMPARE(m_model->index(1, ExperimentTableModel::Task).data().toString(), QStringLiteral("regression"));
    // An "auto" task reads as what the seeds were scored as, once there are statistics.
    const int wine = m_model->rowOf(QStringLiteral("wine-mlp"));
    QCOMPARE(m_model->index(wine, ExperimentTableModel::Task).data().toString(), QStringLiteral("auto"));
    ExperimentStatistics scored = statisticsOf(QStringLiteral("wine-mlp"), {0.1, 0.2}, 0);
    scored.task = seedscape::Task::Multiclass;
    scored.metric = seedscape::Metric::LogLoss;
    QSignalSpy resolved(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setStatistics({{QStringLiteral("wine-mlp"), scored}});
    QCOMPARE(resolved.count(), 1); // and the views repaint the Task and Metric columns
    QVERIFY(resolved.front().at(0).toModelIndex().column() <= ExperimentTableModel::Task);
    QVERIFY(resolved.front().at(1).toModelIndex().column() >= ExperimentTableModel::Metric);
    QCOMPARE(m_model->index(wine, ExperimentTableModel::Task).data().toString(),
             QStringLiteral("multiclass"));
    QCOMPARE(m_model->index(wine, ExperimentTableModel::Metric).data().toString(), QStringLiteral("logloss"));
    QCOMPARE(m_model->index(3, ExperimentTableModel::Dataset).data(Qt::ToolTipRole).toString(),
             m_model->entry(3).experiment->dataset.path);
    // Every column is named; rows are not.
    for (int column = 0; column < ExperimentTableModel::ColumnCount; ++column)
        QVERIFY2(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty(),
                 qPrintable(QString::number(column)));
    QCOMPARE(m_model->headerData(ExperimentTableModel::Name, Qt::Horizontal).toString(),
             QStringLiteral("Experiment"));
    QCOMPARE(m_model->headerData(ExperimentTableModel::Seeds, Qt::Horizontal).toString(),
             QStringLiteral("Seeds"));
    QVERIFY(!m_model->headerData(0, Qt::Vertical).isValid());
}

void TestExperimentTableModel::statisticsAndStatus()
{
    const int diabetes = m_model->rowOf(QStringLiteral("diabetes-mlp"));
    const int wanted = m_model->entry(diabetes).experiment->seeds.count;
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Status).data().toString(),
             QStringLiteral("not run"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data().toString(),
             QStringLiteral("0/%1").arg(wanted));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::ValidationMean).data().toString(),
             QStringLiteral("—"));

    // Every seed tried so far failed: no statistics, but "not run" would hide that it ran.
    m_model->setStatistics({}, {}, {{QStringLiteral("diabetes-mlp"), 5}});
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Status).data().toString(),
             QStringLiteral("failed"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data().toString(),
             QStringLiteral("0/%1 (5 failed)").arg(wanted));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setStatistics(
        {{QStringLiteral("diabetes-mlp"), statisticsOf(QStringLiteral("diabetes-mlp"), {0.5, 0.7}, 1)}});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Status).data().toString(),
             QStringLiteral("partial"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data().toString(),
             QStringLiteral("2/%1 (1 failed)").arg(wanted));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data(Qt::UserRole).toInt(), 2);
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data(Qt::ToolTipRole).toString(),
             QStringLiteral("finished seeds / seeds the definition asks for"));
    // Mean ± half the Student-t interval: t(0.975, 1) = 12.706, s = 0.1414, n = 2.
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::ValidationMean).data().toString(),
             QStringLiteral("0.6 ± 1.3"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::ValidationMean).data(Qt::UserRole).toDouble(),
             0.6);
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::ValidationRange).data().toString(),
             QStringLiteral("0.2"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::EnsembleTest).data().toString(),
             QStringLiteral("0.5"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Gain).data().toString(), QStringLiteral("—"));
    // The rest of the spread, to sort by as well: std (N − 1), IQM, the test scores' mean and range.
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::ValidationStd).data().toString(),
             QStringLiteral("0.14142"));
    QVERIFY(
        std::abs(m_model->index(diabetes, ExperimentTableModel::ValidationStd).data(Qt::UserRole).toDouble() -
                 std::sqrt(0.02)) < 1e-12);
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::ValidationIqm).data().toString(),
             QStringLiteral("0.6"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::TestMean).data().toString(),
             QStringLiteral("0.6 ± 1.3"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::TestRange).data().toString(),
             QStringLiteral("0.2"));
    QVERIFY(m_model->index(diabetes, ExperimentTableModel::Seeds).data(Qt::TextAlignmentRole).isValid());
    QVERIFY(m_model->index(diabetes, ExperimentTableModel::TestRange).data(Qt::TextAlignmentRole).isValid());

    changed.clear();
    m_model->setRunning({QStringLiteral("diabetes-mlp")});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Status).data().toString(),
             QStringLiteral("running"));
    m_model->setRunning({QStringLiteral("diabetes-mlp")});
    QCOMPARE(changed.count(), 1); // nothing changed, nothing said

    std::vector<double> all(static_cast<size_t>(wanted), 0.5);
    m_model->setRunning({});
    m_model->setStatistics(
        {{QStringLiteral("diabetes-mlp"), statisticsOf(QStringLiteral("diabetes-mlp"), all, 0)}});
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Status).data().toString(),
             QStringLiteral("done"));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data().toString(),
             QStringLiteral("%1/%1").arg(wanted));
    // The count lowered below the seeds stored: done, and the tooltip says every seed counts.
    all.resize(all.size() + 3, 0.6);
    m_model->setStatistics(
        {{QStringLiteral("diabetes-mlp"), statisticsOf(QStringLiteral("diabetes-mlp"), all, 0)}});
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data().toString(),
             QStringLiteral("%1/%2").arg(wanted + 3).arg(wanted));
    QCOMPARE(m_model->index(diabetes, ExperimentTableModel::Seeds).data(Qt::ToolTipRole).toString(),
             QStringLiteral(
                 "%1 seeds stored, more than the %2 the definition asks for: every statistic uses all %1")
                 .arg(wanted + 3)
                 .arg(wanted));
}

void TestExperimentTableModel::sortRoleOrdersUndefinedLast()
{
    m_model->setStatistics(
        {{QStringLiteral("diabetes-mlp"), statisticsOf(QStringLiteral("diabetes-mlp"), {0.5, 0.7}, 0)},
         {QStringLiteral("wine-mlp"), statisticsOf(QStringLiteral("wine-mlp"), {0.2, 0.4}, 0)}});
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(m_model.get());
    sorted.setSortRole(Qt::UserRole);
    QAbstractItemModelTester proxyTester(&sorted, QAbstractItemModelTester::FailureReportingMode::Fatal);
    sorted.sort(ExperimentTableModel::ValidationMean, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, ExperimentTableModel::Name).data().toString(), QStringLiteral("wine-mlp"));
    QCOMPARE(sorted.index(1, ExperimentTableModel::Name).data().toString(), QStringLiteral("diabetes-mlp"));
    // The three without statistics come after, in any order.
    const QSet<QString> unscored = {sorted.index(2, ExperimentTableModel::Name).data().toString(),
                                    sorted.index(3, ExperimentTableModel::Name).data().toString(),
                                    sorted.index(4, ExperimentTableModel::Name).data().toString()};
    QCOMPARE(unscored, (QSet<QString>{QStringLiteral("breast-cancer-mlp"), QStringLiteral("digits-cnn"),
                                      QStringLiteral("digits-mlp")}));
    sorted.sort(ExperimentTableModel::ValidationMean, Qt::DescendingOrder);
    QCOMPARE(sorted.index(3, ExperimentTableModel::Name).data().toString(), QStringLiteral("diabetes-mlp"));
    sorted.sort(ExperimentTableModel::Gain, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, ExperimentTableModel::Gain).data(Qt::UserRole).toDouble(),
             std::numeric_limits<double>::max());
}

void TestExperimentTableModel::pickNamesTheRulesThatChooseAnExperiment()
{
    const QString diabetes = QStringLiteral("diabetes-mlp"), wine = QStringLiteral("wine-mlp");
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setStatistics(
        {{diabetes, statisticsOf(diabetes, {0.5, 0.7}, 0)}, {wine, statisticsOf(wine, {0.2, 0.4}, 0)}},
        {{diabetes, {QStringLiteral("ensemble"), QStringLiteral("stability")}},
         {wine, {QStringLiteral("stability")}}});
    QCOMPARE(changed.count(), 1);
    const auto pickOf = [&](const QString& name) {
        return m_model->index(m_model->rowOf(name), ExperimentTableModel::Pick).data();
    };
    QCOMPARE(pickOf(diabetes).toString(), QStringLiteral("ensemble, stability"));
    QCOMPARE(pickOf(wine).toString(), QStringLiteral("stability"));
    QVERIFY(!pickOf(QStringLiteral("digits-mlp")).isValid());
    QCOMPARE(m_model->headerData(ExperimentTableModel::Pick, Qt::Horizontal).toString(),
             QStringLiteral("Pick"));
    QVERIFY(m_model->headerData(ExperimentTableModel::Pick, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("smallest range")));

    // Sorted by pick, the picked rows come first in either order.
    ExperimentFilterModel sorted;
    sorted.setSourceModel(m_model.get());
    sorted.setSortRole(Qt::UserRole);
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        sorted.sort(ExperimentTableModel::Pick, order);
        const QSet<QString> first = {sorted.index(0, ExperimentTableModel::Name).data().toString(),
                                     sorted.index(1, ExperimentTableModel::Name).data().toString()};
        QCOMPARE(first, (QSet<QString>{diabetes, wine}));
    }

    // New statistics without picks clear them.
    m_model->setStatistics({{diabetes, statisticsOf(diabetes, {0.5, 0.7}, 0)}});
    QVERIFY(!pickOf(diabetes).isValid());
}

void TestExperimentTableModel::checkBoxHidesFromPlots()
{
    const QModelIndex wine =
        m_model->index(m_model->rowOf(QStringLiteral("wine-mlp")), ExperimentTableModel::Name);
    QVERIFY(m_model->flags(wine) & Qt::ItemIsUserCheckable);
    QVERIFY(
        !(m_model->flags(m_model->index(wine.row(), ExperimentTableModel::Seeds)) & Qt::ItemIsUserCheckable));
    QCOMPARE(wine.data(Qt::CheckStateRole).toInt(), static_cast<int>(Qt::Checked));
    QSignalSpy visibility(m_model.get(), &ExperimentTableModel::visibilityChanged);

    QVERIFY(m_model->setData(wine, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(wine.data(Qt::CheckStateRole).toInt(), static_cast<int>(Qt::Unchecked));
    QCOMPARE(m_model->hidden(), QSet<QString>{QStringLiteral("wine-mlp")});
    QCOMPARE(visibility.count(), 1);
    // Only the check box of a name can be set.
    QVERIFY(!m_model->setData(m_model->index(wine.row(), ExperimentTableModel::Seeds), Qt::Checked,
                              Qt::CheckStateRole));
    QVERIFY(!m_model->setData(wine, QStringLiteral("renamed"), Qt::EditRole));
    QCOMPARE(visibility.count(), 1);

    m_model->setHidden({});
    QCOMPARE(wine.data(Qt::CheckStateRole).toInt(), static_cast<int>(Qt::Checked));
    QCOMPARE(visibility.count(), 2);
}

void TestExperimentTableModel::sameFilesUpdateInPlace()
{
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    std::vector<WorkspaceEntry> entries = Workspace(m_workspace->path()).scan();
    entries[0].experiment->seeds.count = 3;
    m_model->setEntries(entries);
    QCOMPARE(resets.count(), 0); // views keep their selection
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(0, ExperimentTableModel::Seeds).data().toString(), QStringLiteral("0/3"));

    entries.pop_back(); // a file went away: the rows are rebuilt
    m_model->setEntries(entries);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_model->rowCount(), 4);
}

void TestExperimentTableModel::unreadableFileShowsItsError()
{
    AtomicFile::write(m_workspace->experimentFile(QStringLiteral("worse")), "{\"format\": 7}");
    m_model->setEntries(Workspace(m_workspace->path()).scan());
    QCOMPARE(m_model->rowCount(), 6);
    const int row = 5; // sorted by file name
    const QString error = m_model->index(row, ExperimentTableModel::Dataset).data().toString();
    QVERIFY2(error.contains(QStringLiteral("format 7 is newer")), qPrintable(error));
    QCOMPARE(m_model->index(row, ExperimentTableModel::Name).data().toString(),
             QStringLiteral("worse.experiment.json"));
    QCOMPARE(m_model->index(row, ExperimentTableModel::Name).data(Qt::ToolTipRole).toString(), error);
    QVERIFY(m_model->index(row, ExperimentTableModel::Name).data(Qt::ForegroundRole).isValid());
    QVERIFY(!m_model->index(row, ExperimentTableModel::Seeds).data().isValid());
    QVERIFY(!(m_model->flags(m_model->index(row, ExperimentTableModel::Name)) & Qt::ItemIsUserCheckable));
    QCOMPARE(m_model->nameAt(row), QString());
    QVERIFY(!m_model->setData(m_model->index(row, ExperimentTableModel::Name), Qt::Unchecked,
                              Qt::CheckStateRole));
}

// Predictions imported from elsewhere have results and no file: the workspace lists them after the
// files, and the table shows them with their statistics, checkable like any other.
void TestExperimentTableModel::importedExperimentsAreRowsWithTheirStatistics()
{
    const Workspace workspace(m_workspace->path());
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/multiclass_accuracy");
    PredictionImporter::importInto(workspace, golden + QStringLiteral("/predictions.csv"),
                                   golden + QStringLiteral("/labels.csv"), Task::Multiclass,
                                   Metric::Accuracy);
    const std::vector<WorkspaceEntry> entries = workspace.scan();
    QCOMPARE(entries.size(), size_t(7)); // the 5 files, then m1 and m2
    QVERIFY(!entries[4].isImported() && entries[4].experiment);
    QCOMPARE(entries[5].importedName, QStringLiteral("m1"));
    QCOMPARE(entries[6].importedName, QStringLiteral("m2"));
    QVERIFY(!entries[5].experiment && entries[5].error.isEmpty());
    QCOMPARE(workspace.experimentNames().size(), 5); // definitions only
    QVERIFY(workspace.isImported(QStringLiteral("m1")) && !workspace.isImported(QStringLiteral("wine-mlp")));
    QCOMPARE(workspace.takenNames().size(), 7); // a new experiment takes none of these
    Experiment clash = workspace.experiment(QStringLiteral("wine-mlp"));
    clash.name = QStringLiteral("m1");
    QVERIFY_THROWS_EXCEPTION(InputError, workspace.add(clash, workspace.path())); // not over its seeds
    QVERIFY(!QFileInfo::exists(workspace.experimentFile(QStringLiteral("m1"))));

    m_model->setEntries(entries);
    ExperimentStatistics m1 = statisticsOf(QStringLiteral("m1"), {0.7, 0.8, 0.9}, 0);
    m1.task = Task::Multiclass;
    m1.metric = Metric::Accuracy;
    m_model->setStatistics({{QStringLiteral("m1"), m1}});
    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return m_model->index(5, column).data(role);
    };
    QCOMPARE(m_model->nameAt(5), QStringLiteral("m1"));
    QCOMPARE(cell(ExperimentTableModel::Name).toString(), QStringLiteral("m1"));
    QCOMPARE(cell(ExperimentTableModel::Status).toString(), QStringLiteral("imported"));
    QCOMPARE(cell(ExperimentTableModel::Seeds).toString(), QStringLiteral("3"));
    QCOMPARE(cell(ExperimentTableModel::ValidationRange).toString(), QStringLiteral("0.2"));
    QCOMPARE(cell(ExperimentTableModel::EnsembleTest).toString(), QStringLiteral("0.5"));
    QCOMPARE(cell(ExperimentTableModel::Task).toString(), QStringLiteral("multiclass"));
    QCOMPARE(cell(ExperimentTableModel::Metric).toString(), QStringLiteral("accuracy"));
    QCOMPARE(cell(ExperimentTableModel::Model).toString(), QStringLiteral("imported predictions"));
    QVERIFY(!cell(ExperimentTableModel::Name, Qt::ForegroundRole).isValid()); // not an error
    QVERIFY(cell(ExperimentTableModel::Name, Qt::ToolTipRole)
                .toString()
                .endsWith(QStringLiteral("/labels.json")));
    // Checkable: hidden from the plots like any other, and its statistics go into exports.
    QVERIFY(m_model->flags(m_model->index(5, ExperimentTableModel::Name)) & Qt::ItemIsUserCheckable);
    QCOMPARE(m_model->checkedStatistics().size(), size_t(1));
    QVERIFY(
        m_model->setData(m_model->index(5, ExperimentTableModel::Name), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(m_model->hidden().contains(QStringLiteral("m1")));
    QVERIFY(m_model->checkedStatistics().empty());
    QCOMPARE(m_model->definitions().size(), size_t(5));
}

void TestExperimentTableModel::aNameWithResultsShowsItsPlotMarker()
{
    const int wine = m_model->rowOf(QStringLiteral("wine-mlp")),
              diabetes = m_model->rowOf(QStringLiteral("diabetes-mlp"));
    QVERIFY(wine >= 0 && diabetes >= 0);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    // wine-mlp has results (its slot is remembered), diabetes-mlp none yet.
    const ExperimentColours colours(
        QStringList{QStringLiteral("breast-cancer-mlp"), QStringLiteral("wine-mlp")});
    m_model->setColours(colours);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(2).value<QList<int>>(), QList<int>{Qt::DecorationRole});
    const QVariant marker =
        m_model->data(m_model->index(wine, ExperimentTableModel::Name), Qt::DecorationRole);
    QCOMPARE(marker.typeId(), QMetaType::QPixmap);
    // The scatter's marker: wine-mlp's colour fills the middle, its shape (a square, slot 1) reaches
    // the corners, where a circle leaves them empty.
    QCOMPARE(colours.slotOf(QStringLiteral("wine-mlp")), 1);
    const QImage image = marker.value<QPixmap>().toImage();
    QCOMPARE(image.pixelColor(image.width() / 2, image.height() / 2).rgb(),
             ExperimentColours::palette(1).rgb());
    QVERIFY(image.pixelColor(3, 3).alpha() > 200);
    const QVariant circle = ExperimentMarkers::pixmap(0, ExperimentColours::palette(1), 14);
    QVERIFY(circle.value<QPixmap>().toImage().pixelColor(3, 3).alpha() < 50);
    // No colour is chosen for an experiment without results: it shows none, in a blank of the same
    // size that keeps the names in line.
    const QPixmap blank =
        m_model->data(m_model->index(diabetes, ExperimentTableModel::Name), Qt::DecorationRole)
            .value<QPixmap>();
    QCOMPARE(blank.size(), marker.value<QPixmap>().size());
    QCOMPARE(blank.toImage().pixelColor(blank.width() / 2, blank.height() / 2).alpha(), 0);
    QVERIFY(!m_model->data(m_model->index(wine, ExperimentTableModel::Seeds), Qt::DecorationRole).isValid());
}

QTEST_MAIN(TestExperimentTableModel)
#include "tst_experimenttablemodel.moc"
