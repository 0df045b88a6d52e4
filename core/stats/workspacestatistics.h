#pragma once

#include "experimentstatistics.h"

namespace seedscape {

// The statistics of every experiment of a workspace and what compares them (docs/statistics.md).
struct WorkspaceStatistics
{
    struct Comparison
    {
        QString a, b;
        double pBetterValidation, pBetterTest; // P(A better than B)
    };

    std::vector<ExperimentStatistics> experiments;
    std::vector<Comparison> comparisons; // every ordered pair sharing a metric

    // Across experiments: over the experiments of the metric most of them share.
    Metric acrossMetric = Metric::Auto;
    int acrossExperimentCount = 0;
    Correlation acrossSeeds;     // every single seed's (validation, test)
    Correlation acrossEnsembles; // every experiment's full-ensemble (validation, test)
    QString pickByEnsemble;      // best full-ensemble validation score
    QString pickByStability;     // smallest single-seed validation range (ties: better mean)

    static WorkspaceStatistics compute(const std::vector<ExperimentResults>& results,
                                       const StatisticsOptions& options);
    // The comparisons, correlations and picks of experiments already computed.
    static WorkspaceStatistics fromExperiments(std::vector<ExperimentStatistics> experiments);
    // P(a better than b) = mean over all pairs of 1 (better), ½ (equal) or 0.
    static double probabilityBetter(const std::vector<double>& a, const std::vector<double>& b,
                                    bool higherIsBetter);
};

} // namespace seedscape
