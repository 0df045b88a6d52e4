#pragma once

#include "data/preparedata.h"
#include "experiment/experiment.h"
#include "seedresult.h"

#include <atomic>
#include <functional>
#include <memory>

namespace seedscape {

struct TrainingTensors;

struct EpochProgress
{
    quint64 seed = 0;
    int epoch = 0; // 1-based
    int epochs = 0;
    double trainLoss = 0;
    double validationScore = 0;
};

// How a running seed is steered from outside. Every member is optional.
struct TrainingControl
{
    const std::atomic<bool>* cancel = nullptr; // checked before every training step
    std::function<void()> waitWhilePaused;     // called before every training step; blocks while paused
    std::function<void(const EpochProgress&)> onEpoch;
};

// Trains one seed of an experiment with LibTorch on the CPU: a plain experiment and prepared data
// in, a SeedResult out. Thread-safe: one trainer serves any number of seeds at once, each with its
// own generators, so a seed computes the same numbers alone or beside others.
class SeedTrainer
{
public:
    SeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data);
    ~SeedTrainer();

    SeedResult train(quint64 seed, const TrainingControl& control = {}) const;

    // The freshly initialised parameters of a seed, flattened: what initialisation alone makes.
    std::vector<double> initialParameters(quint64 seed) const;

    const Experiment& experiment() const { return m_experiment; }
    Metric metric() const { return m_metric; }
    // "seedscape 0.1.0, libtorch 1.13.0, qt 6.4.2"
    static QString versions();

private:
    Experiment m_experiment;
    std::shared_ptr<const PreparedData> m_data;
    Metric m_metric;
    std::unique_ptr<TrainingTensors> m_tensors;
};

} // namespace seedscape
