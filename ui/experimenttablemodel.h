#pragma once

#include "plot/experimentcolours.h"
#include "stats/experimentstatistics.h"
#include "store/workspace.h"

#include <QAbstractTableModel>
#include <QPixmap>
#include <QSet>

#include <limits>
#include <map>

namespace seedscape {

// The experiments of a workspace, one row each, with their seed statistics as they arrive; a file
// that cannot be read shows its error. The check box of each name says whether plots show it.
// Qt::UserRole gives sortable values (numbers for numbers, undefined last).
class ExperimentTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Status,
        Pick, // which pick rules choose it among the checked experiments of its comparison group
        Seeds,
        ValidationMean,
        ValidationRange,
        EnsembleValidation,
        EnsembleTest,
        Gain,
        ValidationStd,
        ValidationIqm,
        TestMean,
        TestRange, // the last statistic: every column from Seeds to here is a number
        Metric,
        Task,
        Model,
        Dataset,
        Tags,
        ColumnCount
    };

    // The Qt::UserRole of an undefined number ("—"): the largest double, so that it sorts after every
    // number (ExperimentFilterModel keeps it last in descending order too).
    static constexpr double kUndefinedSortValue = std::numeric_limits<double>::max();

    explicit ExperimentTableModel(QObject* parent = nullptr);

    // Replaces the experiments; when the files are the same ones, rows change in place (no reset).
    void setEntries(std::vector<WorkspaceEntry> entries);
    int rowOf(const QString& name) const; // -1 when no experiment has this name
    const WorkspaceEntry& entry(int row) const { return m_entries[static_cast<size_t>(row)]; }
    QString nameAt(int row) const;
    // picks: experiment → the pick rules that choose it ("ensemble", "stability"); failedOnly:
    // experiments with failed seeds and no finished one (no statistics) → how many failed.
    // damaged: stored files left out per experiment (WorkspaceSnapshot::damaged); an experiment with
    // nothing else readable reads "damaged", not "not run", and the status's tooltip names them.
    void setStatistics(std::map<QString, ExperimentStatistics> statistics,
                       std::map<QString, QStringList> picks = {}, std::map<QString, int> failedOnly = {},
                       std::map<QString, QStringList> damaged = {});
    // Checkpoint files waiting per experiment: one with no seed stored yet reads "interrupted", not
    // "not run", after a sweep was killed (its seeds continue from them at the next Run).
    void setCheckpoints(std::map<QString, int> checkpoints);
    const std::map<QString, ExperimentStatistics>& statistics() const { return m_statistics; }
    // The statistics of the experiments whose check box is on, in table order.
    std::vector<ExperimentStatistics> checkedStatistics() const;
    // Every readable experiment's definition, in the table's order.
    std::vector<Experiment> definitions() const;
    // The experiments a sweep trains now; paused: that sweep is paused (their status says so).
    void setRunning(const QSet<QString>& experiments, bool paused = false);
    // The workspace's colours: each name with results shows its marker, as the plots draw it.
    void setColours(ExperimentColours colours);
    // Experiments whose check box is off: the plots leave them out.
    const QSet<QString>& hidden() const { return m_hidden; }
    void setHidden(const QSet<QString>& names);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void visibilityChanged();

private:
    // What a column's header tooltip says: how its number is computed.
    static QString headerToolTip(int section);
    QVariant importedData(const WorkspaceEntry& entry, int column, int role) const;
    QVariant marker(const QString& name) const; // its plots' marker, once it has results
    // Status to Gain of a trained experiment that asks for seedsAsked seeds.
    QVariant statisticsData(const QString& name, int seedsAsked, int column, int role) const;

    std::vector<WorkspaceEntry> m_entries;
    std::map<QString, ExperimentStatistics> m_statistics;
    std::map<QString, QStringList> m_picks;
    std::map<QString, int> m_failedOnly;
    std::map<QString, QStringList> m_damaged;
    std::map<QString, int> m_checkpoints;
    QSet<QString> m_running;
    bool m_paused = false;
    ExperimentColours m_colours;
    mutable std::map<int, QPixmap> m_markers; // by palette slot; -1: none yet
    QSet<QString> m_hidden;
};

} // namespace seedscape
