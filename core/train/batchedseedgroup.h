#pragma once

// Internal to core/train: includes LibTorch, so only core .cpp files include it.
#include "batchedlayout.h"
#include "batchedoptimizer.h"
#include "cudastepgraphs.h"
#include "earlystopping.h"
#include "grouptimes.h"
#include "seedresult.h"
#include "trainingcontrol.h"

#include <QElapsedTimer>

#include <map>
#include <optional>
#include <vector>

namespace seedscape {

class BatchedSeedTrainer;
class SeedResultAssembler;
struct TrainingTensors;

// One call of BatchedSeedTrainer::train: a group of seeds of one MLP experiment trained as one
// batched program, step by step (initialise lanes, forward, loss, backward, optimiser step,
// evaluate, predict). A seed's lane is its slice of every parameter and state block; a seed that
// diverges is marked failed and its lane zeroed, a seed that stops early keeps its best weights.
class BatchedSeedGroup
{
public:
    struct Context
    {
        const BatchedSeedTrainer& trainer; // initial parameters of a seed
        const Experiment& experiment;
        const BatchedLayout& layout;
        const TrainingTensors& tensors;
        const SeedResultAssembler& assembler;
        Metric metric;
    };

    BatchedSeedGroup(const Context& context, const std::vector<quint64>& seeds,
                     const TrainingControl& control);

    // Results in the order of the seeds.
    std::vector<SeedResult> train();
    // The flat parameter buffer (S × perSeed, padded) on the group's device.
    const torch::Tensor& parameters() const { return m_parameters; }

private:
    struct LayerParameters
    {
        torch::Tensor weight, bias, normWeight, normBias;
    };
    // One epoch's training rows in each seed's order, and its dropout masks.
    struct EpochBatches
    {
        torch::Tensor x, y; // S × rows × features; S × rows × 1, or S × rows × paddedOut one-hot targets
        std::vector<torch::Tensor> masks; // per hidden layer, S × rows × paddedOut
    };
    // On a GPU a step reads its batch from buffers that keep their storage, as a captured CUDA graph
    // needs; eager steps read them too, so that both run the same kernels on the same numbers.
    struct StepInputs
    {
        torch::Tensor x, y;
        std::vector<torch::Tensor> masks;
    };

    void initialiseLanes();
    QByteArray checkpointState(int epoch) const;
    int resume(const QByteArray& state); // the last epoch the state had finished
    void makeLeaves();
    EpochBatches drawEpoch();
    bool trainEpoch(int epoch, const EpochBatches& batches, std::vector<double>& lossSum); // false: cancelled
    void step(const EpochBatches& batches, int64_t start, int64_t rows, double lr);
    void trainStep(const torch::Tensor& x, const torch::Tensor& y, const std::vector<torch::Tensor>& masks,
                   int64_t rows, double lr);
    torch::Tensor forward(torch::Tensor x, const std::vector<torch::Tensor>* dropoutMasks) const;
    torch::Tensor perSeedLoss(const torch::Tensor& out, const torch::Tensor& y, int64_t rows) const;
    void evaluate(int epoch, const std::vector<double>& lossSum);
    std::vector<std::vector<double>> predict(const torch::Tensor& x, size_t rows) const;
    std::vector<SeedResult> finish();
    std::vector<SeedResult> cancelAll(int epochsDone);
    void markFailed(int64_t s, int epoch, const QString& reason);

    torch::Tensor block(const torch::Tensor& buffer, int64_t offset, int64_t size) const;
    void zeroLane(torch::Tensor& buffer, int64_t s) const;
    void copyLanes(const torch::Tensor& to, const torch::Tensor& from, const std::vector<char>& which) const;
    double seconds() const { return m_secondsBefore + m_clock.nsecsElapsed() / 1e9; }

    Context m_context;
    const TrainingControl& m_control;
    const int64_t m_seeds;                // S
    const torch::TensorOptions m_options; // float32 on the group's device
    const bool m_gpuStepForm;             // BatchedSeedTrainer::gpuStepForm
    QElapsedTimer m_clock;
    double m_secondsBefore = 0; // trained before the checkpoint this group resumed from
    std::vector<SeedResult> m_results;
    std::vector<at::Generator> m_orderGenerators, m_dropoutGenerators;
    torch::Tensor m_parameters;            // flat: S × perSeed floats, every parameter a block of it
    torch::Tensor m_gradients;             // same layout; autograd accumulates into it in place
    torch::Tensor m_best;                  // early stopping: each seed's best parameters
    std::vector<LayerParameters> m_layers; // leaf views of m_parameters
    BatchedOptimizer m_optimizer;
    std::vector<EarlyStopping> m_stopping;
    std::vector<char> m_running;
    int64_t m_stillRunning;
    // The next epoch's batches, drawn on the host while the device was busy with this one's steps;
    // empty when a checkpoint follows this epoch (it stores the generators before that draw).
    std::optional<EpochBatches> m_nextEpoch;
    bool m_checkpointAfterEpoch = false;
    GroupTimes m_times;           // where the wall time went (logged when asked for)
    torch::Tensor m_lossSums;     // S doubles: each seed's training loss summed over this epoch
    torch::Tensor m_epochScalars; // GPU step form: the optimiser's scalars for each step of this epoch
    std::map<int64_t, StepInputs> m_stepInputs; // in the GPU step form, by batch size
    CudaStepGraphs m_graphs;
};

} // namespace seedscape
