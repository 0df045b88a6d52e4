#pragma once

#include "data/columnprofile.h"
#include "data/csvtable.h"

#include <QAbstractTableModel>

namespace seedscape {

// The first rows of a CSV file as a table, for looking at data before training on it. Each
// column header says what the column holds (number, whole number, text); its distinct values and
// missing cells once the whole file is profiled (counted over the first rows, a file sorted by
// class showed "1 value" for its target). Numbers are aligned right, text (a command experiment's
// sentences or file paths) left.
class CsvPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit CsvPreviewModel(QObject* parent = nullptr);

    void setTable(CsvTable table, const QString& targetColumn);
    void clear();
    void setTargetColumn(const QString& targetColumn);
    // What each column holds over the whole file of rows rows; ignored unless its columns are the table's.
    void setWholeFile(const std::vector<ColumnProfile>& columns, int rows);
    // The whole file's once known, else the shown rows'.
    const std::vector<ColumnProfile>& profiles() const { return m_wholeFile ? m_fileProfiles : m_profiles; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CsvTable m_table;
    std::vector<ColumnProfile> m_profiles;     // of the rows shown
    std::vector<ColumnProfile> m_fileProfiles; // of the whole file, when m_wholeFile
    bool m_wholeFile = false;
    int m_fileRows = 0;
    int m_targetColumn = -1;
};

} // namespace seedscape
