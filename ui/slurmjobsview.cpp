#include "slurmjobsview.h"

#include "problemtext.h"
#include "progressbardelegate.h"
#include "slurmcontroller.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace seedscape {

namespace {

enum Column
{
    What,
    Progress,
    ColumnCount
};
constexpr int kStateRole = Qt::UserRole + 2; // on the What column: the job's or task's state
constexpr int kExpandedTasks = 8;            // a bigger job starts folded: its tasks would fill the panel

const char* const kStates[] = {"running", "pending", "finished", "failed", "cancelled", "unknown"};

QString stateName(const QString& state)
{
    // The states as seedscape-cli jobs names them, translated for the window.
    if (state == QLatin1String("running"))
        return SlurmJobsView::tr("running");
    if (state == QLatin1String("pending"))
        return SlurmJobsView::tr("pending");
    if (state == QLatin1String("finished"))
        return SlurmJobsView::tr("finished");
    if (state == QLatin1String("failed"))
        return SlurmJobsView::tr("failed");
    if (state == QLatin1String("cancelled"))
        return SlurmJobsView::tr("cancelled");
    return SlurmJobsView::tr("unknown");
}

// The bar of a task: Slurm's reason (a word such as BeginTime or Resources, or ours) and its seeds.
QString taskText(const SlurmJobStatus::Task& t)
{
    const QString seeds = SlurmJobsView::tr("%1 of %2 seeds").arg(t.finishedSeeds).arg(t.seeds.size());
    return t.reason.isEmpty() ? seeds : QStringLiteral("%1 · %2").arg(t.reason, seeds);
}

QString taskToolTip(const SlurmJobStatus::Job& job, const SlurmJobStatus::Task& t)
{
    QStringList seeds;
    for (quint64 s : t.seeds)
        seeds << QString::number(s);
    QString tip =
        SlurmJobsView::tr("Task %1 of job %2: %3").arg(t.task).arg(job.job.jobId, stateName(t.state));
    if (!t.reason.isEmpty())
        tip += QStringLiteral(" — %1").arg(t.reason);
    tip += SlurmJobsView::tr("\n%1 of %2 seeds finished").arg(t.finishedSeeds).arg(t.seeds.size());
    if (t.failedSeeds > 0)
        tip += SlurmJobsView::tr(", %1 failed").arg(t.failedSeeds);
    tip += SlurmJobsView::tr("\nSeeds: %1").arg(seeds.join(QStringLiteral(", ")));
    return tip;
}

// The bar of a job: its tasks that have not finished counted by state (those on their way first;
// the seeds tell how many finished), then its seeds: "1 running, 2 pending · 6 of 12 seeds".
QString jobText(const SlurmJobStatus::Job& j, int finished)
{
    QStringList counts;
    for (const char* s : kStates)
        if (const int n = j.count(QString::fromLatin1(s)); n > 0 && qstrcmp(s, "finished") != 0)
            counts << QStringLiteral("%1 %2").arg(n).arg(stateName(QString::fromLatin1(s)));
    return SlurmJobsView::tr("%1 · %2 of %3 seeds")
        .arg(counts.isEmpty() ? stateName(QStringLiteral("finished")) : counts.join(QStringLiteral(", ")))
        .arg(finished)
        .arg(j.job.seedCount());
}

QString jobToolTip(const SlurmJobStatus::Job& j)
{
    const SlurmOptions& o = j.job.options;
    QStringList asked;
    asked << (o.partition.isEmpty() ? SlurmJobsView::tr("default partition")
                                    : SlurmJobsView::tr("partition %1").arg(o.partition));
    if (!o.time.isEmpty())
        asked << SlurmJobsView::tr("time %1").arg(o.time);
    if (o.cpusPerTask > 0)
        asked << SlurmJobsView::tr("%1 CPUs per task").arg(o.cpusPerTask);
    if (o.gpusPerTask > 0)
        asked << SlurmJobsView::tr("%1 GPUs per task").arg(o.gpusPerTask);
    if (!o.sbatchArgs.isEmpty())
        asked << o.sbatchArgs.join(QLatin1Char(' '));
    QString tip =
        SlurmJobsView::tr(
            "Slurm job %1 of %2: %3\nSubmitted %4; %5 seeds in %6 array tasks (%7 engine)\n%8\nFiles: %9")
            .arg(j.job.jobId, j.job.experiment, stateName(j.state()),
                 j.job.submittedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
            .arg(j.job.seedCount())
            .arg(j.tasks.size())
            .arg(j.job.engine, asked.join(QStringLiteral(", ")), j.job.folder);
    if (j.job.cancelledAt.isValid())
        tip += SlurmJobsView::tr("\nCancelled %1")
                   .arg(j.job.cancelledAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return tip;
}

} // namespace

SlurmJobsView::SlurmJobsView(QWidget* parent)
    : QWidget(parent), m_tree(new QTreeWidget), m_problem(new QLabel),
      m_cancel(new QPushButton(tr("Cancel job")))
{
    m_tree->setObjectName(QStringLiteral("slurmJobs"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Slurm job / task"), tr("Tasks and seeds")});
    m_tree->header()->setSectionResizeMode(What, QHeaderView::Interactive);
    // Room for a task's state beside its number; a long experiment name is elided (the tooltip has it).
    m_tree->setColumnWidth(What, fontMetrics().horizontalAdvance(QStringLiteral("task 10 · cancelled")) + 64);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setItemDelegateForColumn(Progress, new ProgressBarDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problem->setObjectName(QStringLiteral("slurmProblem"));
    m_problem->setStyleSheet(ProblemText::styleSheet(m_problem));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    m_cancel->setObjectName(QStringLiteral("cancelSlurmJob"));
    m_cancel->setToolTip(tr("scancel the selected job: tasks not yet started never start, running ones stop; "
                            "finished seeds stay"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &SlurmJobsView::cancelSelected);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &SlurmJobsView::updateCancel);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_problem);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);
}

void SlurmJobsView::setJobs(const std::vector<SlurmJobStatus::Job>& jobs, const QString& queueProblem,
                            const QSet<QString>& cancelling)
{
    m_cancelling = cancelling;
    m_problem->setText(
        queueProblem.isEmpty()
            ? QString()
            : tr("squeue failed (%1); tasks that have not ended are shown as unknown.").arg(queueProblem));
    m_problem->setVisible(!queueProblem.isEmpty());

    // Rows are kept by submission folder, so what the user folded or selected stays so.
    std::map<QString, Row> rows;
    const int first = std::max(0, static_cast<int>(jobs.size()) - kShownJobs);
    for (int i = static_cast<int>(jobs.size()) - 1, place = 0; i >= first; --i, ++place) {
        const SlurmJobStatus::Job& j = jobs[static_cast<size_t>(i)];
        Row row;
        if (const auto found = m_jobs.find(j.job.folder); found != m_jobs.end()) {
            row = found->second;
            m_jobs.erase(found);
        } else {
            row.item = new QTreeWidgetItem;
            m_tree->insertTopLevelItem(place, row.item);
            row.item->setExpanded(static_cast<int>(j.tasks.size()) <= kExpandedTasks &&
                                  !SlurmController::hasEnded(j));
        }
        row.jobId = j.job.jobId;
        if (!std::exchange(row.ended, SlurmController::hasEnded(j)) && row.ended)
            row.item->setExpanded(false); // just ended: its bar says how, the newer jobs need the room
        int finished = 0;
        for (const SlurmJobStatus::Task& t : j.tasks)
            finished += t.finishedSeeds;
        row.item->setText(What, tr("job %1 · %2").arg(j.job.jobId, j.job.experiment));
        row.item->setData(What, kStateRole, j.state());
        row.item->setToolTip(What, jobToolTip(j));
        row.item->setToolTip(Progress, jobToolTip(j));
        ProgressBarDelegate::setBar(row.item, Progress, finished, j.job.seedCount(), jobText(j, finished));
        while (row.item->childCount() > static_cast<int>(j.tasks.size()))
            delete row.item->child(row.item->childCount() - 1);
        for (const SlurmJobStatus::Task& t : j.tasks) {
            QTreeWidgetItem* task =
                t.task < row.item->childCount() ? row.item->child(t.task) : new QTreeWidgetItem(row.item);
            task->setText(What, tr("task %1 · %2").arg(t.task).arg(stateName(t.state)));
            task->setData(What, kStateRole, t.state);
            ProgressBarDelegate::setBar(task, Progress, t.finishedSeeds, static_cast<int>(t.seeds.size()),
                                        taskText(t));
            const QString tip = taskToolTip(j, t);
            task->setToolTip(What, tip);
            task->setToolTip(Progress, tip);
        }
        rows[j.job.folder] = row;
    }
    for (auto& [folder, gone] : m_jobs)
        delete gone.item;
    m_jobs = std::move(rows);
    updateCancel();
}

std::optional<SlurmJobsView::ShownJob> SlurmJobsView::job(const QString& jobId) const
{
    for (const auto& [folder, row] : m_jobs)
        if (row.jobId == jobId) {
            ShownJob shown;
            shown.title = row.item->text(What);
            shown.experiment = shown.title.section(QStringLiteral(" · "), 1);
            shown.state = row.item->data(What, kStateRole).toString();
            shown.text = row.item->text(Progress);
            for (int i = 0; i < row.item->childCount(); ++i) {
                const QTreeWidgetItem* t = row.item->child(i);
                shown.tasks.push_back({t->data(What, kStateRole).toString(), t->text(What), t->text(Progress),
                                       t->toolTip(What)});
            }
            return shown;
        }
    return std::nullopt;
}

bool SlurmJobsView::selectJob(const QString& jobId)
{
    for (const auto& [folder, row] : m_jobs)
        if (row.jobId == jobId) {
            m_tree->setCurrentItem(row.item);
            return true;
        }
    return false;
}

QString SlurmJobsView::selectedJob() const
{
    QTreeWidgetItem* item = m_tree->currentItem();
    if (item && item->parent())
        item = item->parent(); // a task row stands for its job
    for (const auto& [folder, row] : m_jobs)
        if (row.item == item)
            return row.jobId;
    return {};
}

bool SlurmJobsView::canCancelSelected() const
{
    QTreeWidgetItem* item = m_tree->currentItem();
    if (item && item->parent())
        item = item->parent();
    for (const auto& [folder, row] : m_jobs)
        if (row.item == item)
            return !row.ended && !row.jobId.isEmpty() && !m_cancelling.contains(row.jobId);
    return false;
}

bool SlurmJobsView::cancelSelected()
{
    if (!canCancelSelected())
        return false;
    Q_EMIT cancelRequested(selectedJob());
    return true;
}

void SlurmJobsView::updateCancel()
{
    m_cancel->setEnabled(canCancelSelected());
    const QString id = selectedJob();
    m_cancel->setText(!id.isEmpty() && m_cancelling.contains(id) ? tr("Cancelling…")
                      : id.isEmpty()                             ? tr("Cancel job")
                                                                 : tr("Cancel job %1").arg(id));
}

} // namespace seedscape
