#include "csvpreviewmodel.h"

#include "common/countednoun.h"

#include <QFont>

namespace seedscape {

CsvPreviewModel::CsvPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void CsvPreviewModel::setTable(CsvTable table, const QString& targetColumn)
{
    beginResetModel();
    m_table = std::move(table);
    m_targetColumn = m_table.columnIndex(targetColumn);
    m_profiles = ColumnProfile::profile(m_table);
    m_fileProfiles.clear();
    m_wholeFile = false;
    endResetModel();
}

void CsvPreviewModel::setWholeFile(const std::vector<ColumnProfile>& columns, int rows)
{
    if (static_cast<int>(columns.size()) != columnCount())
        return;
    for (int c = 0; c < columnCount(); ++c)
        if (columns[static_cast<size_t>(c)].name != m_table.header[c])
            return; // another file's, or this one changed since
    m_fileProfiles = columns;
    m_fileRows = rows;
    m_wholeFile = true;
    if (columnCount() > 0) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                               {Qt::TextAlignmentRole});
    }
}

void CsvPreviewModel::setTargetColumn(const QString& targetColumn)
{
    const int column = m_table.columnIndex(targetColumn);
    if (column == m_targetColumn)
        return;
    m_targetColumn = column;
    if (columnCount() > 0)
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
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
    if (role == Qt::TextAlignmentRole) // numbers line up on the right, words read from the left
        return QVariant::fromValue(
            (profiles()[static_cast<size_t>(index.column())].kind == ColumnProfile::Kind::Text
                 ? Qt::AlignLeft
                 : Qt::AlignRight) |
            Qt::AlignVCenter);
    return {};
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section < rowCount())
            return m_table.rowLines[static_cast<size_t>(section)]; // the file's line, as messages name it
        if (role == Qt::ToolTipRole && section < rowCount())       // why the rows start at 2
            return tr("line %1 of the file (line 1 is the header)")
                .arg(m_table.rowLines[static_cast<size_t>(section)]);
        return {};
    }
    if (section >= columnCount())
        return {};
    const ColumnProfile& shown = m_profiles[static_cast<size_t>(section)];
    const ColumnProfile& whole = m_wholeFile ? m_fileProfiles[static_cast<size_t>(section)] : shown;
    if (role == Qt::DisplayRole)
        return (section == m_targetColumn ? m_table.header[section] + QStringLiteral(" (target)")
                                          : m_table.header[section]) +
               QLatin1Char('\n') + (m_wholeFile ? whole.describe() : shown.describeKind());
    if (role == Qt::ToolTipRole)
        return m_wholeFile
                   ? tr("%1: %2 (in all %3 of the file)")
                         .arg(m_table.header[section], whole.describe(), countedNoun(m_fileRows, tr("row")))
                   : tr("%1: %2 (in the first %3)")
                         .arg(m_table.header[section], shown.describe(), countedNoun(rowCount(), tr("row")));
    if (role == Qt::FontRole && section == m_targetColumn) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

} // namespace seedscape
