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
class BatchedOptimizer
{
public:
    // The state lives where options say (the group's device).
    BatchedOptimizer(const TrainingSpec& spec, int64_t size, const torch::TensorOptions& options);

    // parameters -= the step for gradients at learning rate lr.
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

    TrainingSpec m_spec;
    int64_t m_steps = 0;
    torch::Tensor m_firstMoment, m_secondMoment, m_momentum;
};

} // namespace seedscape
