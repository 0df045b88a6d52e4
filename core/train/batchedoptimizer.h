#pragma once

// Internal to core/train: includes LibTorch, so only core .cpp files include it.
#include "checkpointarchive.h"
#include "experiment/experiment.h"

#include <torch/torch.h>

#include <functional>

namespace seedscape {

// One optimiser step for every seed of a group at once, on the flat parameter buffer: PyTorch's
// update rules for SGD (momentum, weight decay), Adam and AdamW, with the state (moments,
// momentum buffer) in the same flat layout as the parameters, so a seed's lane is independent of
// the others'.
//
// Where a step is replayed from a captured CUDA graph, nothing can be passed to its kernels from
// the host: with ScalarsOn::Device the learning rate and Adam's bias corrections are read from a
// small tensor on the device, which the caller fills before each step (scalarsFor, then
// loadScalars). The host still computes them, in double, as with ScalarsOn::Host.
class BatchedOptimizer
{
public:
    enum class ScalarsOn
    {
        Host,
        Device
    };

    // The state lives where options say (the group's device).
    BatchedOptimizer(const TrainingSpec& spec, int64_t size, const torch::TensorOptions& options,
                     ScalarsOn scalars = ScalarsOn::Host);

    // What the next `steps` steps at learning rate lr read (ScalarsOn::Device): a steps × 3 table
    // of doubles (step size, square root of Adam's second correction, AdamW's decay factor).
    torch::Tensor scalarsFor(int64_t steps, double lr) const;
    // Copies row `row` of a table from scalarsFor, already on the device, to where step() reads it,
    // and counts that step (step() does not count with ScalarsOn::Device).
    void loadScalars(const torch::Tensor& table, int64_t row);
    // parameters -= the step for gradients at learning rate lr (ScalarsOn::Device: the loaded one).
    void step(torch::Tensor& parameters, const torch::Tensor& gradients, double lr);
    // Applies fn to every state buffer (to zero a failed seed's lane).
    void forEachState(const std::function<void(torch::Tensor&)>& fn);
    void save(CheckpointWriter& writer) const;
    void restore(CheckpointReader& reader); // in place: the buffers keep their storage

    static constexpr double kAdamBeta1 = 0.9;
    static constexpr double kAdamBeta2 = 0.999;
    static constexpr double kAdamEpsilon = 1e-8;

private:
    void sgdStep(torch::Tensor& parameters, const torch::Tensor& gradients, double lr);
    void adamStep(torch::Tensor& parameters, const torch::Tensor& gradients, double lr);
    void deviceScalarsStep(torch::Tensor& parameters, const torch::Tensor& gradients);

    TrainingSpec m_spec;
    ScalarsOn m_scalarsOn;
    int64_t m_steps = 0;
    torch::Tensor m_firstMoment, m_secondMoment, m_momentum;
    torch::Tensor m_scalars; // ScalarsOn::Device: this step's row of a scalarsFor table
};

} // namespace seedscape
