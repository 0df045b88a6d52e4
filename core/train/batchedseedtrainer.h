#pragma once

#include "computedevice.h"
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
// or alone. Diverging seeds are marked failed; early stopping is per seed. On a CUDA GPU (the
// experiment's device, resolved by ComputeDevice) every tensor of a group lives on the GPU and the
// host reads back only once per epoch.
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
    // A group's flat parameter buffer just after initialisation on this trainer's device, copied to
    // the host (seeds × padded lane): a seed starts from the same floats on every device.
    std::vector<float> initialLanes(const std::vector<quint64>& seeds) const;

    const ComputeDevice& device() const { return m_device; }
    // A GPU group steps from fixed batch buffers with the optimiser's scalars on the device, the
    // form a CUDA graph can replay. Set, a CPU group steps that way too: tests check that form
    // where there is no GPU.
    void setGpuStepForm(bool on) { m_gpuStepForm = on; }
    bool gpuStepForm() const { return m_device.cuda || m_gpuStepForm; }

    // Whether this engine can train the experiment (else the per-seed SeedTrainer does).
    static bool canTrain(const Experiment& experiment);
    static const QString& engineName();

    // SeedEngine
    QString name() const override { return engineName(); }
    int maxGroupSize() const override { return m_maxGroupSize; }
    // On a GPU one group at a time: it already keeps the GPU busy, and two would share its memory.
    int maxParallelJobs() const override { return m_device.cuda ? 1 : 0; }
    Metric metric() const override { return m_metric; }

    // Larger groups gain little on a CPU core and hold the other cores idle at a sweep's end.
    static constexpr int kMaxGroupSize = 64;
    // A GPU steps hundreds of seeds as cheaply as one: groups as large as its free memory allows.
    static constexpr int kMaxGpuGroupSize = 4096;
    // What a seed of this experiment holds on the device while its group trains, in bytes.
    qint64 bytesPerSeed() const;

private:
    Experiment m_experiment;
    ComputeDevice m_device;
    std::shared_ptr<const PreparedData> m_data;
    Metric m_metric;
    std::unique_ptr<TrainingTensors> m_tensors;
    std::unique_ptr<BatchedLayout> m_layout;
    std::unique_ptr<SeedResultAssembler> m_assembler;
    int m_maxGroupSize = kMaxGroupSize;
    bool m_gpuStepForm = false;
};

} // namespace seedscape
