#pragma once

#include "seedengine.h"

#include <memory>

namespace seedscape {

struct TrainingTensors;
class SeedResultAssembler;

// Trains one seed of an experiment with LibTorch on the CPU: a plain experiment and prepared data
// in, a SeedResult out. Thread-safe: one trainer serves any number of seeds at once, each with its
// own generators, so a seed computes the same numbers alone or beside others.
class SeedTrainer : public SeedEngine
{
public:
    SeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data);
    ~SeedTrainer() override;

    SeedResult train(quint64 seed, const TrainingControl& control = {}) const;

    // The freshly initialised parameters of a seed, flattened: what initialisation alone makes.
    std::vector<double> initialParameters(quint64 seed) const;

    const Experiment& experiment() const { return m_experiment; }

    // SeedEngine: one seed per call.
    QString name() const override { return engineName(); }
    int maxGroupSize() const override { return 1; }
    std::vector<SeedResult> train(const std::vector<quint64>& seeds,
                                  const TrainingControl& control) const override;
    Metric metric() const override { return m_metric; }

    static const QString& engineName();

private:
    Experiment m_experiment;
    std::shared_ptr<const PreparedData> m_data;
    Metric m_metric;
    std::unique_ptr<TrainingTensors> m_tensors;
    std::unique_ptr<SeedResultAssembler> m_assembler;
};

} // namespace seedscape
