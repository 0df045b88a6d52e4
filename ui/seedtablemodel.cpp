#include "seedtablemodel.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

SeedTableModel::SeedTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SeedTableModel::setSeeds(const QString& experiment, std::vector<SeedResult> seeds)
{
    beginResetModel();
    m_experiment = experiment;
    m_seeds = std::move(seeds);
    endResetModel();
}

int SeedTableModel::rowOf(quint64 seed) const
{
    for (size_t i = 0; i < m_seeds.size(); ++i)
        if (m_seeds[i].seed == seed)
            return static_cast<int>(i);
    return -1;
}

int SeedTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_seeds.size());
}

int SeedTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SeedTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const SeedResult& s = m_seeds[static_cast<size_t>(index.row())];
    const bool numeric = role == Qt::UserRole;
    if (role == Qt::ToolTipRole && !s.isFinished()) {
        if (s.stderrTail.isEmpty())
            return s.failureReason;
        // A program's own last words usually say more than its exit code.
        const QStringList last =
            s.stderrTail.mid(std::max<qsizetype>(0, s.stderrTail.size() - kToolTipStderrLines));
        return tr("%1\n\nLast lines of stderr:\n%2").arg(s.failureReason, last.join(QLatin1Char('\n')));
    }
    if (role == Qt::ToolTipRole && index.column() == Status && !s.warnings.isEmpty())
        return s.warnings.join(QLatin1Char('\n'));
    if (role == Qt::ToolTipRole && index.column() == EpochUsed)
        return epochUsedToolTip(s);
    const bool words = index.column() == Status || index.column() == Engine || index.column() == Reason;
    if (role == Qt::TextAlignmentRole && !words)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && !numeric)
        return {};
    const auto score = [&](double v) -> QVariant {
        if (!s.isFinished() || !std::isfinite(v))
            return numeric ? QVariant() : QVariant(QStringLiteral("—"));
        return numeric ? QVariant(v) : QVariant(QString::number(v, 'g', 6));
    };
    switch (index.column()) {
    case Seed:
        return numeric ? QVariant(s.seed) : QVariant(QString::number(s.seed));
    case Status:
        if (s.isFinished()) // a seed whose output was partly ignored stands, but says so
            return s.warnings.isEmpty() ? tr("finished") : tr("finished, with warnings");
        // A program can fail before it reports any epoch.
        return s.failureEpoch > 0 ? tr("failed at epoch %1").arg(s.failureEpoch) : tr("failed");
    case Validation:
        return score(s.validationScore);
    case Test:
        return score(s.testScore);
    case EpochUsed:
        if (!hasEpochUsed(s))
            return numeric ? QVariant() : QVariant(QStringLiteral("—"));
        return numeric ? QVariant(s.bestEpoch) : QVariant(tr("%1 of %2").arg(s.bestEpoch).arg(s.epochsRun));
    case Epochs:
        return s.epochsRun;
    case Seconds:
        return numeric ? QVariant(s.durationSeconds) : QVariant(QString::number(s.durationSeconds, 'f', 2));
    case Engine:
        return s.engine;
    case Reason: // a finished seed's warnings: what was ignored of its program's output
        return s.isFinished() ? s.warnings.join(QStringLiteral("; ")) : s.failureReason;
    }
    return {};
}

bool SeedTableModel::hasEpochUsed(const SeedResult& s)
{
    // A command seed's program chooses the weights it predicts with (CommandSeedEngine records its
    // last epoch), and imported predictions have no epoch: Seedscape cannot say which was used.
    return s.isFinished() && s.bestEpoch > 0 && s.engine != QStringLiteral("command");
}

QString SeedTableModel::epochUsedToolTip(const SeedResult& s)
{
    if (s.engine == QStringLiteral("command"))
        return tr("Your program chose which weights it predicted with");
    if (!hasEpochUsed(s))
        return tr("No epoch is known for this seed's predictions"); // e.g. imported ones
    return epochUsedExplanation();
}

QString SeedTableModel::epochUsedExplanation()
{
    return tr("The epoch whose weights gave this seed's scores (early stopping restores the best "
              "validation epoch)");
}

QVariant SeedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == EpochUsed)
        return epochUsedExplanation();
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Seed:
        return tr("Seed");
    case Status:
        return tr("Status");
    case Validation:
        return tr("Validation");
    case Test:
        return tr("Test");
    case EpochUsed:
        return tr("Epoch used");
    case Epochs:
        return tr("Epochs");
    case Seconds:
        return tr("Time (s)");
    case Engine:
        return tr("Engine");
    case Reason:
        return tr("Why it failed, or warnings");
    }
    return {};
}

} // namespace seedscape
