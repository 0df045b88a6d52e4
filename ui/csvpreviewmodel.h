#pragma once

#include "data/csvtable.h"

#include <QAbstractTableModel>

namespace seedscape {

// The first rows of a CSV file as a table, for looking at data before training on it.
class CsvPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit CsvPreviewModel(QObject* parent = nullptr);

    void setTable(CsvTable table, const QString& targetColumn);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CsvTable m_table;
    int m_targetColumn = -1;
};

} // namespace seedscape
