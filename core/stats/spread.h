#pragma once

#include <vector>

namespace seedscape {

// How single-seed scores spread (docs/statistics.md). Undefined values are NaN: std and ci95 of one
// score, everything of none.
struct Spread
{
    int n = 0;
    double mean, std, min, max, range;
    double ciLow, ciHigh; // Student-t 95% interval of the mean
    double iqm;           // scipy.stats.trim_mean(v, 0.25)
    // expectedBest[n − 1]: the expected best score of n seeds drawn without replacement
    // (unbiased: Tang et al. 2020). expectedBest[0] is the mean, expectedBest[N − 1] the best.
    std::vector<double> expectedBest;

    static Spread of(const std::vector<double>& scores, bool higherIsBetter);
    // How much better than the mean single seed `score` reads, positive when better, whichever way
    // the metric points: an ensemble's gain, a best seed's luck.
    double leadOverMean(double score, bool higherIsBetter) const;

    static double meanOf(const std::vector<double>& v);
    static double sampleStd(const std::vector<double>& v); // ddof = 1
    static double trimmedMean(std::vector<double> v, double proportion);
    static std::vector<double> expectedBestOf(std::vector<double> scores, bool higherIsBetter);
    // numpy.percentile(v, q) with linear interpolation; v need not be sorted.
    static double percentile(std::vector<double> v, double q);
};

} // namespace seedscape
