#pragma once

#include "computedevice.h"
#include "experiment/experiment.h"
#include "seedresult.h"
#include "trainingcontrol.h"

#include <limits>
#include <vector>

namespace seedscape {

// The one place where every engine fills a SeedResult: who the seed is, its per-epoch curves, a
// failure record, and the final predictions with their scores, so that a seed's record means the
// same whichever engine trained it.
class SeedResultAssembler
{
public:
    // The truth the scores are computed against (original units, or class indices).
    struct Truth
    {
        const std::vector<double>* validation = nullptr;
        const std::vector<double>* test = nullptr;
        int classes = 1; // 1 for regression and binary, the class count for multiclass
    };

    SeedResultAssembler(const Experiment& experiment, Metric metric, QString engine, Truth truth,
                        ComputeDevice device = ComputeDevice::resolve(DeviceSpec::cpu()));

    // A fresh record: seed, streams, start time, fingerprint, versions, engine, device.
    SeedResult begin(quint64 seed) const;

    double validationScore(const std::vector<double>& validationPredictions) const;
    // NaN when a prediction is not finite: an epoch's test score is only reported, never stored.
    double testScore(const std::vector<double>& testPredictions) const;
    // Appends an epoch's mean training loss and validation score, and reports them with the test
    // score (NaN unless control.scoreTestEachEpoch).
    void recordEpoch(SeedResult& result, int epoch, double trainLoss, double validationScore,
                     const TrainingControl& control,
                     double testScore = std::numeric_limits<double>::quiet_NaN()) const;
    static void fail(SeedResult& result, int epoch, const QString& reason, double seconds);
    // Stores the final predictions and scores them; a prediction that is not finite fails the seed.
    void finish(SeedResult& result, std::vector<double> validationPredictions,
                std::vector<double> testPredictions, double seconds) const;

    static bool allFinite(const std::vector<double>& values);

private:
    Experiment m_experiment;
    Metric m_metric;
    QString m_engine;
    ComputeDevice m_device;
    QString m_fingerprint;
    Truth m_truth;
};

} // namespace seedscape
