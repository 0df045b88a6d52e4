#pragma once

#include "plot/experimentcolours.h"
#include "stats/experimentstatistics.h"
#include "stats/learningcurves.h"
#include "stats/scatterdata.h"
#include "stats/workspacestatistics.h"
#include "train/seedresult.h"

#include <QSet>

#include <map>
#include <optional>

namespace seedscape {

struct ExperimentResults;

// Everything the window shows about a workspace's results at one moment, computed away from the
// GUI thread (reading files and scoring ensembles take time) and then handed to the views.
struct WorkspaceSnapshot
{
    ScatterData scatter;
    std::map<QString, ExperimentStatistics> statistics; // every experiment with seeds, for the table
    std::map<QString, int> failedOnly; // experiments whose every stored seed failed: how many, for the table
    // Stored files left out as damaged (seed records, labels.json, definition.json), per experiment,
    // one sentence each naming the file: the table and the Seeds tab say them, as `stats` warns.
    std::map<QString, QStringList> damaged;
    // Checkpoint files waiting per experiment (a sweep that stopped before its seeds finished).
    std::map<QString, int> checkpoints;
    std::vector<ExperimentStatistics> plotted; // the plotted ones, in the scatter's order
    QString focus;                             // the experiment of the curves and the seed table
    QString selected; // as asked for; unlike focus, also an experiment with no results yet
    // Learning curves: the focus first, then the plotted experiments of its comparison group.
    std::vector<LearningCurves> curves;
    std::vector<SeedResult> seeds; // focus: every stored seed, without predictions
    ExperimentColours colours;     // every experiment's colour, the same in all views
    QString coloursProblem;        // a damaged colours.json given anew (every colour may change)
    // The pick rules that choose each experiment among the plotted ones of its comparison group.
    std::map<QString, QStringList> picks;
    // The Compare tab: the focus's comparison group among the plotted experiments (P(better), picks),
    // and bootstrap intervals of the focus unless its predictions are too many to resample live.
    std::optional<WorkspaceStatistics::Group> focusGroup;
    std::optional<BootstrapIntervals> focusBootstrap;

    // selected: the experiment whose comparison group the plots show, with seeds or without (its
    // running seeds are drawn); when it is unchecked or its data cannot be read, the first checked
    // one with seeds's. hidden: experiments the plots leave out.
    static WorkspaceSnapshot build(const QString& workspaceFolder, const QString& selected,
                                   const QSet<QString>& hidden);
    // loadWorkspace's problems, by the experiment whose results folder each names.
    static std::map<QString, QStringList> damagedByExperiment(const QString& workspaceFolder,
                                                              const QStringList& problems);
    // An experiment with no results yet as its first seed will find it: no seeds, but its definition
    // and the truth rows of its data, which decide its comparison group. None when the experiment
    // or its data cannot be read.
    static std::optional<ExperimentResults> beforeFirstSeed(const QString& workspaceFolder,
                                                            const QString& name);

    static constexpr int kPlotSubsetLimit =
        200; // k-ensembles tabulated (and drawn, up to the budget) per experiment
    static constexpr int kScatterEnsembleBudget = 4000; // k-ensembles drawn over all experiments
    static constexpr int kMinEnsemblesDrawn = 20;       // per experiment, however many there are
    // The focus's bootstrap (docs/statistics.md's default B), redone at every snapshot: only while
    // resamples × seeds × prediction values stays under the budget (about a second of work).
    static constexpr int kBootstrapResamples = 2000;
    static constexpr double kBootstrapBudget = 4e8;
    // The options the window's statistics use (and its exports say they used).
    static StatisticsOptions statisticsOptions();
    // The bootstrap intervals the Compare tab shows, with the options above and kBootstrapResamples
    // (what `seedscape-cli stats --bootstrap 2000` gives); none over the budget or without seeds.
    static std::optional<BootstrapIntervals> bootstrapOf(const ExperimentResults& results);
};

} // namespace seedscape
