#include "experimenttablemodel.h"

#include "experiment/experimentnames.h"

#include <QFileInfo>

namespace seedscape {

ExperimentTableModel::ExperimentTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ExperimentTableModel::setEntries(std::vector<WorkspaceEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int ExperimentTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ExperimentTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString describeModel(const Experiment& e)
{
    QStringList widths;
    for (int w : e.model.hidden)
        widths << QString::number(w);
    QString text = widths.isEmpty() ? QStringLiteral("linear") : widths.join(QLatin1Char('-')) + QLatin1Char(' ') + names::activation(e.model.activation);
    if (e.model.dropout > 0)
        text += QStringLiteral(", dropout %1").arg(e.model.dropout);
    if (e.model.layerNorm)
        text += QStringLiteral(", layer norm");
    return text + QStringLiteral(", %1 lr %2, %3 epochs")
                      .arg(names::optimizer(e.training.optimizer))
                      .arg(e.training.lr)
                      .arg(e.training.epochs);
}

QVariant ExperimentTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const WorkspaceEntry& entry = m_entries[static_cast<size_t>(index.row())];
    if (!entry.experiment) {
        if (role == Qt::DisplayRole)
            return index.column() == Name ? QFileInfo(entry.file).fileName() : index.column() == Dataset ? entry.error : QVariant();
        if (role == Qt::ToolTipRole)
            return entry.error;
        if (role == Qt::ForegroundRole)
            return QVariant::fromValue(Qt::GlobalColor::darkRed);
        return {};
    }
    const Experiment& e = *entry.experiment;
    if (role == Qt::ToolTipRole && index.column() == Dataset)
        return e.dataset.path;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return e.name;
    case Dataset: return QStringLiteral("%1 → %2").arg(QFileInfo(e.dataset.path).fileName(), e.dataset.target);
    case Task: return names::task(e.dataset.task);
    case Model: return describeModel(e);
    case Metric: return names::metric(e.metric);
    case Seeds: return e.seeds.count;
    }
    return {};
}

QVariant ExperimentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Experiment");
    case Dataset: return tr("Data → target");
    case Task: return tr("Task");
    case Model: return tr("Model and training");
    case Metric: return tr("Metric");
    case Seeds: return tr("Seeds");
    }
    return {};
}

} // namespace seedscape
