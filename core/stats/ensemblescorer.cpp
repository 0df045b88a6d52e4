#include "ensemblescorer.h"

#include "common/randomdraw.h"
#include "metrics/metricscorer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <string>

namespace seedscape {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Running count, mean, min and max of the scores of one k.
struct Tally
{
    int count = 0;
    double validationSum = 0, testSum = 0;
    double validationMin = std::numeric_limits<double>::infinity(),
           validationMax = -std::numeric_limits<double>::infinity();
    double testMin = std::numeric_limits<double>::infinity(),
           testMax = -std::numeric_limits<double>::infinity();

    void add(const EnsembleScorer::Scores& s)
    {
        ++count;
        validationSum += s.validation;
        testSum += s.test;
        validationMin = std::min(validationMin, s.validation);
        validationMax = std::max(validationMax, s.validation);
        testMin = std::min(testMin, s.test);
        testMax = std::max(testMax, s.test);
    }
};

std::string keyOf(std::vector<int> members)
{
    std::sort(members.begin(), members.end());
    std::string key;
    for (int m : members)
        key.append(reinterpret_cast<const char*>(&m), sizeof m);
    return key;
}

} // namespace

EnsembleScorer::EnsembleScorer(const ExperimentResults& results)
    : m_results(results), m_classes(results.labels.task == Task::Multiclass ? results.labels.classCount() : 2)
{
}

double EnsembleScorer::choose(int n, int k)
{
    if (k < 0 || k > n)
        return 0;
    double c = 1;
    for (int i = 1; i <= k; ++i)
        c = c * (n - k + i) / i;
    return std::round(c);
}

void EnsembleScorer::addMember(std::vector<double>& validationSum, std::vector<double>& testSum, int seed,
                               double weight) const
{
    const SeedResult& s = m_results.seeds[static_cast<size_t>(seed)];
    for (size_t i = 0; i < validationSum.size(); ++i)
        validationSum[i] += weight * s.validationPredictions[i];
    for (size_t i = 0; i < testSum.size(); ++i)
        testSum[i] += weight * s.testPredictions[i];
}

EnsembleScorer::Scores EnsembleScorer::scoreSums(const std::vector<double>& validationSum,
                                                 const std::vector<double>& testSum, double members) const
{
    std::vector<double> validation(validationSum.size()), test(testSum.size());
    for (size_t i = 0; i < validation.size(); ++i)
        validation[i] = validationSum[i] / members;
    for (size_t i = 0; i < test.size(); ++i)
        test[i] = testSum[i] / members;
    const Metric metric = m_results.labels.metric;
    return {MetricScorer::score(metric, m_results.labels.validation, validation, m_classes),
            MetricScorer::score(metric, m_results.labels.test, test, m_classes)};
}

EnsembleScorer::Scores EnsembleScorer::score(const std::vector<int>& members) const
{
    if (members.empty() || m_results.seeds.empty())
        return {kNaN, kNaN};
    std::vector<double> validation(m_results.seeds.front().validationPredictions.size(), 0.0);
    std::vector<double> test(m_results.seeds.front().testPredictions.size(), 0.0);
    for (int m : members)
        addMember(validation, test, m);
    return scoreSums(validation, test, static_cast<double>(members.size()));
}

EnsembleScorer::Scores EnsembleScorer::scoreWeighted(const std::vector<int>& weights) const
{
    if (m_results.seeds.empty())
        return {kNaN, kNaN};
    std::vector<double> validation(m_results.seeds.front().validationPredictions.size(), 0.0);
    std::vector<double> test(m_results.seeds.front().testPredictions.size(), 0.0);
    int total = 0;
    for (size_t i = 0; i < weights.size(); ++i)
        if (weights[i] > 0) {
            addMember(validation, test, static_cast<int>(i), weights[i]);
            total += weights[i];
        }
    return scoreSums(validation, test, total);
}

std::vector<EnsembleScorer::Member> EnsembleScorer::kEnsembleMembers(int k, int subsetLimit,
                                                                     quint64 randomSeed) const
{
    const int N = seedCount();
    std::vector<Member> out;
    if (k < 1 || k > N)
        return out;
    std::vector<int> members(static_cast<size_t>(k));
    if (choose(N, k) <= subsetLimit) {
        // Every subset in lexicographic order, summed in member order (as numpy's mean would).
        std::iota(members.begin(), members.end(), 0);
        for (;;) {
            out.push_back({members, score(members)});
            int i = k - 1;
            while (i >= 0 && members[i] == N - k + i)
                --i;
            if (i < 0)
                break;
            ++members[i];
            for (int j = i + 1; j < k; ++j)
                members[j] = members[j - 1] + 1;
        }
        return out;
    }
    std::mt19937_64 rng(randomSeed ^ static_cast<quint64>(k));
    std::set<std::string> seen;
    std::vector<int> pool(static_cast<size_t>(N));
    while (static_cast<int>(out.size()) < subsetLimit) {
        std::iota(pool.begin(), pool.end(), 0);
        for (int i = 0; i < k; ++i) // a partial Fisher–Yates shuffle draws k distinct seeds
            std::swap(pool[i], pool[i + drawBelow(rng, static_cast<quint64>(N - i))]);
        members.assign(pool.begin(), pool.begin() + k);
        std::sort(members.begin(), members.end());
        if (seen.insert(keyOf(members)).second)
            out.push_back({members, score(members)});
    }
    return out;
}

EnsembleScorer::SizeSummary EnsembleScorer::kEnsembles(int k, int subsetLimit, quint64 randomSeed) const
{
    SizeSummary summary;
    summary.k = k;
    summary.exhaustive = choose(seedCount(), k) <= subsetLimit;
    Tally tally;
    for (const Member& m : kEnsembleMembers(k, subsetLimit, randomSeed))
        tally.add(m.scores);
    if (tally.count == 0)
        return summary;
    summary.count = tally.count;
    summary.validationMean = tally.validationSum / tally.count;
    summary.validationMin = tally.validationMin;
    summary.validationMax = tally.validationMax;
    summary.testMean = tally.testSum / tally.count;
    summary.testMin = tally.testMin;
    summary.testMax = tally.testMax;
    return summary;
}

std::vector<EnsembleScorer::SizeSummary> EnsembleScorer::sizeCurve(int exhaustiveLimit, int sampleCount,
                                                                   quint64 randomSeed) const
{
    const int N = seedCount();
    // Never fewer subsets than a sample would draw: sampleCount distinct ones must exist.
    const int subsetLimit = std::max(exhaustiveLimit, sampleCount);
    std::vector<Tally> tallies(static_cast<size_t>(N + 1));
    std::vector<char> exhaustive(static_cast<size_t>(N + 1), 0);
    std::vector<int> needed(static_cast<size_t>(N + 1), 0);
    for (int k = 1; k <= N; ++k) {
        exhaustive[k] = choose(N, k) <= subsetLimit;
        needed[k] = exhaustive[k] ? 0 : sampleCount;
    }

    // Random distinct subsets of the large ks: the first j seeds of a random permutation are a
    // random j-subset, and the other N − j a random (N − j)-subset, scored from the total minus
    // the running sum. One pass over a permutation serves every k at once.
    const auto stillNeeded = [&](int j) {
        return needed[j] > 0 || needed[N - j] > 0;
    };
    bool anyNeeded = std::any_of(needed.begin(), needed.end(), [](int n) { return n > 0; });
    if (anyNeeded) {
        std::mt19937_64 rng(randomSeed);
        std::vector<std::set<std::string>> seen(static_cast<size_t>(N + 1));
        std::vector<double> totalValidation(m_results.seeds.front().validationPredictions.size(), 0.0);
        std::vector<double> totalTest(m_results.seeds.front().testPredictions.size(), 0.0);
        for (int s = 0; s < N; ++s)
            addMember(totalValidation, totalTest, s);
        std::vector<int> order(static_cast<size_t>(N));
        std::iota(order.begin(), order.end(), 0);
        std::vector<double> validation(totalValidation.size()), test(totalTest.size());
        std::vector<double> restValidation(totalValidation.size()), restTest(totalTest.size());
        while (anyNeeded) {
            for (size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[drawBelow(rng, i)]);
            int lastJ = 0;
            for (int j = 1; j <= N / 2; ++j)
                if (stillNeeded(j))
                    lastJ = j;
            std::fill(validation.begin(), validation.end(), 0.0);
            std::fill(test.begin(), test.end(), 0.0);
            for (int j = 1; j <= lastJ; ++j) {
                addMember(validation, test, order[j - 1]);
                if (needed[j] > 0 && seen[j].insert(keyOf({order.begin(), order.begin() + j})).second) {
                    tallies[j].add(scoreSums(validation, test, j));
                    --needed[j];
                }
                const int rest = N - j;
                if (rest != j && needed[rest] > 0 &&
                    seen[rest].insert(keyOf({order.begin() + j, order.end()})).second) {
                    for (size_t i = 0; i < validation.size(); ++i)
                        restValidation[i] = totalValidation[i] - validation[i];
                    for (size_t i = 0; i < test.size(); ++i)
                        restTest[i] = totalTest[i] - test[i];
                    tallies[rest].add(scoreSums(restValidation, restTest, rest));
                    --needed[rest];
                }
            }
            anyNeeded = std::any_of(needed.begin(), needed.end(), [](int n) { return n > 0; });
        }
    }

    std::vector<SizeSummary> curve;
    for (int k = 1; k <= N; ++k) {
        const Tally& t = tallies[k];
        if (exhaustive[k])
            curve.push_back(kEnsembles(k, subsetLimit, randomSeed));
        else
            curve.push_back({k, t.count, false, t.validationSum / t.count, t.validationMin, t.validationMax,
                             t.testSum / t.count, t.testMin, t.testMax});
    }
    return curve;
}

} // namespace seedscape
