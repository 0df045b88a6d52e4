#pragma once

#include <vector>

namespace seedscape {

// Pearson r, Spearman ρ and Kendall τ-b between two score lists (scipy.stats.pearsonr, spearmanr,
// kendalltau). NaN where undefined: fewer than two pairs, or a constant list.
struct Correlation
{
    double pearson, spearman, kendall;

    static Correlation of(const std::vector<double>& x, const std::vector<double>& y);
    static double pearsonOf(const std::vector<double>& x, const std::vector<double>& y);
    static double kendallTauB(const std::vector<double>& x, const std::vector<double>& y);
    static std::vector<double> averageRanks(const std::vector<double>& v); // 1-based, ties averaged
};

} // namespace seedscape
