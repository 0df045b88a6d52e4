#pragma once

#include "store/workspace.h"

#include <QAbstractTableModel>

namespace seedscape {

// The experiments of a workspace, one row each; a file that cannot be read shows its error.
class ExperimentTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Dataset, Task, Model, Metric, Seeds, ColumnCount };

    explicit ExperimentTableModel(QObject* parent = nullptr);

    void setEntries(std::vector<WorkspaceEntry> entries);
    const WorkspaceEntry& entry(int row) const { return m_entries[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<WorkspaceEntry> m_entries;
};

// "64-64 relu, dropout 0.1, adam lr 0.001" — a short description of model and training.
QString describeModel(const Experiment& experiment);

} // namespace seedscape
