#include "runqueueview.h"

#include "problemtext.h"
#include "progressbardelegate.h"
#include "slurmjobsview.h"
#include "sweepcontroller.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace seedscape {

namespace {

enum Column
{
    What,
    Progress,
    ColumnCount
};

void setBar(QTreeWidgetItem* item, int value, int maximum, const QString& text)
{
    ProgressBarDelegate::setBar(item, Progress, value, maximum, text);
}

// A program that gives no epoch total shows that it runs, and its epoch, but no share done: an
// empty bar, never a made-up percentage.
QString seedText(const SweepController::RunningSeed& running)
{
    if (running.epochs > 0)
        return RunQueueView::tr("epoch %1 of %2").arg(running.epoch).arg(running.epochs);
    if (!running.program)
        return RunQueueView::tr("preparing");
    return running.epoch > 0 ? RunQueueView::tr("running · epoch %1").arg(running.epoch)
                             : RunQueueView::tr("running");
}

RunQueueView::Bar barOf(const QTreeWidgetItem* item)
{
    return {item->data(Progress, ProgressBarDelegate::kValueRole).toInt(),
            item->data(Progress, ProgressBarDelegate::kMaximumRole).toInt(), item->text(Progress)};
}

} // namespace

RunQueueView::RunQueueView(QWidget* parent)
    : QWidget(parent), m_tree(new QTreeWidget), m_problem(new QLabel), m_slurmJobs(new SlurmJobsView)
{
    m_problem->setObjectName(QStringLiteral("runProblem"));
    m_problem->setStyleSheet(ProblemText::styleSheet(m_problem));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    m_tree->setObjectName(QStringLiteral("runQueue"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Experiment / seed"), tr("Progress")});
    // A fixed width that fits the longest seed: a width that followed the rows would resize the
    // dock, and with it the plots, every time seeds start and end.
    m_tree->header()->setSectionResizeMode(What, QHeaderView::Interactive);
    m_tree->setColumnWidth(What,
                           fontMetrics().horizontalAdvance(QStringLiteral("seed 18446744073709551615")) + 48);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setItemDelegateForColumn(Progress, new ProgressBarDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_problem);
    layout->addWidget(m_tree);
    layout->addWidget(m_slurmJobs);
    showSections();
}

void RunQueueView::setSlurmJobs(const std::vector<SlurmJobStatus::Job>& jobs, const QString& queueProblem,
                                const QSet<QString>& cancelling)
{
    m_slurmJobs->setJobs(jobs, queueProblem, cancelling);
    showSections();
}

void RunQueueView::showSections()
{
    // Each list only when it has rows, the sweep's also when neither has: an empty panel still
    // says what it is for.
    const bool jobs = m_slurmJobs->jobCount() > 0;
    m_slurmJobs->setVisible(jobs);
    m_tree->setVisible(!jobs || m_tree->topLevelItemCount() > 0);
}

void RunQueueView::update(const SweepController& sweeps)
{
    // Experiments: a row each, kept for the sweep's life (and after, showing how it ended).
    std::map<QString, QTreeWidgetItem*> experiments;
    for (const SweepController::QueuedExperiment& q : sweeps.queue()) {
        QTreeWidgetItem* item = m_experiments.count(q.name) ? m_experiments.at(q.name) : nullptr;
        if (!item) {
            item = new QTreeWidgetItem(m_tree, {q.name});
            item->setExpanded(true);
        }
        m_experiments.erase(q.name);
        experiments[q.name] = item;
        const QString seeds = tr("%1 of %2 seeds").arg(q.finished).arg(q.wanted);
        setBar(item, std::min(q.finished, q.wanted), q.wanted,
               q.waitingFor.isEmpty() ? seeds : tr("%1 · waiting for %2").arg(seeds, q.waitingFor));
        item->setToolTip(Progress,
                         q.waitingFor.isEmpty()
                             ? QString()
                             : tr("Another process (%1: a seedscape-cli run, a Slurm task or another "
                                  "window) trains %2 now. This sweep trains the seeds still missing "
                                  "once that one stops.")
                                   .arg(q.waitingFor, q.name));
    }
    for (auto& [name, stale] : m_experiments) { // experiments of an earlier sweep, with their seed rows
        for (auto it = m_seeds.begin(); it != m_seeds.end();)
            it = it->second->parent() == stale ? m_seeds.erase(it) : std::next(it);
        delete stale;
    }
    m_experiments = std::move(experiments);

    // Running seeds: a row each under their experiment, gone when the seed ends.
    std::map<quint64, QTreeWidgetItem*> seeds;
    for (const auto& [seed, running] : sweeps.runningSeeds()) {
        const auto parent = m_experiments.find(running.experiment);
        if (parent == m_experiments.end())
            continue;
        QTreeWidgetItem* item = m_seeds.count(seed) ? m_seeds.at(seed) : nullptr;
        if (!item)
            item = new QTreeWidgetItem(parent->second, {tr("seed %1").arg(seed)});
        m_seeds.erase(seed);
        seeds[seed] = item;
        setBar(item, running.epochs > 0 ? running.epoch : 0, running.epochs,
               sweeps.isPaused() ? tr("paused · %1").arg(seedText(running)) : seedText(running));
    }
    for (auto& [seed, item] : m_seeds)
        delete item;
    m_seeds = std::move(seeds);
    showSections();
}

std::optional<RunQueueView::Bar> RunQueueView::experimentBar(const QString& experiment) const
{
    const auto found = m_experiments.find(experiment);
    if (found == m_experiments.end())
        return std::nullopt;
    return barOf(found->second);
}

std::vector<RunQueueView::Bar> RunQueueView::runningSeedBars() const
{
    std::vector<Bar> bars;
    for (const auto& [seed, item] : m_seeds)
        bars.push_back(barOf(item));
    return bars;
}

void RunQueueView::setProblem(const QString& message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

QString RunQueueView::problem() const
{
    return m_problem->text();
}

} // namespace seedscape
