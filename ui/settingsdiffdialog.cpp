#include "settingsdiffdialog.h"

#include "settingsdiffmodel.h"

#include "experiment/experimentnames.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace seedscape {

SettingsDiffDialog::SettingsDiffDialog(const std::vector<Experiment>& all, const QStringList& chosen,
                                       QWidget* parent)
    : QDialog(parent), m_all(all), m_list(new QListWidget), m_summary(new QLabel),
      m_onlyDifferences(new QCheckBox(tr("Only differences"))), m_table(new QTableView),
      m_model(new SettingsDiffModel(this))
{
    setWindowTitle(tr("Compare settings"));
    setObjectName(QStringLiteral("settingsDiffDialog"));
    setModal(false);

    m_list->setObjectName(QStringLiteral("settingsDiffExperiments"));
    m_list->setToolTip(tr("Check the experiments to compare"));
    for (const Experiment& e : m_all) {
        auto* item = new QListWidgetItem(e.name, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen.contains(e.name) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(describeModel(e));
    }

    m_summary->setObjectName(QStringLiteral("settingsDiffSummary"));
    m_onlyDifferences->setObjectName(QStringLiteral("settingsDiffOnlyDifferences"));
    m_onlyDifferences->setChecked(true);
    m_onlyDifferences->setToolTip(tr("Hide the settings every checked experiment has the same"));
    m_model->setOnlyDifferences(true);
    m_model->setPalette(palette());

    m_table->setObjectName(QStringLiteral("settingsDiffTable"));
    m_table->setModel(m_model);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto* comparison = new QWidget;
    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_onlyDifferences);
    auto* right = new QVBoxLayout(comparison);
    right->setContentsMargins(0, 0, 0, 0);
    right->addLayout(top);
    right->addWidget(m_table);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_list);
    splitter->addWidget(comparison);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 700});

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addWidget(buttons);
    resize(900, 520);

    connect(m_list, &QListWidget::itemChanged, this, &SettingsDiffDialog::compareChecked);
    connect(m_onlyDifferences, &QCheckBox::toggled, m_model, &SettingsDiffModel::setOnlyDifferences);
    compareChecked();
}

QStringList SettingsDiffDialog::checkedNames() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            names << m_list->item(i)->text();
    return names;
}

void SettingsDiffDialog::setChecked(const QString& name, bool checked)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->text() == name)
            m_list->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

QString SettingsDiffDialog::summaryText() const
{
    return m_summary->text();
}

void SettingsDiffDialog::compareChecked()
{
    std::vector<Experiment> checked;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            checked.push_back(m_all[static_cast<size_t>(i)]);
    m_model->setExperiments(std::move(checked));
    // The label column fits its words; the experiments share what is left.
    m_table->resizeColumnToContents(SettingsDiffModel::kLabelColumn);
    for (int column = 1; column < m_model->columnCount() - 1; ++column)
        m_table->setColumnWidth(column, 160);
    updateSummary();
}

void SettingsDiffDialog::updateSummary()
{
    const int settings = m_model->settingCount();
    const int differing = m_model->differingCount();
    if (m_model->experimentCount() < 2)
        m_summary->setText(tr("Check two or more experiments to compare their settings."));
    else if (differing == 0)
        m_summary->setText(tr("All %1 settings are the same").arg(settings));
    else if (differing == 1)
        m_summary->setText(tr("1 of %1 settings differs").arg(settings));
    else
        m_summary->setText(tr("%1 of %2 settings differ").arg(differing).arg(settings));
}

void SettingsDiffDialog::changeEvent(QEvent* event)
{
    // A switch between light and dark palettes while open: the highlight follows.
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    QDialog::changeEvent(event);
}

} // namespace seedscape
