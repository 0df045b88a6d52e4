#pragma once

#include "slurm/slurmjobstatus.h"

#include <QSet>
#include <QWidget>

#include <map>
#include <optional>
#include <vector>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace seedscape {

class SlurmJobsView;
class SweepController;

// The Runs panel. The sweep's queue: one row per experiment with a progress bar of its seeds, and
// under it one row per running seed with a progress bar of its epochs; rows of seeds that ended go
// away. Below it the workspace's Slurm jobs (SlurmJobsView), when it has any.
// The bars are painted by a delegate (ProgressStrip's drawing), not widgets: 64 seeds starting at
// once would otherwise create 64 widgets on the GUI thread, and that blocks it noticeably.
class RunQueueView : public QWidget
{
    Q_OBJECT

public:
    struct Bar
    {
        int value = 0, maximum = 0;
        QString text;
    };

    explicit RunQueueView(QWidget* parent = nullptr);

    void update(const SweepController& sweeps);
    // Why the sweep stopped, above the queue (empty: nothing to say).
    void setProblem(const QString& message);
    QString problem() const;
    // The workspace's Slurm jobs, as SlurmController polled them.
    void setSlurmJobs(const std::vector<SlurmJobStatus::Job>& jobs, const QString& queueProblem,
                      const QSet<QString>& cancelling);
    SlurmJobsView* slurmJobs() const { return m_slurmJobs; }

    int experimentBars() const { return static_cast<int>(m_experiments.size()); }
    int seedBars() const { return static_cast<int>(m_seeds.size()); }
    std::optional<Bar> experimentBar(const QString& experiment) const;
    std::vector<Bar> runningSeedBars() const;

private:
    void showSections();

    QTreeWidget* m_tree;
    QLabel* m_problem;
    SlurmJobsView* m_slurmJobs;
    std::map<QString, QTreeWidgetItem*> m_experiments;
    std::map<quint64, QTreeWidgetItem*> m_seeds;
};

} // namespace seedscape
