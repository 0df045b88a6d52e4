#include "comparisonmatrixmodel.h"

#include "common/numberformat.h"

#include <QColor>

#include <cmath>

namespace seedscape {

namespace {

// Tints for "the row is better" and "the row is worse", at full strength for P = 1 and P = 0.
const QColor kBetterTint(44, 160, 44);
const QColor kWorseTint(214, 39, 40);
constexpr int kStrongestAlpha = 120; // the text stays readable on the strongest tint

} // namespace

ComparisonMatrixModel::ComparisonMatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

void ComparisonMatrixModel::setGroup(const WorkspaceStatistics::Group& group)
{
    beginResetModel();
    m_experiments = group.experiments;
    m_comparisons.clear();
    for (const WorkspaceStatistics::Comparison& c : group.comparisons)
        m_comparisons.emplace(std::make_pair(c.a, c.b), c);
    endResetModel();
}

void ComparisonMatrixModel::clear()
{
    setGroup({});
}

void ComparisonMatrixModel::setSplit(Split split)
{
    if (split == m_split)
        return;
    m_split = split;
    if (!m_experiments.isEmpty()) // the headers name experiments, whatever the split
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QString ComparisonMatrixModel::experimentAt(int row) const
{
    return row >= 0 && row < m_experiments.size() ? m_experiments[row] : QString();
}

int ComparisonMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_experiments.size());
}

int ComparisonMatrixModel::columnCount(const QModelIndex& parent) const
{
    return rowCount(parent);
}

const WorkspaceStatistics::Comparison* ComparisonMatrixModel::comparison(int row, int column) const
{
    const auto it = m_comparisons.find({experimentAt(row), experimentAt(column)});
    return it == m_comparisons.end() ? nullptr : &it->second;
}

double ComparisonMatrixModel::probability(const WorkspaceStatistics::Comparison& c) const
{
    return m_split == Split::Validation ? c.pBetterValidation : c.pBetterTest;
}

QString ComparisonMatrixModel::toolTip(const WorkspaceStatistics::Comparison& c) const
{
    const QString split = m_split == Split::Validation ? tr("validation") : tr("test");
    const double p = probability(c);
    if (!std::isfinite(p))
        return tr("P(%1 better than %2) on %3 is undefined: a score is undefined.").arg(c.a, c.b, split);
    return tr("P(%1 better than %2) on %3 = %4: the share of the %5 × %6 pairs (a seed of %1, a seed of %2) "
              "where %1's seed scores better, ties counting half.%7")
        .arg(c.a, c.b, split, formatNumber(p, 3))
        .arg(c.seedsA)
        .arg(c.seedsB)
        .arg(c.tooFewSeeds() ? tr(" Too few seeds to tell (fewer than %1 on a side), so the cell is not "
                                  "tinted: run more seeds before trusting it.")
                                   .arg(WorkspaceStatistics::Comparison::kFewSeeds)
                             : QString());
}

QVariant ComparisonMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const WorkspaceStatistics::Comparison* c = comparison(index.row(), index.column());
    if (!c) // the diagonal: an experiment against itself says nothing
        return {};
    const double p = probability(*c);
    switch (role) {
    case Qt::DisplayRole: // two decimals: 0.996 must not read as a certain "1"
        return std::isfinite(p) ? QString::number(p, 'f', 2) : formatNumber(p, 2);
    case Qt::UserRole:
        return p;
    case Qt::ToolTipRole:
        return toolTip(*c);
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignCenter);
    case Qt::ForegroundRole: // too few seeds: the number stays, greyed, as a hint and not a verdict
        return c->tooFewSeeds() ? QVariant(QColor(Qt::gray)) : QVariant();
    case Qt::BackgroundRole: {
        if (!std::isfinite(p) || p == 0.5 || c->tooFewSeeds())
            return {};
        QColor tint = p > 0.5 ? kBetterTint : kWorseTint;
        tint.setAlpha(static_cast<int>(std::lround(std::abs(p - 0.5) * 2 * kStrongestAlpha)));
        return tint;
    }
    default:
        return {};
    }
}

QVariant ComparisonMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section < 0 || section >= m_experiments.size())
        return {};
    // Columns by number, rows by number and name: ten names across did not fit half a window.
    if (role == Qt::DisplayRole)
        return orientation == Qt::Horizontal
                   ? QString::number(section + 1)
                   : QStringLiteral("%1 · %2").arg(section + 1).arg(m_experiments[section]);
    if (role == Qt::ToolTipRole)
        return orientation == Qt::Vertical
                   ? tr("P(%1 better than the column's experiment)").arg(m_experiments[section])
                   : tr("P(the row's experiment better than %1)").arg(m_experiments[section]);
    return {};
}

} // namespace seedscape
