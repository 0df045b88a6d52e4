#pragma once

#include "store/experimentresults.h"

#include <QtGlobal>

#include <limits>
#include <vector>

namespace seedscape {

// Scores ensembles of an experiment's seeds: the prediction of an ensemble is the mean of its
// members' predictions (values, or class probabilities), scored with the experiment's metric.
class EnsembleScorer
{
public:
    explicit EnsembleScorer(const ExperimentResults& results);

    struct Scores
    {
        double validation, test;
    };
    // Summary of the k-ensembles of one size k.
    struct SizeSummary
    {
        static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
        int k = 0;
        int count = 0;           // ensembles scored
        bool exhaustive = false; // every k-subset (else `count` distinct random ones)
        // NaN (undefined) while count is 0, e.g. for k above the number of seeds.
        double validationMean = kNaN, validationMin = kNaN, validationMax = kNaN;
        double testMean = kNaN, testMin = kNaN, testMax = kNaN;
    };

    int seedCount() const { return static_cast<int>(m_results.seeds.size()); }

    // The ensemble of the seeds at these indices; an index may repeat (bootstrap resamples).
    Scores score(const std::vector<int>& members) const;
    // The ensemble where seed i counts weights[i] times (weights sum to more than 0).
    Scores scoreWeighted(const std::vector<int>& weights) const;

    // One scored ensemble, for plots: its members (seed indices) and scores.
    struct Member
    {
        std::vector<int> seeds;
        Scores scores;
    };
    // The k-subsets kEnsembles would score (the same subsets for the same arguments), each scored.
    std::vector<Member> kEnsembleMembers(int k, int subsetLimit, quint64 randomSeed) const;

    // The k-ensembles of one k: every k-subset when C(N, k) ≤ subsetLimit, else subsetLimit
    // distinct subsets drawn at random (reproducibly from randomSeed).
    SizeSummary kEnsembles(int k, int subsetLimit, quint64 randomSeed) const;
    // The same for every k = 1..N at once: every k-subset when C(N, k) ≤ exhaustiveLimit (or
    // sampleCount), so those ks equal kEnsembles(k, exhaustiveLimit, …); else sampleCount distinct
    // random subsets, from prefixes of random permutations (and their complements), so one pass
    // serves every k.
    std::vector<SizeSummary> sizeCurve(int exhaustiveLimit, int sampleCount, quint64 randomSeed) const;

    static double choose(int n, int k); // C(n, k) as a double (inf when huge)

private:
    Scores scoreSums(const std::vector<double>& validationSum, const std::vector<double>& testSum,
                     double members) const;
    void addMember(std::vector<double>& validationSum, std::vector<double>& testSum, int seed,
                   double weight = 1.0) const;

    const ExperimentResults& m_results;
    int m_classes;
};

} // namespace seedscape
