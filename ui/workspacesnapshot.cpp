#include "workspacesnapshot.h"

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "data/prepareddatacache.h"
#include "experiment/experimentnames.h"
#include "stats/comparisongroup.h"
#include "stats/workspacestatistics.h"
#include "store/checkpointfile.h"
#include "store/experimentlabels.h"
#include "store/experimentresults.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QDir>

#include <algorithm>

namespace seedscape {

StatisticsOptions WorkspaceSnapshot::statisticsOptions()
{
    StatisticsOptions options;
    options.subsetLimit = kPlotSubsetLimit;
    options.curveSubsetLimit = 50; // the ensemble-size curve is redrawn live: keep it cheap
    return options;
}

std::optional<BootstrapIntervals> WorkspaceSnapshot::bootstrapOf(const ExperimentResults& results)
{
    const double values = static_cast<double>(results.labels.validation.size() + results.labels.test.size()) *
                          results.labels.predictionColumns() * static_cast<double>(results.seeds.size());
    if (results.seeds.empty() || values * kBootstrapResamples > kBootstrapBudget)
        return std::nullopt;
    StatisticsOptions options = statisticsOptions();
    options.bootstrapResamples = kBootstrapResamples;
    return ExperimentStatistics::compute(results, options).bootstrap;
}

std::optional<ExperimentResults> WorkspaceSnapshot::beforeFirstSeed(const QString& workspaceFolder,
                                                                    const QString& name)
{
    try {
        const Workspace workspace(workspaceFolder);
        const Experiment e = workspace.experiment(name);
        // As a sweep prepares it (Workspace::prepareData), from the cache the editor's preview fills.
        const std::shared_ptr<const PreparedData> data =
            PreparedDataCache::shared().get(workspace.dataFile(e), e.dataset, Workspace::dataUse(e));
        ExperimentResults r;
        r.name = name;
        r.folder = workspace.resultsFolder(name);
        r.definition = e;
        r.labels = ExperimentLabels::fromData(*data, effectiveMetric(e.metric, data->dataset.task));
        return r;
    } catch (const InputError&) {
        return std::nullopt; // its data cannot be read: no rows to compare on (the editor says why)
    } catch (const StorageError&) {
        return std::nullopt;
    }
}

std::map<QString, QStringList> WorkspaceSnapshot::damagedByExperiment(const QString& workspaceFolder,
                                                                      const QStringList& problems)
{
    // Each problem begins with its experiment's results folder (ExperimentResults::loadWorkspace).
    std::map<QString, QStringList> damaged;
    const QDir results(workspaceFolder + QStringLiteral("/results"));
    for (const QString& name : results.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        for (const QString& problem : problems)
            if (problem.startsWith(results.filePath(name) + QLatin1Char('/')))
                damaged[name] << problem;
    return damaged;
}

WorkspaceSnapshot WorkspaceSnapshot::build(const QString& workspaceFolder, const QString& selected,
                                           const QSet<QString>& hidden)
{
    WorkspaceSnapshot snapshot;
    snapshot.selected = selected;
    QStringList problems;
    const std::vector<ExperimentResults> results =
        ExperimentResults::loadWorkspace(workspaceFolder, &problems);
    snapshot.damaged = damagedByExperiment(workspaceFolder, problems);
    const QDir resultsDir(workspaceFolder + QStringLiteral("/results"));
    for (const QString& name : resultsDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (const int n = CheckpointFile::count(resultsDir.filePath(name)); n > 0)
            snapshot.checkpoints[name] = n;
    snapshot.colours = ExperimentColours::ofWorkspace(workspaceFolder, &snapshot.coloursProblem);
    // The plots hold one comparison group: the selected experiment goes first, so its group is the
    // one (ScatterData leaves the others out and names them), with seeds or without: an experiment
    // not run yet, or cancelled before its first seed, has its data's rows too. Else the plots
    // would show another data set's experiments as if they were the selected one's.
    std::vector<const ExperimentResults*> plotted;
    std::optional<ExperimentResults> notRunYet;
    if (!selected.isEmpty() && !hidden.contains(selected)) {
        const auto stored = std::find_if(results.begin(), results.end(),
                                         [&](const ExperimentResults& r) { return r.name == selected; });
        if (stored != results.end())
            plotted.push_back(&*stored);
        else if ((notRunYet = beforeFirstSeed(workspaceFolder, selected)))
            plotted.push_back(&*notRunYet);
    }
    // Only the selected one leads without seeds: an idle one, first by name, would take the scatter.
    const bool selectedLeads = !plotted.empty();
    for (const ExperimentResults& r : results)
        if ((plotted.empty() || r.name != plotted.front()->name) && !hidden.contains(r.name))
            plotted.push_back(&r);
    // Thousands of overlapping rings say no more than hundreds, and cost a replot: with many
    // experiments each draws a random sample of its k-ensembles (the table still uses them all).
    const int withSeeds = static_cast<int>(std::count_if(
        plotted.begin(), plotted.end(), [](const ExperimentResults* r) { return !r->seeds.empty(); }));
    const int drawnPerExperiment =
        std::clamp(kScatterEnsembleBudget / std::max(1, withSeeds), kMinEnsemblesDrawn, kPlotSubsetLimit);
    snapshot.scatter = ScatterData::build(plotted, 3, drawnPerExperiment, 0, selectedLeads);

    for (ExperimentStatistics& s : WorkspaceStatistics::compute(results, statisticsOptions()).experiments)
        snapshot.statistics.emplace(s.name, std::move(s));
    for (const ExperimentResults& r : results) // no statistics, but not "not run" either
        if (r.seeds.empty() && r.failedSeeds > 0)
            snapshot.failedOnly.emplace(r.name, r.failedSeeds);
    for (const ExperimentResults* r : plotted)
        if (snapshot.statistics.count(r->name))
            snapshot.plotted.push_back(snapshot.statistics.at(r->name));

    const QString focus = !selected.isEmpty() ? selected
                          : plotted.empty()   ? QString()
                                              : plotted.front()->name;
    for (const ExperimentResults& r : results)
        if (r.name == focus) {
            snapshot.focus = r.name;
            snapshot.seeds = ResultStore(workspaceFolder + QStringLiteral("/results/") + r.name).load(false);
        }
    const auto focused = std::find_if(results.begin(), results.end(),
                                      [&](const ExperimentResults& r) { return r.name == snapshot.focus; });
    // A pick names the earliest experiment on a tie, in the workspace's order as `stats` and the
    // report do; the plotted list starts with the selected one, so picks are computed in file order.
    const auto inWorkspaceOrder = [&results](std::vector<ExperimentStatistics> experiments) {
        const auto position = [&results](const QString& name) {
            return std::find_if(results.begin(), results.end(),
                                [&](const ExperimentResults& r) { return r.name == name; }) -
                   results.begin();
        };
        std::stable_sort(experiments.begin(), experiments.end(),
                         [&](const ExperimentStatistics& a, const ExperimentStatistics& b) {
                             return position(a.name) < position(b.name);
                         });
        return WorkspaceStatistics::fromExperiments(std::move(experiments));
    };
    const WorkspaceStatistics plottedInFileOrder = inWorkspaceOrder(snapshot.plotted);
    for (const WorkspaceStatistics::Group& group : plottedInFileOrder.groups) {
        // A group with one candidate (alone on its data, or beside experiments of one seed or with a
        // source held fixed) has no pick: a pick among one compares nothing.
        if (!group.pickByEnsemble.isEmpty())
            snapshot.picks[group.pickByEnsemble] << QStringLiteral("ensemble");
        if (!group.pickByStability.isEmpty())
            snapshot.picks[group.pickByStability] << QStringLiteral("stability");
    }
    if (focused != results.end() && snapshot.statistics.count(snapshot.focus)) {
        // The focus is compared even while its own box is unchecked (the tab is about it), and
        // comes first: the matrix's first row.
        std::vector<ExperimentStatistics> compared = snapshot.plotted;
        const bool focusPlotted =
            std::any_of(compared.begin(), compared.end(),
                        [&](const ExperimentStatistics& e) { return e.name == snapshot.focus; });
        if (!focusPlotted)
            compared.insert(compared.begin(), snapshot.statistics.at(snapshot.focus));
        const WorkspaceStatistics focusFirst = WorkspaceStatistics::fromExperiments(compared);
        // Its picks: those of the plotted experiments' groups above, unless the focus joined them.
        const WorkspaceStatistics inFileOrder =
            focusPlotted ? WorkspaceStatistics() : inWorkspaceOrder(std::move(compared));
        const WorkspaceStatistics::Group* group = focusFirst.groupOf(snapshot.focus);
        const WorkspaceStatistics::Group* picking =
            (focusPlotted ? plottedInFileOrder : inFileOrder).groupOf(snapshot.focus);
        if (group && picking) {
            snapshot.focusGroup = *group;
            snapshot.focusGroup->takePicksOf(*picking);
        }
        snapshot.focusBootstrap = bootstrapOf(*focused);
    }
    // Curves on one axis only when scored alike: the focus's comparison group, as in the scatter.
    if (focused != results.end()) {
        const QString key = ComparisonGroup::of(*focused).key;
        const auto curvesOf = [](const ExperimentResults& r) {
            LearningCurves c;
            c.experiment = r.name;
            c.metric = r.labels.metric;
            for (const SeedResult& seed : r.seeds) {
                c.seeds.push_back(seed.seed);
                c.curves.push_back(seed.validationCurve);
            }
            return c;
        };
        snapshot.curves.push_back(curvesOf(*focused));
        for (const ExperimentResults* r : plotted)
            if (r->name != focused->name && r->labels.metric == focused->labels.metric &&
                (key.isEmpty() || ComparisonGroup::of(*r).key == key))
                snapshot.curves.push_back(curvesOf(*r));
    }
    return snapshot;
}

} // namespace seedscape
