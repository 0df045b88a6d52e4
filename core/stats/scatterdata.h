#pragma once

#include "comparisongroup.h"
#include "correlation.h"
#include "store/experimentresults.h"

#include <vector>

namespace seedscape {

// What the validation-vs-test scatter shows, independent of any plotting library: per experiment
// its single seeds, its k-ensembles and its full ensemble; across experiments a least-squares
// trend line and the correlations of single seeds and of full ensembles (docs/statistics.md: one
// point per experiment; k-ensembles share seeds, so their points are not independent and would make
// an interval look surer than it is). One comparison group only (experiments scored on the same
// rows): trends and correlations never mix data sets.
struct ScatterData
{
    enum class Kind
    {
        Seed,
        KEnsemble,
        FullEnsemble
    };
    struct Point
    {
        Kind kind;
        double validation, test;
        std::vector<quint64> seeds; // the seed, or the ensemble's members
    };
    struct Series
    {
        QString experiment;
        std::vector<Point> points;
    };
    struct Trend
    {
        // test = intercept + slope · validation; NaN when undefined: fewer than
        // Correlation::kMinPoints points (the rule of the correlations), or one validation score.
        double intercept = Correlation::kNaN, slope = Correlation::kNaN;
        Correlation correlation;
        // A line worth drawing: defined, from as many points as an interval needs
        // (Correlation::kMinPointsForInterval).
        bool isDefined() const;
    };

    Metric metric = Metric::Auto;
    bool higherIsBetter = false;
    int k = 3;
    int subsetLimit = 0;   // k-ensembles drawn per experiment at most
    bool kSampled = false; // some experiment has more k-subsets than subsetLimit: a random sample is drawn
    std::vector<Series> series;
    Trend seedTrend, ensembleTrend; // ensembles: the experiments' full ensembles
    ComparisonGroup group;          // the rows every plotted experiment is scored on
    QStringList otherGroups;        // experiments with seeds left out: scored on other rows
    // Experiments of the plotted group with their truth stored but no seed yet (a sweep started
    // them): the window draws their running seeds. When no experiment has seeds, the first of
    // these decides the group and the metric.
    QStringList awaitingSeeds;

    // "3 checked experiments use other data, split or metric: a, b, c" (empty when none is left out); past
    // kOtherGroupsNamed names, "… and 6 more": the note stays one line beside the legend.
    QString otherGroupsNote() const;
    static constexpr int kOtherGroupsNamed = 3;
    // Single seeds that stand on the exact point of another (accuracy on a few hundred rows takes
    // few values, and dozens of seeds stack under one marker, which looks like one seed), and the
    // sentence that says so ("" when none do).
    int seedsSharingAPoint() const;
    QString sharedPointsNote() const;

    // The comparison group of the first experiment with seeds is plotted (of the first one without,
    // when none has seeds), or with firstLeads the first experiment's, seeds or not (the selected
    // one, training); experiments of other groups are left out and named in otherGroups.
    static ScatterData build(const std::vector<const ExperimentResults*>& experiments, int k, int subsetLimit,
                             quint64 randomSeed, bool firstLeads = false);
    int count(Kind kind) const;
};

} // namespace seedscape
