#include "csvpreviewmodel.h"

#include <QFont>

namespace seedscape {

CsvPreviewModel::CsvPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void CsvPreviewModel::setTable(CsvTable table, const QString& targetColumn)
{
    beginResetModel();
    m_table = std::move(table);
    m_targetColumn = m_table.columnIndex(targetColumn);
    endResetModel();
}

void CsvPreviewModel::clear()
{
    setTable({}, {});
}

int CsvPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_table.rowCount();
}

int CsvPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_table.columnCount();
}

QVariant CsvPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return m_table.rows[static_cast<size_t>(index.row())][index.column()];
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section < rowCount())
            return m_table.rowLines[static_cast<size_t>(section)]; // the file's line, as messages name it
        return {};
    }
    if (section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return section == m_targetColumn ? m_table.header[section] + QStringLiteral(" (target)")
                                         : m_table.header[section];
    if (role == Qt::FontRole && section == m_targetColumn) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

} // namespace seedscape
