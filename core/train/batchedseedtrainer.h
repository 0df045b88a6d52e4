#pragma once

#include "seedengine.h"

#include <memory>
#include <vector>

namespace seedscape {

struct BatchedLayout;
class SeedResultAssembler;
struct TrainingTensors;

// Trains a group of seeds of one MLP experiment as one batched program (BatchedSeedGroup): every
// parameter has a leading seed dimension, layers are batched matrix products (baddbmm), and one
// optimiser step updates every seed. Each seed still draws its initialisation, data order and
// dropout masks from its own generators, and every tensor is laid out so that a seed's numbers do
// not depend on the other seeds in its group: a seed gives bit-identical results in a group of 16
// or alone. Diverging seeds are marked failed; early stopping is per seed.
class BatchedSeedTrainer : public SeedEngine
{
public:
    BatchedSeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data);
    ~BatchedSeedTrainer() override;

    // Results in the order of seeds; control.onEpoch is called for each running seed.
    std::vector<SeedResult> train(const std::vector<quint64>& seeds,
                                  const TrainingControl& control = {}) const override;

    // The freshly initialised parameters of a seed, in the per-seed engine's order and shapes
    // (both engines initialise a seed identically).
    std::vector<double> initialParameters(quint64 seed) const;

    // Whether this engine can train the experiment (else the per-seed SeedTrainer does).
    static bool canTrain(const Experiment& experiment);
    static const QString& engineName();

    // SeedEngine
    QString name() const override { return engineName(); }
    int maxGroupSize() const override { return kMaxGroupSize; }
    Metric metric() const override { return m_metric; }

    // Larger groups gain little on a CPU core and hold the other cores idle at a sweep's end.
    static constexpr int kMaxGroupSize = 64;

private:
    Experiment m_experiment;
    std::shared_ptr<const PreparedData> m_data;
    Metric m_metric;
    std::unique_ptr<TrainingTensors> m_tensors;
    std::unique_ptr<BatchedLayout> m_layout;
    std::unique_ptr<SeedResultAssembler> m_assembler;
};

} // namespace seedscape
