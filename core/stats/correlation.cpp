#include "correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace seedscape {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

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

Correlation Correlation::of(const std::vector<double>& x, const std::vector<double>& y)
{
    return {pearsonOf(x, y), pearsonOf(averageRanks(x), averageRanks(y)), kendallTauB(x, y)};
}

} // namespace seedscape
