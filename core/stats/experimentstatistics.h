#pragma once

#include "comparisongroup.h"
#include "correlation.h"
#include "ensemblescorer.h"
#include "spread.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace seedscape {

struct StatisticsOptions
{
    std::vector<int> ks = {3};  // k-ensemble sizes reported on their own
    int subsetLimit = 1000;     // k-ensembles: all k-subsets up to this many, else this many at random
    int curveSubsetLimit = 200; // random subsets per k of the ensemble-size curve where C(N, k) > both limits
    int bootstrapResamples = 0; // 0: no bootstrap intervals
    quint64 randomSeed = 0;     // for sampled subsets and bootstrap resamples
    int threads = 0;            // experiments computed at once; 0: one per core
};

// Percentile (2.5 %, 97.5 %) intervals over resamples of seeds with replacement.
struct BootstrapIntervals
{
    int resamples = 0;
    // Of the single-seed mean, and of the full ensemble rebuilt from each resample; NaN below two seeds.
    double validationMean[2] = {Correlation::kNaN, Correlation::kNaN};
    double testMean[2] = {Correlation::kNaN, Correlation::kNaN};
    double ensembleValidation[2] = {Correlation::kNaN, Correlation::kNaN};
    double ensembleTest[2] = {Correlation::kNaN, Correlation::kNaN};

    // How wide a percentile bootstrap interval of the mean of N seeds is expected to be beside the
    // t-interval: z·√((N − 1)/N) / t(0.975, N − 1), 0.63 at 5 seeds. Resampling few seeds misses
    // how unsure their own spread is. NaN below two seeds.
    static double meanWidthAgainstT(int seeds);
};

// Every number docs/statistics.md defines for one experiment.
struct ExperimentStatistics
{
    struct SeedScore
    {
        quint64 seed;
        double validation, test;
    };

    QString name;
    Task task = Task::Regression;
    Metric metric = Metric::RMSE;
    bool higherIsBetter = false;
    ComparisonGroup group; // the rows it is scored on: compared only with experiments of the same key
    // Sources of randomness its stored definition holds fixed between seeds (seeds.vary; a randomness
    // study's variants): its spread leaves them out, so it takes no part in the picks.
    QStringList heldFixed;
    std::vector<SeedScore> seeds;
    int failedSeeds = 0;
    QStringList damagedSeeds; // file names of the records left out as damaged, e.g. "seed-5.json"
    Spread validation, test;
    double ensembleValidation, ensembleTest; // all N seeds
    double gainValidation, gainTest;         // full ensemble − mean single seed; positive is better
    std::vector<EnsembleScorer::SizeSummary> kSummaries; // one per StatisticsOptions::ks, in that order
    std::vector<EnsembleScorer::SizeSummary> sizeCurve;  // k = 1..N
    Correlation validationTest;                          // across this experiment's seeds
    std::optional<BootstrapIntervals> bootstrap;

    int seedCount() const { return static_cast<int>(seeds.size()); }
    // The summary of the k-ensembles of a k in StatisticsOptions::ks (count 0 when k > N).
    const EnsembleScorer::SizeSummary* kEnsembles(int k) const;

    static ExperimentStatistics compute(const ExperimentResults& results, const StatisticsOptions& options);
};

} // namespace seedscape
