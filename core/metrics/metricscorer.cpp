#include "metricscorer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace seedscape {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isBinaryLayout(const std::vector<double>& truth, const std::vector<double>& predictions, int classes)
{
    return classes <= 2 && predictions.size() == truth.size();
}

double clipped(double p)
{
    return std::clamp(p, MetricScorer::kProbabilityClip, 1.0 - MetricScorer::kProbabilityClip);
}

} // namespace

double MetricScorer::score(Metric metric, const std::vector<double>& truth, const std::vector<double>& predictions, int classes)
{
    if (truth.empty())
        return kNaN;
    switch (metric) {
    case Metric::RMSE: return rmse(truth, predictions);
    case Metric::MAE: return mae(truth, predictions);
    case Metric::R2: return r2(truth, predictions);
    case Metric::Accuracy: return accuracy(truth, predictions, classes);
    case Metric::LogLoss: return logLoss(truth, predictions, classes);
    case Metric::AUC: return rocAuc(truth, predictions);
    case Metric::F1Macro: return f1Macro(truth, predictions, classes);
    case Metric::Auto: break;
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

double MetricScorer::accuracy(const std::vector<double>& truth, const std::vector<double>& predictions, int classes)
{
    const int rows = static_cast<int>(truth.size());
    const std::vector<int> predicted = predictedClasses(predictions, rows, classes);
    int correct = 0;
    for (int r = 0; r < rows; ++r)
        correct += predicted[r] == static_cast<int>(truth[r]);
    return static_cast<double>(correct) / rows;
}

double MetricScorer::logLoss(const std::vector<double>& truth, const std::vector<double>& predictions, int classes)
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
    const size_t n = truth.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return probabilityOfOne[a] < probabilityOfOne[b]; });
    // Average ranks (1-based) over ties; U = Σ ranks of positives − n₁(n₁+1)/2.
    double rankSumOfOnes = 0;
    double ones = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && probabilityOfOne[order[j + 1]] == probabilityOfOne[order[i]])
            ++j;
        const double averageRank = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
        for (size_t k = i; k <= j; ++k)
            if (truth[order[k]] == 1.0) {
                rankSumOfOnes += averageRank;
                ones += 1;
            }
        i = j + 1;
    }
    const double zeros = static_cast<double>(n) - ones;
    if (ones == 0 || zeros == 0)
        return kNaN;
    return (rankSumOfOnes - ones * (ones + 1) / 2.0) / (ones * zeros);
}

double MetricScorer::f1Macro(const std::vector<double>& truth, const std::vector<double>& predictions, int classes)
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
