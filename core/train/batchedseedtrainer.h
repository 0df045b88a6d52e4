#pragma once

#include "data/preparedata.h"
#include "experiment/experiment.h"
#include "seedresult.h"
#include "seedtrainer.h"

#include <memory>
#include <vector>

namespace seedscape {

struct TrainingTensors;

// Trains a group of seeds of one MLP experiment as one batched program: every parameter has a
// leading seed dimension, layers are batched matrix products (baddbmm), and one optimiser step
// updates every seed. Each seed still draws its initialisation, data order and dropout masks from
// its own generators, and every tensor is laid out so that a seed's numbers do not depend on the
// other seeds in its group: a seed gives bit-identical results in a group of 16 or alone.
// Diverging seeds are marked failed and zeroed out; early stopping is per seed.
class BatchedSeedTrainer
{
public:
    BatchedSeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data);
    ~BatchedSeedTrainer();

    // Results in the order of seeds; control.onEpoch is called for each running seed.
    std::vector<SeedResult> train(const std::vector<quint64>& seeds,
                                  const TrainingControl& control = {}) const;

    // The freshly initialised parameters of a seed, in the per-seed engine's order and shapes
    // (both engines initialise a seed identically).
    std::vector<double> initialParameters(quint64 seed) const;

    // Whether this engine can train the experiment (else the per-seed SeedTrainer does).
    static bool canTrain(const Experiment& experiment);
    Metric metric() const { return m_metric; }

    static const QString& engineName();

    // Widths of hidden and output layers are padded to a multiple of this many floats (with zero
    // weights that stay zero), so that each seed's slice of every tensor is a whole number of SIMD
    // vectors and element-wise kernels treat every seed alike, whatever the group size.
    static constexpr int kLaneAlignment = 32;

private:
    struct Layout;
    Experiment m_experiment;
    std::shared_ptr<const PreparedData> m_data;
    Metric m_metric;
    std::unique_ptr<TrainingTensors> m_tensors;
    std::unique_ptr<Layout> m_layout;
};

} // namespace seedscape
