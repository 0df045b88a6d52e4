#pragma once

#include "stats/workspacestatistics.h"

#include <QAbstractTableModel>

#include <map>
#include <utility>

namespace seedscape {

// P(row better than column) for every pair of one comparison group's experiments
// (docs/statistics.md), on the validation or the test scores; the diagonal is empty. Cells are
// tinted by how far P is from an even ½, unless a side has too few seeds to tell (greyed instead).
// Qt::UserRole gives the probability itself. Rows are headed "1 · name", columns by the number alone
// (the name in the tooltip), so that many experiments fit.
class ComparisonMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Split
    {
        Validation,
        Test,
    };

    explicit ComparisonMatrixModel(QObject* parent = nullptr);

    // The group's experiments in its order, as rows and as columns; an empty group clears it.
    void setGroup(const WorkspaceStatistics::Group& group);
    void clear();
    void setSplit(Split split);
    Split split() const { return m_split; }
    QString experimentAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const WorkspaceStatistics::Comparison* comparison(int row, int column) const;
    double probability(const WorkspaceStatistics::Comparison& c) const;
    QString toolTip(const WorkspaceStatistics::Comparison& c) const;

    QStringList m_experiments;
    std::map<std::pair<QString, QString>, WorkspaceStatistics::Comparison> m_comparisons; // (a, b)
    Split m_split = Split::Validation;
};

} // namespace seedscape
