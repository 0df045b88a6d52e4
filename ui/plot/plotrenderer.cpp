#include "plotrenderer.h"

#include "learningcurveview.h"
#include "plotexporter.h"
#include "scatterplotview.h"
#include "statisticsplotview.h"

#include "common/atomicfile.h"
#include "common/countednoun.h"
#include "common/inputerror.h"
#include "stats/comparisongroup.h"
#include "stats/scatterdata.h"
#include "stats/workspacestatistics.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace seedscape {

QStringList PlotRenderer::kinds()
{
    return {QStringLiteral("scatter"), QStringLiteral("spread"), QStringLiteral("ensemble-size"),
            QStringLiteral("curves")};
}

namespace {

// Enough names to recognise the workspace's other experiments; a long list would bury the warning.
constexpr int kOtherGroupsNamed = 8;

// The experiment a plot or report is about when none is named (comparableGroup's choice).
QString firstWithSeeds(const std::vector<ExperimentResults>& group)
{
    const auto first =
        std::find_if(group.begin(), group.end(), [](const ExperimentResults& r) { return !r.seeds.empty(); });
    return first == group.end() ? QString() : first->name;
}

} // namespace

std::vector<ExperimentResults> PlotRenderer::comparableGroup(const QString& workspaceFolder,
                                                             const QString& experiment,
                                                             QStringList* otherGroups, QStringList* problems)
{
    if (!QFileInfo(workspaceFolder).isDir())
        throw InputError({workspaceFolder}, QStringLiteral("no such workspace folder"));
    std::vector<ExperimentResults> results = ExperimentResults::loadWorkspace(workspaceFolder, problems);
    auto chosen = std::find_if(results.begin(), results.end(), [&](const ExperimentResults& r) {
        return experiment.isEmpty() ? !r.seeds.empty() : r.name == experiment;
    });
    if (chosen == results.end() && !experiment.isEmpty()) {
        const Workspace workspace(workspaceFolder);
        if (workspace.contains(experiment))
            throw InputError({workspaceFolder},
                             QStringLiteral("'%1' has no finished seed yet").arg(experiment));
        throw workspace.noSuchExperiment(experiment);
    }
    if (chosen == results.end())
        throw InputError({workspaceFolder}, QStringLiteral("no experiment has a finished seed yet"));
    if (chosen->seeds.empty())
        throw InputError({workspaceFolder}, QStringLiteral("'%1' has no finished seed yet").arg(experiment));
    // Only experiments scored on the same rows are comparable: the chosen one's comparison group.
    const QString key = ComparisonGroup::of(*chosen).key;
    const Metric metric = chosen->labels.metric;
    std::vector<ExperimentResults> group;
    for (ExperimentResults& r : results)
        if (key.isEmpty() ? r.labels.metric == metric : ComparisonGroup::of(r).key == key) {
            group.push_back(std::move(r));
        } else {
            if (otherGroups && !r.seeds.empty())
                *otherGroups << r.name;
            // Its damaged files are not this figure's: what is left out here is what belongs here,
            // and what cannot be placed in a group at all (an unreadable labels.json).
            if (problems)
                problems->removeIf(
                    [&](const QString& p) { return p.startsWith(r.folder + QLatin1Char('/')); });
        }
    return group;
}

QString PlotRenderer::otherGroupsWarning(const std::vector<ExperimentResults>& group,
                                         const QStringList& otherGroups)
{
    if (otherGroups.isEmpty())
        return {};
    return QStringLiteral("this shows %1's comparison group only; %2 with seeds %3 in other groups (other "
                          "data, split or metric): %4. --experiment NAME shows NAME's group")
        .arg(firstWithSeeds(group), countedNoun(otherGroups.size(), QStringLiteral("experiment")),
             otherGroups.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
             namesAndMore(otherGroups, kOtherGroupsNamed));
}

std::unique_ptr<PlotPage> PlotRenderer::view(const std::vector<ExperimentResults>& group,
                                             const Options& options, const ExperimentColours& colours)
{
    if (options.kind == QLatin1String("scatter")) {
        std::vector<const ExperimentResults*> pointers;
        for (const ExperimentResults& r : group)
            pointers.push_back(&r);
        auto view = std::make_unique<ScatterPlotView>();
        view->resize(options.width, options.height);
        view->setColours(colours);
        view->setData(ScatterData::build(pointers, options.k, 200, 0));
        return view;
    }
    if (options.kind == QLatin1String("curves")) {
        auto chosen = std::find_if(group.begin(), group.end(), [&](const ExperimentResults& r) {
            return options.experiment.isEmpty() ? !r.seeds.empty() : r.name == options.experiment;
        });
        auto view = std::make_unique<LearningCurveView>();
        view->resize(options.width, options.height);
        view->setColours(colours);
        if (chosen != group.end()) {
            std::vector<std::vector<double>> curves;
            for (const SeedResult& seed : chosen->seeds)
                curves.push_back(seed.validationCurve);
            view->setData(chosen->name, chosen->labels.metric, std::move(curves));
        }
        return view;
    }
    StatisticsOptions statisticsOptions;
    statisticsOptions.ks = {options.k};
    auto view = std::make_unique<StatisticsPlotView>(options.kind == QLatin1String("spread")
                                                         ? StatisticsPlotView::Kind::Spread
                                                         : StatisticsPlotView::Kind::EnsembleSize);
    view->resize(options.width, options.height);
    view->setColours(colours);
    if (options.kind == QLatin1String("spread")) {
        view->setStyle(options.box ? StatisticsPlotView::Style::Box : StatisticsPlotView::Style::Strip);
        view->setShowTest(options.testScores);
    }
    // As in the window, where the selected experiment is: the one named, else the first with seeds.
    view->setHighlighted(options.experiment.isEmpty() ? firstWithSeeds(group) : options.experiment);
    view->setData(WorkspaceStatistics::compute(group, statisticsOptions).experiments);
    return view;
}

QStringList PlotRenderer::render(const QString& workspaceFolder, const QString& outputPath,
                                 const Options& options)
{
    if (!kinds().contains(options.kind))
        throw InputError({}, QStringLiteral("unknown plot kind '%1'; the kinds are: %2")
                                 .arg(options.kind, kinds().join(QStringLiteral(", "))));
    if ((options.box || options.testScores) && options.kind != QLatin1String("spread"))
        throw InputError({}, QStringLiteral("--box and --scores apply to --kind spread only"));
    if (!PlotExporter::formatOf(outputPath))
        throw InputError({outputPath}, QStringLiteral("unknown format; use .png, .svg or .pdf"));
    requireOutputFolder(outputPath);
    QStringList otherGroups;
    QStringList warnings; // first the damaged files left out, as `stats` names them
    const std::vector<ExperimentResults> group =
        comparableGroup(workspaceFolder, options.experiment, &otherGroups, &warnings);
    QString colourProblem;
    const std::unique_ptr<PlotPage> page =
        view(group, options, ExperimentColours::ofWorkspace(workspaceFolder, &colourProblem));
    if (!colourProblem.isEmpty())
        warnings << colourProblem;
    PlotExporter::save(page->plot(), outputPath, options.width, options.height, options.dpi);

    // (Curves draw one experiment's seeds: no group is drawn, so none is left out.)
    if (options.experiment.isEmpty() && !otherGroups.isEmpty() && options.kind != QLatin1String("curves"))
        warnings << otherGroupsWarning(group, otherGroups);
    size_t mostSeeds = 0;
    for (const ExperimentResults& r : group)
        mostSeeds = std::max(mostSeeds, r.seeds.size());
    if (options.kind == QLatin1String("scatter") && static_cast<size_t>(options.k) > mostSeeds)
        warnings << QStringLiteral("--k %1: no experiment plotted has %1 seeds (the most is %2), so no "
                                   "%1-seed ensembles are drawn")
                        .arg(options.k)
                        .arg(mostSeeds);
    if (options.kind == QLatin1String("curves")) {
        const auto chosen = std::find_if(group.begin(), group.end(), [&](const ExperimentResults& r) {
            return options.experiment.isEmpty() ? !r.seeds.empty() : r.name == options.experiment;
        });
        if (chosen != group.end() &&
            std::all_of(chosen->seeds.begin(), chosen->seeds.end(),
                        [](const SeedResult& s) { return s.validationCurve.empty(); }))
            warnings << QStringLiteral("%1 recorded no score per epoch (imported predictions, or a program "
                                       "that prints no progress): its learning curves are empty")
                            .arg(chosen->name);
    }
    return warnings;
}

void PlotRenderer::requireOutputFolder(const QString& outputPath)
{
    // A mistyped folder is the user's mistake to hear about, not a folder to create unasked.
    const QFileInfo file(outputPath);
    if (!file.absoluteDir().exists())
        throw InputError({outputPath},
                         QStringLiteral("no such folder %1; create it first").arg(file.absolutePath()));
}

} // namespace seedscape
