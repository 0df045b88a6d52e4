#include "runqueueview.h"

#include "sweepcontroller.h"

#include <QHeaderView>
#include <QProgressBar>
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

QProgressBar* barOf(QTreeWidget* tree, QTreeWidgetItem* item)
{
    return qobject_cast<QProgressBar*>(tree->itemWidget(item, Progress));
}

QProgressBar* addBar(QTreeWidget* tree, QTreeWidgetItem* item)
{
    auto* bar = new QProgressBar;
    bar->setTextVisible(true);
    bar->setMaximumHeight(18);
    tree->setItemWidget(item, Progress, bar);
    return bar;
}

} // namespace

RunQueueView::RunQueueView(QWidget* parent) : QWidget(parent), m_tree(new QTreeWidget)
{
    m_tree->setObjectName(QStringLiteral("runQueue"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Experiment / seed"), tr("Progress")});
    m_tree->header()->setSectionResizeMode(What, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
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
            addBar(m_tree, item);
        }
        m_experiments.erase(q.name);
        experiments[q.name] = item;
        QProgressBar* bar = barOf(m_tree, item);
        bar->setRange(0, std::max(1, q.wanted));
        bar->setValue(std::min(q.finished, q.wanted));
        bar->setFormat(tr("%1 of %2 seeds").arg(q.finished).arg(q.wanted));
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
        if (!item) {
            item = new QTreeWidgetItem(parent->second, {tr("seed %1").arg(seed)});
            addBar(m_tree, item);
        }
        m_seeds.erase(seed);
        seeds[seed] = item;
        QProgressBar* bar = barOf(m_tree, item);
        bar->setRange(0, std::max(1, running.epochs));
        bar->setValue(running.epoch);
        bar->setFormat(running.epochs > 0 ? tr("epoch %1 of %2").arg(running.epoch).arg(running.epochs)
                                          : tr("preparing"));
    }
    for (auto& [seed, item] : m_seeds)
        delete item;
    m_seeds = std::move(seeds);
}

int RunQueueView::experimentBars() const
{
    return static_cast<int>(m_experiments.size());
}

int RunQueueView::seedBars() const
{
    return static_cast<int>(m_seeds.size());
}

QProgressBar* RunQueueView::experimentBar(const QString& experiment) const
{
    const auto found = m_experiments.find(experiment);
    return found == m_experiments.end() ? nullptr : barOf(m_tree, found->second);
}

} // namespace seedscape
