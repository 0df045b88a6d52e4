#pragma once

#include <QString>
#include <QtGlobal>

#include <limits>
#include <vector>

namespace seedscape {

// Pearson r, Spearman ρ and Kendall τ-b between two score lists (scipy.stats.pearsonr, spearmanr,
// kendalltau), with the number of points and 95% intervals (docs/statistics.md). NaN where
// undefined: two points or fewer (any line fits two), a constant list, or an undefined score among
// the points (R² of a constant truth, ROC AUC of a one-class split); the intervals also below four
// points. Kendall's interval only when bootstrap resamples are asked for.
struct Correlation
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    // Fewer points than this give no correlation: any line fits two.
    static constexpr int kMinPoints = 3;
    // Fewer points than this give no interval; nor a trend line, which would look surer than the
    // coefficient beside it (three points can fit a steep line by chance).
    static constexpr int kMinPointsForInterval = 4;

    double pearson = kNaN, spearman = kNaN, kendall = kNaN;
    int n = 0;
    double pearsonCi95[2] = {kNaN, kNaN};  // Fisher z: tanh(atanh(r) ± 1.959964 / sqrt(n − 3))
    double spearmanCi95[2] = {kNaN, kNaN}; // the same with 1.06 / sqrt(n − 3) (Fieller et al., 1957)
    double kendallCi95[2] = {kNaN, kNaN};  // percentile bootstrap over the points
    bool undefinedScore = false;           // a point's score is undefined: nothing is computed

    // "r = 0.62 (95% 0.21–0.85, n = 12)"; says so where there are too few points for r or its interval.
    // A coefficient for the eye: 2 significant digits, rounding noise around 0 shown as 0.
    static QString coefficientText(double v);
    QString pearsonText() const;

    // With bootstrapResamples > 0 also Kendall's interval, from resamples of the points drawn by a
    // generator seeded with randomSeed (the same seed, the same interval).
    static Correlation of(const std::vector<double>& x, const std::vector<double>& y,
                          int bootstrapResamples = 0, quint64 randomSeed = 0);
    static double pearsonOf(const std::vector<double>& x, const std::vector<double>& y);
    static double kendallTauB(const std::vector<double>& x, const std::vector<double>& y);
    static std::vector<double> averageRanks(const std::vector<double>& v); // 1-based, ties averaged
    // The interval tanh(atanh(r) ± z·scale / sqrt(n − 3)); NaN for n < 4 or an undefined r.
    static void fisherInterval(double r, int n, double scale, double* out);
    // The 2.5th and 97.5th percentile of τ-b over resamples of the n points drawn with replacement
    // (resamples where τ-b is undefined left out).
    static void kendallBootstrap(const std::vector<double>& x, const std::vector<double>& y, int resamples,
                                 quint64 randomSeed, double* out);
};

} // namespace seedscape
