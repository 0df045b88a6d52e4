#include "experimentlistpanel.h"

#include "experimentfiltermodel.h"
#include "experimenttablemodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace seedscape {

ExperimentListPanel::ExperimentListPanel(ExperimentTableModel* experiments, QWidget* parent)
    : QWidget(parent), m_experiments(experiments), m_filter(new ExperimentFilterModel(this)),
      m_filterEdit(new QLineEdit), m_count(new QLabel), m_view(new QTableView)
{
    m_filterEdit->setObjectName(QStringLiteral("experimentFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter experiments: name, data, model or #tag (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setToolTip(tr("Shows the experiments whose name, data, model or tags contain every word; "
                                "#word keeps those tagged word."));
    m_count->setObjectName(QStringLiteral("experimentFilterCount"));
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setFilterText(text);
        m_filter->keepShowing(selectedExperiment()); // the selected row, if the new text kept it
        showCount();
    });
    // Escape clears the filter and hands the keyboard back to the table.
    auto* clear = new QAction(m_filterEdit);
    clear->setShortcut(Qt::Key_Escape);
    clear->setShortcutContext(Qt::WidgetShortcut);
    connect(clear, &QAction::triggered, this, [this] {
        m_filterEdit->clear();
        m_view->setFocus();
    });
    m_filterEdit->addAction(clear);

    m_filter->setSourceModel(m_experiments);
    m_view->setObjectName(QStringLiteral("experimentView"));
    m_view->setModel(m_filter);
    // Tab leaves the table (arrows move inside it): moving cell by cell, Tab trapped the keyboard.
    m_view->setTabKeyNavigation(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ExperimentTableModel::Name, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Space checks or unchecks the current row from any column: the view's own Space reached only the
    // check box's column, and rows are selected whole.
    auto* toggle = new QAction(m_view);
    toggle->setShortcut(Qt::Key_Space);
    toggle->setShortcutContext(Qt::WidgetShortcut);
    connect(toggle, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (!current.isValid())
            return;
        const QModelIndex box = m_filter->index(current.row(), ExperimentTableModel::Name);
        const bool checked = box.data(Qt::CheckStateRole).value<Qt::CheckState>() == Qt::Checked;
        m_filter->setData(box, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    });
    m_view->addAction(toggle);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& position) {
        QMenu* menu = contextMenuAt(position);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(position));
    });
    // Once the selection has moved (not while the view is still moving it), the row kept shown is
    // the selected one.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        QMetaObject::invokeMethod(
            this, [this] { m_filter->keepShowing(selectedExperiment()); }, Qt::QueuedConnection);
    });
    connect(m_experiments, &QAbstractItemModel::rowsInserted, this, &ExperimentListPanel::showCount);
    connect(m_experiments, &QAbstractItemModel::rowsRemoved, this, &ExperimentListPanel::showCount);
    connect(m_experiments, &QAbstractItemModel::modelReset, this, &ExperimentListPanel::showCount);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &ExperimentListPanel::showCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &ExperimentListPanel::showCount);

    auto* filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(0, 0, 0, 0);
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);
    showCount();
}

void ExperimentListPanel::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

int ExperimentListPanel::selectedRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_filter->mapToSource(current).row() : -1;
}

QString ExperimentListPanel::selectedExperiment() const
{
    return m_experiments->nameAt(selectedRow());
}

void ExperimentListPanel::selectExperiment(const QString& name)
{
    const int row = m_experiments->rowOf(name);
    const QModelIndex index = row < 0 ? QModelIndex() : m_filter->mapFromSource(m_experiments->index(row, 0));
    if (index.isValid() && m_view->currentIndex().row() != index.row())
        m_view->selectRow(index.row());
}

int ExperimentListPanel::heightForRows(int rows) const
{
    const int row = m_view->model()->rowCount() > 0 ? m_view->rowHeight(0)
                                                    : m_view->verticalHeader()->defaultSectionSize();
    return m_filterEdit->sizeHint().height() + layout()->spacing() +
           m_view->horizontalHeader()->sizeHint().height() + rows * row +
           m_view->horizontalScrollBar()->sizeHint().height() + 2 * m_view->frameWidth() + 2;
}

void ExperimentListPanel::setContextActions(QList<QAction*> actions)
{
    m_contextActions = std::move(actions);
}

QMenu* ExperimentListPanel::contextMenuAt(const QPoint& position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid() && m_view->currentIndex().row() != index.row())
        m_view->selectRow(index.row()); // the menu acts on the row it was opened on
    auto* menu = new QMenu(this);
    for (QAction* action : m_contextActions) {
        if (action)
            menu->addAction(action);
        else
            menu->addSeparator();
    }
    return menu;
}

void ExperimentListPanel::showCount()
{
    // Only while filtering: "3 of 12" says rows are hidden, so none seems lost.
    m_count->setVisible(m_filter->isFiltering());
    m_count->setText(tr("%1 of %2").arg(m_filter->rowCount()).arg(m_experiments->rowCount()));
}

} // namespace seedscape
