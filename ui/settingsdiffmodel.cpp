#include "settingsdiffmodel.h"

#include <QFont>
#include <QGuiApplication>

namespace seedscape {

namespace {

// Faint enough that the text keeps the palette's contrast, strong enough to find a row by eye.
constexpr int kHighlightAlpha = 64;

} // namespace

SettingsDiffModel::SettingsDiffModel(QObject* parent)
    : QAbstractTableModel(parent), m_palette(QGuiApplication::palette())
{
}

void SettingsDiffModel::setExperiments(std::vector<Experiment> experiments)
{
    beginResetModel();
    m_names.clear();
    for (const Experiment& e : experiments)
        m_names << e.name;
    m_diff = ExperimentSettingsDiff(experiments);
    rebuildShownRows();
    endResetModel();
}

void SettingsDiffModel::setOnlyDifferences(bool only)
{
    if (only == m_onlyDifferences)
        return;
    beginResetModel();
    m_onlyDifferences = only;
    rebuildShownRows();
    endResetModel();
}

void SettingsDiffModel::setPalette(const QPalette& palette)
{
    m_palette = palette;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::BackgroundRole, Qt::ForegroundRole});
}

void SettingsDiffModel::rebuildShownRows()
{
    m_shown.clear();
    const auto& rows = m_diff.rows();
    for (size_t i = 0; i < rows.size(); ++i)
        if (!m_onlyDifferences || rows[i].differs)
            m_shown.push_back(static_cast<int>(i));
}

const SettingsDiffRow& SettingsDiffModel::rowAt(int row) const
{
    return m_diff.rows()[static_cast<size_t>(m_shown[static_cast<size_t>(row)])];
}

int SettingsDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

int SettingsDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 1 + static_cast<int>(m_names.size());
}

QVariant SettingsDiffModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const SettingsDiffRow& row = rowAt(index.row());
    const int experiment = index.column() - 1; // -1: the label column
    switch (role) {
    case Qt::DisplayRole:
        return experiment < 0 ? row.label : row.values.at(experiment);
    case Qt::ToolTipRole:
        if (experiment < 0)
            return row.path;
        return row.present.at(experiment) ? row.values.at(experiment)
                                          : tr("%1 has no %2").arg(m_names.at(experiment), row.path);
    case Qt::FontRole:
        if (row.differs) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        if (row.differs) {
            QColor faint = m_palette.color(QPalette::Highlight);
            faint.setAlpha(kHighlightAlpha);
            return faint;
        }
        return {};
    case Qt::ForegroundRole:
        // A missing field reads quieter than a value.
        if (experiment >= 0 && !row.present.at(experiment))
            return m_palette.color(QPalette::PlaceholderText);
        return {};
    case PathRole:
        return row.path;
    case DiffersRole:
        return row.differs;
    default:
        return {};
    }
}

QVariant SettingsDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return section == kLabelColumn ? tr("Setting") : m_names.at(section - 1);
    return {};
}

} // namespace seedscape
