// Experiment → Compare settings…: the checked experiments' settings side by side, changes highlighted.
#include "settingsdiffdialog.h"
#include "settingsdiffmodel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFont>
#include <QListWidget>
#include <QtTest>

using namespace seedscape;

namespace {

const QString kBase = QStringLiteral("base");
const QString kFaster = QStringLiteral("faster");
const QString kWider = QStringLiteral("wider");

// A workspace of three experiments: faster changes lr and epochs, wider the hidden layers.
std::vector<Experiment> workspace()
{
    Experiment base;
    base.name = kBase;
    base.dataset.path = QStringLiteral("data/wine.csv");
    base.dataset.target = QStringLiteral("cultivar");
    Experiment faster = base;
    faster.name = kFaster;
    faster.training.lr = 0.01;
    faster.training.epochs = 50;
    Experiment wider = base;
    wider.name = kWider;
    wider.model.hidden = {256, 256};
    return {base, faster, wider};
}

QStringList shownPaths(const SettingsDiffModel& model)
{
    QStringList paths;
    for (int row = 0; row < model.rowCount(); ++row)
        paths << model.index(row, 0).data(SettingsDiffModel::PathRole).toString();
    return paths;
}

QStringList headers(const SettingsDiffModel& model)
{
    QStringList names;
    for (int column = 0; column < model.columnCount(); ++column)
        names << model.headerData(column, Qt::Horizontal).toString();
    return names;
}

bool isBold(const QModelIndex& index)
{
    const QVariant font = index.data(Qt::FontRole);
    return font.isValid() && font.value<QFont>().bold();
}

QListWidgetItem* itemNamed(const SettingsDiffDialog& dialog, const QString& name)
{
    const QList<QListWidgetItem*> found = dialog.experimentList()->findItems(name, Qt::MatchExactly);
    return found.size() == 1 ? found.first() : nullptr;
}

} // namespace

class TestSettingsDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensNonModalWithTheChosenChecked();
    void modelPassesTheTester();
    void onlyDifferencesShowsTheChangedSettings_data();
    void onlyDifferencesShowsTheChangedSettings();
    void differingRowsAreBoldOnTheHighlight();
    void highlightFollowsAPaletteChange();
    void checkingAThirdExperimentAddsAColumn();
    void summaryCountsTheDifferences();
};

void TestSettingsDiff::opensNonModalWithTheChosenChecked()
{
    SettingsDiffDialog dialog(workspace(), {kBase, kWider, QStringLiteral("not in the workspace")}, nullptr);
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Compare settings"));
    QVERIFY(!dialog.isModal());
    QCOMPARE(dialog.experimentList()->count(), 3);
    QCOMPARE(dialog.checkedNames(), (QStringList{kBase, kWider}));
    QCOMPARE(itemNamed(dialog, kFaster)->checkState(), Qt::Unchecked);
    QVERIFY(dialog.onlyDifferencesBox()->isChecked());
}

void TestSettingsDiff::modelPassesTheTester()
{
    SettingsDiffDialog dialog(workspace(), {kBase, kFaster}, nullptr);
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.onlyDifferencesBox()->setChecked(false);
    itemNamed(dialog, kWider)->setCheckState(Qt::Checked);
    dialog.onlyDifferencesBox()->setChecked(true);
    itemNamed(dialog, kBase)->setCheckState(Qt::Unchecked);
    itemNamed(dialog, kFaster)->setCheckState(Qt::Unchecked);
    itemNamed(dialog, kWider)->setCheckState(Qt::Unchecked);
    QCOMPARE(dialog.model()->columnCount(), 1); // only the labels left
    QCOMPARE(dialog.model()->rowCount(), 0);
}

void TestSettingsDiff::onlyDifferencesShowsTheChangedSettings_data()
{
    QTest::addColumn<bool>("onlyDifferences");
    QTest::addColumn<bool>("allRows");

    QTest::newRow("only differences") << true << false;
    QTest::newRow("every setting") << false << true;
}

void TestSettingsDiff::onlyDifferencesShowsTheChangedSettings()
{
    QFETCH(bool, onlyDifferences);
    QFETCH(bool, allRows);

    SettingsDiffDialog dialog(workspace(), {kBase, kFaster}, nullptr);
    dialog.onlyDifferencesBox()->setChecked(!onlyDifferences); // a real toggle both ways
    dialog.onlyDifferencesBox()->setChecked(onlyDifferences);
    const SettingsDiffModel& model = *dialog.model();

    QVERIFY(model.settingCount() > 20);
    if (allRows) {
        QCOMPARE(model.rowCount(), model.settingCount());
        QVERIFY(shownPaths(model).contains(QStringLiteral("model.hidden")));
        QVERIFY(shownPaths(model).contains(QStringLiteral("training.lr")));
    } else {
        QCOMPARE(shownPaths(model),
                 (QStringList{QStringLiteral("training.lr"), QStringLiteral("training.epochs")}));
    }
    for (int row = 0; row < model.rowCount(); ++row) {
        const bool differs = model.index(row, 0).data(SettingsDiffModel::DiffersRole).toBool();
        const QString path = model.index(row, 0).data(SettingsDiffModel::PathRole).toString();
        QCOMPARE(differs, path == QStringLiteral("training.lr") || path == QStringLiteral("training.epochs"));
        for (int column = 0; column < model.columnCount(); ++column)
            QCOMPARE(isBold(model.index(row, column)), differs);
    }
}

void TestSettingsDiff::differingRowsAreBoldOnTheHighlight()
{
    SettingsDiffDialog dialog(workspace(), {kBase, kFaster}, nullptr);
    const SettingsDiffModel& model = *dialog.model();
    QCOMPARE(model.rowCount(), 2);

    const QModelIndex lrLabel = model.index(0, SettingsDiffModel::kLabelColumn);
    QCOMPARE(lrLabel.data().toString(), QStringLiteral("Learning rate"));
    QCOMPARE(lrLabel.data(Qt::ToolTipRole).toString(), QStringLiteral("training.lr"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("0.001"));
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("0.01"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Epochs"));
    QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("50"));

    const QColor highlight = dialog.palette().color(QPalette::Highlight);
    for (int row = 0; row < 2; ++row) {
        QVERIFY(isBold(model.index(row, 0)));
        const QColor background = model.index(row, 1).data(Qt::BackgroundRole).value<QColor>();
        QCOMPARE(background.rgb(), highlight.rgb());
        QVERIFY(background.alpha() > 0 && background.alpha() < 128); // faint: the text stays readable
    }
    dialog.onlyDifferencesBox()->setChecked(false);
    const int equalRow = static_cast<int>(shownPaths(model).indexOf(QStringLiteral("dataset.target")));
    QVERIFY(equalRow >= 0);
    QVERIFY(!isBold(model.index(equalRow, 1)));
    QVERIFY(!model.index(equalRow, 1).data(Qt::BackgroundRole).isValid());
}

void TestSettingsDiff::highlightFollowsAPaletteChange()
{
    SettingsDiffDialog dialog(workspace(), {kBase, kFaster}, nullptr);
    QPalette dark = dialog.palette();
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::Text, Qt::white);
    dark.setColor(QPalette::Highlight, QColor(200, 120, 0));
    QSignalSpy changed(dialog.model(), &QAbstractItemModel::dataChanged);
    dialog.setPalette(dark);

    QVERIFY(changed.count() >= 1);
    const QColor background = dialog.model()->index(0, 1).data(Qt::BackgroundRole).value<QColor>();
    QCOMPARE(background.rgb(), QColor(200, 120, 0).rgb());
}

void TestSettingsDiff::checkingAThirdExperimentAddsAColumn()
{
    SettingsDiffDialog dialog(workspace(), {kBase, kFaster}, nullptr);
    const SettingsDiffModel& model = *dialog.model();
    QCOMPARE(headers(model), (QStringList{QStringLiteral("Setting"), kBase, kFaster}));

    QSignalSpy reset(dialog.model(), &QAbstractItemModel::modelReset);
    itemNamed(dialog, kWider)->setCheckState(Qt::Checked); // as the user's click does
    QCOMPARE(reset.count(), 1);
    QCOMPARE(headers(model), (QStringList{QStringLiteral("Setting"), kBase, kFaster, kWider}));
    QCOMPARE(dialog.checkedNames(), (QStringList{kBase, kFaster, kWider}));
    QCOMPARE(shownPaths(model), (QStringList{QStringLiteral("model.hidden"), QStringLiteral("training.lr"),
                                             QStringLiteral("training.epochs")}));
    QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("256, 256"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("64, 64"));

    itemNamed(dialog, kBase)->setCheckState(Qt::Unchecked);
    QCOMPARE(headers(model), (QStringList{QStringLiteral("Setting"), kFaster, kWider}));
}

void TestSettingsDiff::summaryCountsTheDifferences()
{
    SettingsDiffDialog dialog(workspace(), {kBase, kFaster}, nullptr);
    const int settings = dialog.model()->settingCount();
    QCOMPARE(dialog.summaryText(), QStringLiteral("2 of %1 settings differ").arg(settings));
    dialog.onlyDifferencesBox()->setChecked(false); // hiding rows changes no count
    QCOMPARE(dialog.summaryText(), QStringLiteral("2 of %1 settings differ").arg(settings));

    dialog.setChecked(kFaster, false);
    QCOMPARE(dialog.summaryText(),
             QStringLiteral("Check two or more experiments to compare their settings."));
    dialog.setChecked(kWider, true);
    QCOMPARE(dialog.summaryText(), QStringLiteral("1 of %1 settings differs").arg(settings));

    Experiment twin = workspace().front();
    twin.name = QStringLiteral("twin");
    SettingsDiffDialog twins({workspace().front(), twin}, {kBase, QStringLiteral("twin")}, nullptr);
    QCOMPARE(twins.summaryText(), QStringLiteral("All %1 settings are the same").arg(settings));
    QCOMPARE(twins.model()->rowCount(), 0);
}

QTEST_MAIN(TestSettingsDiff)
#include "tst_settingsdiff.moc"
