#pragma once

#include "experimentstatistics.h"

#include <algorithm>

namespace seedscape {

// The statistics of every experiment of a workspace and what compares them (docs/statistics.md):
// comparisons, correlations across experiments and picks, each within one comparison group
// (experiments scored on the same rows), never across groups.
struct WorkspaceStatistics
{
    struct Comparison
    {
        QString a, b;
        double pBetterValidation, pBetterTest; // P(A better than B)
        int seedsA = 0, seedsB = 0;            // the seeds behind it: seedsA · seedsB pairs

        // Below this many seeds on a side, P says little (from 1 × 1 seeds it is 0, ½ or 1): shown,
        // but marked as too few to tell rather than as a certainty.
        static constexpr int kFewSeeds = 3;
        bool tooFewSeeds() const { return std::min(seedsA, seedsB) < kFewSeeds; }
    };

    // Experiments scored on the same rows and what is computed across them.
    struct Group
    {
        ComparisonGroup data;                // what defines it (its first experiment's)
        QStringList experiments;             // names, in the order of WorkspaceStatistics::experiments
        std::vector<Comparison> comparisons; // every ordered pair of the group
        Correlation acrossSeeds;             // every single seed's (validation, test)
        Correlation acrossEnsembles;         // every experiment's full-ensemble (validation, test)
        QString pickByEnsemble;              // best full-ensemble validation score
        QString pickByStability;             // smallest single-seed validation range (ties: better mean),
                                             // of experiments with two seeds or more
        QStringList leftOutOfPicks;          // experiments that hold a source of randomness fixed
        // Others that the rule ranks level with its pick (the first by name is named): the same ensemble
        // score; the same range and mean.
        QStringList tiedByEnsemble, tiedByStability;
        int pickByStabilitySeeds = 0; // the seeds of the pick's range
        int stabilityMostSeeds = 0;   // the most seeds of a range compared
        // The one experiment a rule could have picked, when it is the only one: a pick among one
        // compares nothing, so the rule picks none and says why.
        QString loneByEnsemble, loneByStability;
        // What each pick wins by: the next experiment by the same rule (none when a tie or a lone
        // candidate leaves no margin) and the two scores the rule compared, the full-ensemble
        // validation scores or the validation ranges.
        QString runnerUpByEnsemble, runnerUpByStability;
        double pickEnsembleScore = 0, runnerUpEnsembleScore = 0;
        double pickRange = 0, runnerUpRange = 0;

        // A sentence naming leftOutOfPicks and why they take no part; empty when none.
        QString leftOutNote() const;
        // Sentences on how far the picks can be read: ties, ranges over unequal seed counts (a range
        // can only widen as seeds are added), and full ensembles whose validation scores do not
        // reliably go with their test scores; empty when there is nothing to say.
        QString pickCaveats() const;
        // How far each pick leads the runner-up by its rule, and how often a single seed of the
        // ensemble pick beats one of the runner-up's on validation: a lead that seeds do not back is
        // seen as such. Empty when no pick has a runner-up.
        QString pickMargins() const;
        // The picks and what is said of them, from another computation of this group (the same
        // experiments in another order).
        void takePicksOf(const Group& other);
        // Why there is no pick by ensemble / stability, as a phrase ("no defined ensemble validation
        // score"); empty when there is one.
        QString whyNoPickByEnsemble() const;
        QString whyNoPickByStability() const;

    private:
        QString whyNoPick(const QString& pick, const QString& lone, const QString& otherwise) const;
    };

    // An experiment with stored seeds, every one of them failed: it has no statistics, but it is
    // named, so that it is never silently missing (from compute() only).
    struct FailedOnly
    {
        QString name;
        int failedSeeds = 0;
        QString lastFailure; // the reason of the failed seed that started last
    };

    std::vector<ExperimentStatistics> experiments;
    std::vector<Group> groups;          // in the order of their first experiment; every experiment in one
    std::vector<FailedOnly> failedOnly; // by name

    // The group an experiment belongs to; nullptr for an unknown name.
    const Group* groupOf(const QString& experiment) const;

    static WorkspaceStatistics compute(const std::vector<ExperimentResults>& results,
                                       const StatisticsOptions& options);
    // The groups, comparisons, correlations and picks of experiments already computed (with Kendall
    // intervals of the correlations when bootstrapResamples > 0).
    static WorkspaceStatistics fromExperiments(std::vector<ExperimentStatistics> experiments,
                                               int bootstrapResamples = 0, quint64 randomSeed = 0);
    // P(a better than b) = mean over all pairs of 1 (better), ½ (equal) or 0.
    static double probabilityBetter(const std::vector<double>& a, const std::vector<double>& b,
                                    bool higherIsBetter);
};

} // namespace seedscape
