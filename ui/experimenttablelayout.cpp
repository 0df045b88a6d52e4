#include "experimenttablelayout.h"

#include "experimentlistpanel.h"
#include "experimenttablemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QTableView>
#include <QTimer>

#include <algorithm>

namespace seedscape {

ExperimentTableLayout::ExperimentTableLayout(QSplitter* splitter, ExperimentListPanel* list,
                                             ExperimentTableModel* experiments, QObject* parent)
    : QObject(parent), m_splitter(splitter), m_list(list), m_experiments(experiments)
{
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_fitTable = false; }); // the user's choice
    connect(m_list->view()->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_sizingColumns)
            m_userSizedColumns.insert(column);
    });
    // The splitter has its real height only once shown and laid out.
    m_splitter->installEventFilter(this);
}

void ExperimentTableLayout::startWorkspace()
{
    m_userSizedColumns.clear();
    QTableView* table = m_list->view();
    const QScopedValueRollback sizing(m_sizingColumns, true);
    table->resizeColumnsToContents();
    // Sized before the statistics arrive: room for the longest pick it may show.
    const int pickWidth = table->fontMetrics().horizontalAdvance(QStringLiteral("ensemble, stability")) +
                          2 * table->fontMetrics().averageCharWidth();
    table->setColumnWidth(ExperimentTableModel::Pick,
                          std::max(table->columnWidth(ExperimentTableModel::Pick), pickWidth));
}

void ExperimentTableLayout::restore(const QByteArray& splitter, const QByteArray& columns)
{
    if (!splitter.isEmpty()) {
        m_fitTable = false;
        m_splitter->restoreState(splitter);
    } else {
        m_fitTable = true;
        if (m_splitter->isVisible())
            fitTableToRows();
    }
    if (!columns.isEmpty()) {
        const QScopedValueRollback sizing(m_sizingColumns, true);
        m_list->view()->horizontalHeader()->restoreState(columns);
        // Widths as the user left them last time (saved after the statistics had sized them).
        for (int column = 0; column < m_experiments->columnCount(); ++column)
            m_userSizedColumns.insert(column);
    }
}

void ExperimentTableLayout::rowsAdded()
{
    // New names may be longer than the column the workspace opened with (a study's variants are);
    // a name cut short hides which experiment a row is, so this column grows even when user-sized.
    growColumn(ExperimentTableModel::Name);
    if (!m_splitter->isVisible())
        return;
    if (m_fitTable)
        fitTableToRows();
    else // left one row tall, the table would hide a new experiment behind the first
        setTableHeight(kRowsKeptInView, true);
}

void ExperimentTableLayout::statisticsShown()
{
    for (int column = 0; column < m_experiments->columnCount(); ++column)
        if (!m_userSizedColumns.contains(column) && !m_list->view()->isColumnHidden(column))
            growColumn(column);
}

bool ExperimentTableLayout::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_splitter && (event->type() == QEvent::Resize || event->type() == QEvent::Show) &&
        m_fitTable)
        QTimer::singleShot(0, this, &ExperimentTableLayout::fitTableToRows); // after the layout
    return QObject::eventFilter(watched, event);
}

void ExperimentTableLayout::fitTableToRows()
{
    // First time in a workspace: the table shows up to ten experiments without scrolling; the
    // plots get the rest.
    if (m_fitTable && m_splitter->isVisible())
        setTableHeight(kRowsFitted, false);
}

void ExperimentTableLayout::setTableHeight(int rows, bool growOnly)
{
    const int total = m_splitter->height();
    const int table =
        std::min(m_list->heightForRows(std::min(m_experiments->rowCount(), rows)), total * 2 / 5);
    if (!growOnly || m_splitter->sizes().value(0) < table)
        m_splitter->setSizes({table, std::max(1, total - table)});
}

void ExperimentTableLayout::growColumn(int column)
{
    const QAbstractItemView* view = m_list->view(); // QTableView hides sizeHintForColumn
    const int wanted = std::max(view->sizeHintForColumn(column),
                                m_list->view()->horizontalHeader()->sectionSizeHint(column));
    if (m_list->view()->columnWidth(column) < wanted) {
        const QScopedValueRollback sizing(m_sizingColumns, true);
        m_list->view()->setColumnWidth(column, wanted);
    }
}

} // namespace seedscape
