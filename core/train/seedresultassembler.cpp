#include "seedresultassembler.h"

#include "experiment/experimentfingerprint.h"
#include "metrics/metricscorer.h"
#include "trainingversions.h"

#include <cmath>

namespace seedscape {

SeedResultAssembler::SeedResultAssembler(const Experiment& experiment, Metric metric, QString engine,
                                         Truth truth, ComputeDevice device)
    : m_experiment(experiment), m_metric(metric), m_engine(std::move(engine)), m_device(std::move(device)),
      m_fingerprint(experimentFingerprint(experiment)), m_truth(truth)
{
}

SeedResult SeedResultAssembler::begin(quint64 seed) const
{
    SeedResult r;
    r.seed = seed;
    r.metric = m_metric;
    r.streams = StreamSeeds::derive(seed, m_experiment.seeds);
    r.startedAt = QDateTime::currentDateTimeUtc();
    r.experimentFingerprint = m_fingerprint;
    r.versions = trainingVersions();
    r.engine = m_engine;
    r.device = m_device.id;
    r.gpu = m_device.gpuName;
    r.predictionColumns = m_truth.classes;
    return r;
}

double SeedResultAssembler::validationScore(const std::vector<double>& validationPredictions) const
{
    return MetricScorer::score(m_metric, *m_truth.validation, validationPredictions, m_truth.classes);
}

double SeedResultAssembler::testScore(const std::vector<double>& testPredictions) const
{
    if (!allFinite(testPredictions))
        return std::numeric_limits<double>::quiet_NaN();
    return MetricScorer::score(m_metric, *m_truth.test, testPredictions, m_truth.classes);
}

void SeedResultAssembler::recordEpoch(SeedResult& result, int epoch, double trainLoss, double validationScore,
                                      const TrainingControl& control, double testScore) const
{
    result.trainLoss.push_back(trainLoss);
    result.validationCurve.push_back(validationScore);
    result.epochsRun = epoch;
    if (control.onEpoch)
        control.onEpoch(
            {result.seed, epoch, m_experiment.training.epochs, trainLoss, validationScore, testScore});
}

void SeedResultAssembler::fail(SeedResult& result, int epoch, const QString& reason, double seconds)
{
    result.status = SeedStatus::Failed;
    result.failureEpoch = epoch;
    result.failureReason = reason;
    result.durationSeconds = seconds;
    result.validationPredictions.clear();
    result.testPredictions.clear();
}

void SeedResultAssembler::finish(SeedResult& result, std::vector<double> validationPredictions,
                                 std::vector<double> testPredictions, double seconds) const
{
    if (!allFinite(validationPredictions) || !allFinite(testPredictions)) {
        fail(result, result.epochsRun, QStringLiteral("predictions are not finite (diverged)"), seconds);
        return;
    }
    result.validationPredictions = std::move(validationPredictions);
    result.testPredictions = std::move(testPredictions);
    result.validationScore = validationScore(result.validationPredictions);
    result.testScore = MetricScorer::score(m_metric, *m_truth.test, result.testPredictions, m_truth.classes);
    result.durationSeconds = seconds;
}

bool SeedResultAssembler::allFinite(const std::vector<double>& values)
{
    for (double v : values)
        if (!std::isfinite(v))
            return false;
    return true;
}

} // namespace seedscape
