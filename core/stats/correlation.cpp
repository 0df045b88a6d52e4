#include "correlation.h"

#include "common/numberformat.h"
#include "spread.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace seedscape {

double Correlation::pearsonOf(const std::vector<double>& x, const std::vector<double>& y)
{
    const size_t n = x.size();
    if (n < 2)
        return kNaN;
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx == 0 || syy == 0)
        return kNaN;
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

std::vector<double> Correlation::averageRanks(const std::vector<double>& v)
{
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> ranks(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
            ++j;
        const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (size_t k = i; k <= j; ++k)
            ranks[order[k]] = rank;
        i = j + 1;
    }
    return ranks;
}

double Correlation::kendallTauB(const std::vector<double>& x, const std::vector<double>& y)
{
    const size_t n = x.size();
    if (n < 2)
        return kNaN;
    double concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j) {
            const double dx = x[i] - x[j], dy = y[i] - y[j];
            if (dx == 0)
                ++tiedX; // includes pairs tied in both
            if (dy == 0)
                ++tiedY;
            if (dx != 0 && dy != 0)
                (dx * dy > 0 ? concordant : discordant) += 1;
        }
    const double total = n * (n - 1) / 2.0;
    const double denominator = std::sqrt((total - tiedX) * (total - tiedY));
    return denominator > 0 ? (concordant - discordant) / denominator : kNaN;
}

void Correlation::fisherInterval(double r, int n, double scale, double* out)
{
    out[0] = out[1] = kNaN;
    if (n < kMinPointsForInterval || !std::isfinite(r))
        return;
    if (std::abs(r) == 1.0) { // atanh(±1) is infinite: the interval degenerates to r itself
        out[0] = out[1] = r;
        return;
    }
    const double z = std::atanh(r);
    const double half = 1.959964 * scale / std::sqrt(static_cast<double>(n) - 3.0);
    out[0] = std::tanh(z - half);
    out[1] = std::tanh(z + half);
}

QString Correlation::coefficientText(double v)
{
    // A correlation of exactly nothing computes as ±1e-16 or so: shown as the 0 it is.
    if (std::abs(v) < 1e-9)
        return formatNumber(0.0, 2);
    if (!std::isfinite(v) || std::abs(v) >= 1.0)
        return formatNumber(v, 2); // undefined ("—"), or ±1
    // Significant digits, trailing zeros kept: -0.60 and 0.0080 claim the precision they have,
    // where -0.6 and 0.008 would claim less.
    const auto withDigits = [v](int digits) {
        const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(v))));
        const int decimals = std::max(0, digits - 1 - magnitude);
        const QString text = QString::number(v, 'f', decimals);
        // 0.0999 rounds up to 0.100: one decimal fewer keeps two significant digits (0.10).
        return std::abs(text.toDouble()) >= std::pow(10.0, magnitude + 1) && decimals > 0
                   ? QString::number(v, 'f', decimals - 1)
                   : text;
    };
    // 0.997 is not a perfect correlation: more digits until it no longer reads as ±1.
    QString text = withDigits(2);
    for (int digits = 3; digits <= 9 && std::abs(text.toDouble()) >= 1.0; ++digits)
        text = withDigits(digits);
    return text;
}

QString Correlation::pearsonText() const
{
    if (n < kMinPoints)
        return QStringLiteral("r: too few points (n = %1)").arg(n);
    if (undefinedScore)
        return QStringLiteral("r undefined: a score is undefined (n = %1)").arg(n);
    if (!std::isfinite(pearson))
        return QStringLiteral("r undefined, a constant score (n = %1)").arg(n);
    if (!std::isfinite(pearsonCi95[0]))
        return QStringLiteral("r = %1 (n = %2, too few for an interval)")
            .arg(coefficientText(pearson))
            .arg(n);
    // "−0.61–0.85" would read as a range of two negatives: a negative bound gets " to ".
    const QString dash = pearsonCi95[0] < 0 ? QStringLiteral(" to ") : QStringLiteral("–");
    return QStringLiteral("r = %1 (95% %2%3%4, n = %5)")
        .arg(coefficientText(pearson), coefficientText(pearsonCi95[0]), dash, coefficientText(pearsonCi95[1]))
        .arg(n);
}

Correlation Correlation::of(const std::vector<double>& x, const std::vector<double>& y,
                            int bootstrapResamples, quint64 randomSeed)
{
    Correlation c;
    c.n = static_cast<int>(x.size());
    const auto finite = [](double v) {
        return std::isfinite(v);
    };
    // Ranks of NaN are arbitrary: with an undefined score nothing is defined, not only Pearson.
    c.undefinedScore = !std::all_of(x.begin(), x.end(), finite) || !std::all_of(y.begin(), y.end(), finite);
    // Any two points lie on a line: r = ±1 from two of them says nothing, so none is reported.
    if (c.n >= kMinPoints && !c.undefinedScore) {
        c.pearson = pearsonOf(x, y);
        c.spearman = pearsonOf(averageRanks(x), averageRanks(y));
        c.kendall = kendallTauB(x, y);
    }
    fisherInterval(c.pearson, c.n, 1.0, c.pearsonCi95);
    fisherInterval(c.spearman, c.n, 1.06, c.spearmanCi95);
    if (bootstrapResamples > 0 && std::isfinite(c.kendall))
        kendallBootstrap(x, y, bootstrapResamples, randomSeed, c.kendallCi95);
    return c;
}

void Correlation::kendallBootstrap(const std::vector<double>& x, const std::vector<double>& y, int resamples,
                                   quint64 randomSeed, double* out)
{
    const size_t n = x.size();
    std::mt19937_64 rng(randomSeed ^ 0x4B454E44ULL);
    std::uniform_int_distribution<size_t> pick(0, n - 1);
    std::vector<double> taus, rx(n), ry(n);
    for (int b = 0; b < resamples; ++b) {
        for (size_t i = 0; i < n; ++i) {
            const size_t drawn = pick(rng);
            rx[i] = x[drawn];
            ry[i] = y[drawn];
        }
        const double tau = kendallTauB(rx, ry);
        if (std::isfinite(tau)) // a resample of one repeated point has no τ
            taus.push_back(tau);
    }
    if (taus.empty())
        return;
    out[0] = Spread::percentile(taus, 2.5);
    out[1] = Spread::percentile(taus, 97.5);
}

} // namespace seedscape
