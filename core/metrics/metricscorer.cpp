#include "metricscorer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>

namespace seedscape {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isBinaryLayout(const std::vector<double>& truth, const std::vector<double>& predictions, int classes)
{
    return classes <= 2 && predictions.size() == truth.size();
}

// Sorts doubles by their bits: an LSD radix sort, several times faster than std::sort on the
// thousands of scores an ensemble statistic ranks again and again. NaN-free input.
void radixSort(std::vector<double>& values)
{
    const size_t n = values.size();
    std::vector<std::uint64_t> keys(n), buffer(n);
    for (size_t i = 0; i < n; ++i) {
        std::uint64_t bits;
        std::memcpy(&bits, &values[i], sizeof bits);
        // Order-preserving map: negative numbers reversed, positive ones above them.
        keys[i] = (bits & 0x8000000000000000ULL) ? ~bits : bits | 0x8000000000000000ULL;
    }
    std::uint32_t counts[8][257] = {};
    for (std::uint64_t k : keys)
        for (int digit = 0; digit < 8; ++digit)
            ++counts[digit][((k >> (8 * digit)) & 0xFF) + 1];
    for (int digit = 0; digit < 8; ++digit) {
        std::uint32_t* c = counts[digit];
        if (c[1 + ((keys[0] >> (8 * digit)) & 0xFF)] == n)
            continue; // every key has the same byte here: nothing to reorder
        for (int d = 1; d < 257; ++d)
            c[d] += c[d - 1];
        for (std::uint64_t k : keys)
            buffer[c[(k >> (8 * digit)) & 0xFF]++] = k;
        keys.swap(buffer);
    }
    for (size_t i = 0; i < n; ++i) {
        const std::uint64_t k = keys[i];
        const std::uint64_t bits = (k & 0x8000000000000000ULL) ? k & ~0x8000000000000000ULL : ~k;
        std::memcpy(&values[i], &bits, sizeof bits);
    }
}

double clipped(double p)
{
    return std::clamp(p, MetricScorer::kProbabilityClip, 1.0 - MetricScorer::kProbabilityClip);
}

} // namespace

double MetricScorer::score(Metric metric, const std::vector<double>& truth,
                           const std::vector<double>& predictions, int classes)
{
    if (truth.empty())
        return kNaN;
    switch (metric) {
    case Metric::RMSE:
        return rmse(truth, predictions);
    case Metric::MAE:
        return mae(truth, predictions);
    case Metric::R2:
        return r2(truth, predictions);
    case Metric::Accuracy:
        return accuracy(truth, predictions, classes);
    case Metric::LogLoss:
        return logLoss(truth, predictions, classes);
    case Metric::AUC:
        return rocAuc(truth, predictions);
    case Metric::F1Macro:
        return f1Macro(truth, predictions, classes);
    case Metric::Auto:
        break;
    }
    return kNaN;
}

double MetricScorer::rmse(const std::vector<double>& truth, const std::vector<double>& predicted)
{
    double sum = 0;
    for (size_t i = 0; i < truth.size(); ++i)
        sum += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
    return std::sqrt(sum / truth.size());
}

double MetricScorer::mae(const std::vector<double>& truth, const std::vector<double>& predicted)
{
    double sum = 0;
    for (size_t i = 0; i < truth.size(); ++i)
        sum += std::abs(truth[i] - predicted[i]);
    return sum / truth.size();
}

double MetricScorer::r2(const std::vector<double>& truth, const std::vector<double>& predicted)
{
    const double mean = std::accumulate(truth.begin(), truth.end(), 0.0) / truth.size();
    double residual = 0, total = 0;
    for (size_t i = 0; i < truth.size(); ++i) {
        residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        total += (truth[i] - mean) * (truth[i] - mean);
    }
    return total > 0 ? 1.0 - residual / total : kNaN;
}

bool MetricScorer::isImprovement(double score, double best, bool higherIsBetter)
{
    if (!std::isfinite(score))
        return false;
    if (!std::isfinite(best))
        return true;
    return higherIsBetter ? score > best : score < best;
}

std::vector<int> MetricScorer::predictedClasses(const std::vector<double>& predictions, int rows, int classes)
{
    std::vector<int> predicted(static_cast<size_t>(rows));
    if (static_cast<int>(predictions.size()) == rows) { // binary: P(class 1)
        for (int r = 0; r < rows; ++r)
            predicted[r] = predictions[r] >= 0.5 ? 1 : 0;
        return predicted;
    }
    for (int r = 0; r < rows; ++r) {
        const auto begin = predictions.begin() + static_cast<ptrdiff_t>(r) * classes;
        predicted[r] = static_cast<int>(std::max_element(begin, begin + classes) - begin); // first maximum
    }
    return predicted;
}

double MetricScorer::accuracy(const std::vector<double>& truth, const std::vector<double>& predictions,
                              int classes)
{
    const int rows = static_cast<int>(truth.size());
    const std::vector<int> predicted = predictedClasses(predictions, rows, classes);
    int correct = 0;
    for (int r = 0; r < rows; ++r)
        correct += predicted[r] == static_cast<int>(truth[r]);
    return static_cast<double>(correct) / rows;
}

double MetricScorer::logLoss(const std::vector<double>& truth, const std::vector<double>& predictions,
                             int classes)
{
    double sum = 0;
    if (isBinaryLayout(truth, predictions, classes)) {
        for (size_t i = 0; i < truth.size(); ++i) {
            const double p = clipped(predictions[i]);
            sum += truth[i] * std::log(p) + (1 - truth[i]) * std::log(1 - p);
        }
    } else {
        for (size_t i = 0; i < truth.size(); ++i)
            sum += std::log(clipped(predictions[i * classes + static_cast<size_t>(truth[i])]));
    }
    return -sum / truth.size();
}

double MetricScorer::rocAuc(const std::vector<double>& truth, const std::vector<double>& probabilityOfOne)
{
    // U = Σ over positives of (negatives scored lower + ½ negatives scored equal): sort each class's
    // scores on its own and merge.
    std::vector<double> ones, zeros;
    ones.reserve(truth.size());
    zeros.reserve(truth.size());
    for (size_t i = 0; i < truth.size(); ++i)
        (truth[i] == 1.0 ? ones : zeros).push_back(probabilityOfOne[i]);
    if (ones.empty() || zeros.empty())
        return kNaN;
    radixSort(ones);
    radixSort(zeros);
    double u = 0;
    size_t below = 0, upTo = 0; // zeros[0, below) < p, zeros[below, upTo) == p
    for (double p : ones) {
        while (below < zeros.size() && zeros[below] < p)
            ++below;
        upTo = std::max(upTo, below);
        while (upTo < zeros.size() && zeros[upTo] == p)
            ++upTo;
        u += static_cast<double>(below) + 0.5 * static_cast<double>(upTo - below);
    }
    return u / (static_cast<double>(ones.size()) * static_cast<double>(zeros.size()));
}

double MetricScorer::f1Macro(const std::vector<double>& truth, const std::vector<double>& predictions,
                             int classes)
{
    const int rows = static_cast<int>(truth.size());
    const int classCount = std::max(classes, 2);
    const std::vector<int> predicted = predictedClasses(predictions, rows, classCount);
    std::vector<int> tp(classCount, 0), fp(classCount, 0), fn(classCount, 0);
    for (int r = 0; r < rows; ++r) {
        const int t = static_cast<int>(truth[r]);
        if (predicted[r] == t) {
            ++tp[t];
        } else {
            ++fp[predicted[r]];
            ++fn[t];
        }
    }
    double sum = 0;
    int counted = 0;
    for (int c = 0; c < classCount; ++c) {
        const int denominator = 2 * tp[c] + fp[c] + fn[c];
        if (denominator == 0)
            continue; // neither true nor predicted anywhere
        sum += 2.0 * tp[c] / denominator;
        ++counted;
    }
    return counted > 0 ? sum / counted : kNaN;
}

} // namespace seedscape
