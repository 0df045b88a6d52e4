#include "spread.h"

#include "studentt.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace seedscape {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double logChoose(double n, double k)
{
    return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

} // namespace

double Spread::meanOf(const std::vector<double>& v)
{
    return v.empty() ? kNaN : std::accumulate(v.begin(), v.end(), 0.0) / v.size();
}

double Spread::sampleStd(const std::vector<double>& v)
{
    if (v.size() < 2)
        return kNaN;
    const double m = meanOf(v);
    double squares = 0;
    for (double x : v)
        squares += (x - m) * (x - m);
    return std::sqrt(squares / (v.size() - 1));
}

double Spread::trimmedMean(std::vector<double> v, double proportion)
{
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    const size_t cut = static_cast<size_t>(std::floor(proportion * v.size()));
    return meanOf(std::vector<double>(v.begin() + cut, v.end() - cut));
}

std::vector<double> Spread::expectedBestOf(std::vector<double> scores, bool higherIsBetter)
{
    // Worst to best: v(1) … v(N).
    std::sort(scores.begin(), scores.end());
    if (!higherIsBetter)
        std::reverse(scores.begin(), scores.end());
    const int N = static_cast<int>(scores.size());
    std::vector<double> expected(static_cast<size_t>(N));
    for (int n = 1; n <= N; ++n) {
        double sum = 0;
        for (int i = n; i <= N; ++i)
            sum += scores[i - 1] * std::exp(logChoose(i - 1, n - 1) - logChoose(N, n));
        expected[n - 1] = sum;
    }
    return expected;
}

double Spread::percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    const double position = (v.size() - 1) * q / 100.0;
    const size_t below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(below + 1, v.size() - 1);
    return v[below] + (v[above] - v[below]) * (position - below);
}

double Spread::leadOverMean(double score, bool higherIsBetter) const
{
    return higherIsBetter ? score - mean : mean - score;
}

Spread Spread::of(const std::vector<double>& scores, bool higherIsBetter)
{
    Spread s;
    s.n = static_cast<int>(scores.size());
    // An undefined score leaves every summary undefined: min, max and sorts of NaN depend on order
    // (a "range" of 0.2 from [0.5, NaN, 0.7] would enter the stability pick).
    if (!std::all_of(scores.begin(), scores.end(), [](double v) { return std::isfinite(v); })) {
        s.mean = s.std = s.min = s.max = s.range = s.ciLow = s.ciHigh = s.iqm = kNaN;
        s.expectedBest.assign(scores.size(), kNaN);
        return s;
    }
    s.mean = meanOf(scores);
    s.std = sampleStd(scores);
    s.min = scores.empty() ? kNaN : *std::min_element(scores.begin(), scores.end());
    s.max = scores.empty() ? kNaN : *std::max_element(scores.begin(), scores.end());
    s.range = s.max - s.min;
    s.ciLow = s.ciHigh = kNaN;
    if (s.n >= 2) {
        const double half = studentTQuantile(0.975, s.n - 1) * s.std / std::sqrt(static_cast<double>(s.n));
        s.ciLow = s.mean - half;
        s.ciHigh = s.mean + half;
    }
    s.iqm = trimmedMean(scores, 0.25);
    s.expectedBest = expectedBestOf(scores, higherIsBetter);
    return s;
}

} // namespace seedscape
