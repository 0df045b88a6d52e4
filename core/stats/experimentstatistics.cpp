#include "experimentstatistics.h"

#include "randomnessstudy.h"
#include "studentt.h"

#include "common/inputerror.h"
#include "experiment/experimentnames.h"
#include "experiment/experimentreader.h"
#include "store/experimentresults.h"
#include "store/storeddefinition.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <limits>
#include <random>

namespace seedscape {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What the definition the seeds were trained with holds fixed: the stored one, else (seeds stored
// before definitions were) the workspace's experiment file; nothing without either (imported
// predictions) or when it cannot be read (the comparison group says so).
QStringList heldFixedOf(const ExperimentResults& results)
{
    if (results.definition)
        return RandomnessStudy::heldFixed(*results.definition);
    if (results.folder.isEmpty() ||
        QFileInfo::exists(QDir(results.folder).filePath(StoredDefinition::fileName()))) // unreadable
        return {};
    // results/NAME → NAME.experiment.json beside results/
    const QString file =
        QDir(results.folder)
            .filePath(QStringLiteral("../../") + results.name + Workspace::experimentSuffix());
    if (!QFileInfo::exists(file))
        return {};
    try {
        return RandomnessStudy::heldFixed(ExperimentReader::readFile(file));
    } catch (const InputError&) {
        return {};
    }
}

} // namespace

double BootstrapIntervals::meanWidthAgainstT(int seeds)
{
    if (seeds < 2)
        return Correlation::kNaN;
    const double n = seeds;
    return 1.959963984540054 * std::sqrt((n - 1) / n) / studentTQuantile(0.975, n - 1);
}

namespace {

BootstrapIntervals bootstrapOf(const ExperimentStatistics& s, const EnsembleScorer& scorer, int resamples,
                               quint64 randomSeed)
{
    const int N = s.seedCount();
    BootstrapIntervals intervals;
    intervals.resamples = resamples;
    // Every resample of one seed is that seed: an interval of width 0 would claim certainty where
    // there is no spread to resample (the t-interval is undefined there too).
    if (N < 2)
        return intervals;
    std::mt19937_64 rng(randomSeed ^ 0xB0075742ULL);
    std::uniform_int_distribution<int> pick(0, N - 1);
    std::vector<double> validationMeans, testMeans, ensembleValidation, ensembleTest;
    std::vector<int> counts(static_cast<size_t>(N));
    for (int b = 0; b < resamples; ++b) {
        std::fill(counts.begin(), counts.end(), 0);
        double validationSum = 0, testSum = 0;
        for (int i = 0; i < N; ++i) {
            const int seed = pick(rng);
            ++counts[seed];
            validationSum += s.seeds[seed].validation;
            testSum += s.seeds[seed].test;
        }
        validationMeans.push_back(validationSum / N);
        testMeans.push_back(testSum / N);
        const EnsembleScorer::Scores e = scorer.scoreWeighted(counts);
        ensembleValidation.push_back(e.validation);
        ensembleTest.push_back(e.test);
    }
    auto interval = [](const std::vector<double>& v, double* out) {
        out[0] = Spread::percentile(v, 2.5);
        out[1] = Spread::percentile(v, 97.5);
    };
    interval(validationMeans, intervals.validationMean);
    interval(testMeans, intervals.testMean);
    interval(ensembleValidation, intervals.ensembleValidation);
    interval(ensembleTest, intervals.ensembleTest);
    return intervals;
}

} // namespace

const EnsembleScorer::SizeSummary* ExperimentStatistics::kEnsembles(int k) const
{
    for (const auto& summary : kSummaries)
        if (summary.k == k)
            return &summary;
    return nullptr;
}

ExperimentStatistics ExperimentStatistics::compute(const ExperimentResults& results,
                                                   const StatisticsOptions& options)
{
    ExperimentStatistics s;
    s.name = results.name;
    s.task = results.labels.task;
    s.metric = results.labels.metric;
    s.higherIsBetter = seedscape::higherIsBetter(s.metric);
    s.group = ComparisonGroup::of(results);
    s.heldFixed = heldFixedOf(results);
    s.failedSeeds = results.failedSeeds;
    for (const DamagedSeed& d : results.damaged)
        s.damagedSeeds << QFileInfo(d.file).fileName();
    std::vector<double> validation, test;
    for (const SeedResult& seed : results.seeds) {
        s.seeds.push_back({seed.seed, seed.validationScore, seed.testScore});
        validation.push_back(seed.validationScore);
        test.push_back(seed.testScore);
    }
    s.validation = Spread::of(validation, s.higherIsBetter);
    s.test = Spread::of(test, s.higherIsBetter);
    s.validationTest = Correlation::of(validation, test, options.bootstrapResamples, options.randomSeed);

    const EnsembleScorer scorer(results);
    const int N = s.seedCount();
    std::vector<int> all(static_cast<size_t>(N));
    for (int i = 0; i < N; ++i)
        all[i] = i;
    const EnsembleScorer::Scores full = scorer.score(all);
    s.ensembleValidation = full.validation;
    s.ensembleTest = full.test;
    s.gainValidation = N > 0 ? s.validation.leadOverMean(full.validation, s.higherIsBetter) : kNaN;
    s.gainTest = N > 0 ? s.test.leadOverMean(full.test, s.higherIsBetter) : kNaN;
    for (int k : options.ks)
        s.kSummaries.push_back(scorer.kEnsembles(k, options.subsetLimit, options.randomSeed));
    s.sizeCurve = scorer.sizeCurve(options.subsetLimit, options.curveSubsetLimit, options.randomSeed);
    if (options.bootstrapResamples > 0 && N > 0)
        s.bootstrap = bootstrapOf(s, scorer, options.bootstrapResamples, options.randomSeed);
    return s;
}

} // namespace seedscape
