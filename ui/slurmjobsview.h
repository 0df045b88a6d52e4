#pragma once

#include "slurm/slurmjobstatus.h"

#include <QSet>
#include <QWidget>

#include <map>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace seedscape {

// The Runs panel's Slurm jobs: a row per submitted job of the workspace (newest first) with its
// tasks' states counted and a bar of its finished seeds, and under it a row per array task
// (state, reason, seeds finished; the seeds themselves in the tooltip). Cancel job asks for the
// selected job to be cancelled; the view itself runs no Slurm command.
class SlurmJobsView : public QWidget
{
    Q_OBJECT

public:
    struct ShownTask
    {
        QString state; // pending, running, finished, failed, cancelled, unknown
        QString title; // the row's name with the state, e.g. "task 0 · pending"
        QString text;  // the bar's text: the reason, if any, and the seeds, e.g. "BeginTime · 0 of 2 seeds"
        QString toolTip;
    };
    struct ShownJob
    {
        QString experiment;
        QString state; // the job's: running, pending, unknown, failed, cancelled or finished
        QString title; // the row's name
        QString text;  // the bar's text: the tasks counted by state and the seeds finished
        std::vector<ShownTask> tasks;
    };

    explicit SlurmJobsView(QWidget* parent = nullptr);

    // jobs oldest first, as SlurmJobStatus gives them; cancelling: job ids whose cancel is under way.
    void setJobs(const std::vector<SlurmJobStatus::Job>& jobs, const QString& queueProblem,
                 const QSet<QString>& cancelling);
    int jobCount() const { return static_cast<int>(m_jobs.size()); }
    std::optional<ShownJob> job(const QString& jobId) const;
    // Makes the job's row the current one (what Cancel job acts on); false if it is not listed.
    bool selectJob(const QString& jobId);
    QString selectedJob() const;
    bool canCancelSelected() const;
    // Asks for the selected job to be cancelled (the Cancel job button); false when it cannot be.
    bool cancelSelected();

    static constexpr int kShownJobs = 20; // the newest; seedscape-cli jobs lists every one

Q_SIGNALS:
    void cancelRequested(const QString& jobId);

private:
    struct Row
    {
        QTreeWidgetItem* item = nullptr;
        QString jobId;
        bool ended = false;
    };
    void updateCancel();

    QTreeWidget* m_tree;
    QLabel* m_problem;
    QPushButton* m_cancel;
    std::map<QString, Row> m_jobs; // by submission folder: a job id may repeat across clusters
    QSet<QString> m_cancelling;
};

} // namespace seedscape
