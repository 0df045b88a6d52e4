#pragma once

#include "stats/randomnessstudy.h"
#include "stats/workspacestatistics.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QGroupBox;
class QLabel;
class QScrollArea;
class QStandardItemModel;
class QTableView;

namespace seedscape {

class ComparisonMatrixModel;
class ExperimentTableModel;
struct WorkspaceSnapshot;

// The Compare tab: how the selected experiment stands against the checked experiments scored on
// the same rows (its comparison group): the two pick rules, P(A better than B) for every pair, and,
// for the selected experiment, bootstrap intervals and the expected best of n seeds, which says how
// far keeping the best seed inflates a score (docs/statistics.md).
class ComparePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePanel(QWidget* parent = nullptr);

    // Everything from a snapshot: the focus's statistics, group and bootstrap, and its sources
    // among the experiments' definitions.
    void showSnapshot(const WorkspaceSnapshot& snapshot, const ExperimentTableModel& experiments);
    // focus: the selected experiment's statistics (nullptr: none, or no finished seeds); group: its
    // comparison group; bootstrap: none when it was too much work to resample live.
    void setData(const ExperimentStatistics* focus, std::optional<WorkspaceStatistics::Group> group,
                 std::optional<BootstrapIntervals> bootstrap);

    // Where the spread comes from: the selected experiment and its variants that differ only in which
    // sources of randomness vary (RandomnessStudy::rows); whyNoStudy: why it has no sources to study.
    void setSources(const std::vector<RandomnessStudy::Row>& rows, const QString& whyNoStudy = {});

    ComparisonMatrixModel* matrix() const { return m_matrix; }
    const QStandardItemModel* sources() const { return m_sources; }
    QString sourcesText() const; // the line above the sources table
    const QStandardItemModel* expectedBest() const { return m_expectedBest; }
    QString picksText() const;     // what the picks line says, as plain text
    QString bootstrapText() const; // what the bootstrap box says, as plain text

    static constexpr int kBestColumns = 5; // n, then best and its lead over the mean on each split

Q_SIGNALS:
    void experimentChosen(const QString& name); // a row of the matrix or the sources was double-clicked

private:
    void showPicks(const QString& focus, const std::optional<WorkspaceStatistics::Group>& group);
    void showBootstrap(const ExperimentStatistics& focus, const std::optional<BootstrapIntervals>& bootstrap);
    void showExpectedBest(const ExperimentStatistics& focus);

    QLabel* m_empty;
    QScrollArea* m_scroll;
    QWidget* m_content;
    QWidget* m_withSeeds; // what needs the focus's seeds: group, picks, matrix, luck
    QLabel* m_group;
    QLabel* m_picks;
    QComboBox* m_split;
    ComparisonMatrixModel* m_matrix;
    QTableView* m_matrixView;
    QLabel* m_alone;
    QGroupBox* m_focusBox;
    QLabel* m_bootstrap;
    QStandardItemModel* m_expectedBest;
    QTableView* m_expectedBestView;
    QLabel* m_sourcesLine;
    QStandardItemModel* m_sources;
    QTableView* m_sourcesView;
    QGroupBox* m_sourcesBox = nullptr;
};

} // namespace seedscape
