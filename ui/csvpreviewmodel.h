#pragma once

#include "data/columnprofile.h"
#include "data/csvtable.h"

#include <QAbstractTableModel>

namespace seedscape {

// The first rows of a CSV file as a table, for looking at data before training on it. Each
// column header says what the column holds (number, whole number, text; missing cells); numbers
// are aligned right, text (a command experiment's sentences or file paths) left.
class CsvPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit CsvPreviewModel(QObject* parent = nullptr);

    void setTable(CsvTable table, const QString& targetColumn);
    void clear();
    void setTargetColumn(const QString& targetColumn);
    const std::vector<ColumnProfile>& profiles() const { return m_profiles; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CsvTable m_table;
    std::vector<ColumnProfile> m_profiles;
    int m_targetColumn = -1;
};

} // namespace seedscape
