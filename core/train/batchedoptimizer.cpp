#include "batchedoptimizer.h"

#include <cmath>

namespace seedscape {

BatchedOptimizer::BatchedOptimizer(const TrainingSpec& spec, int64_t size,
                                   const torch::TensorOptions& options)
    : m_spec(spec), m_firstMoment(torch::zeros({size}, options)),
      m_secondMoment(torch::zeros({size}, options)), m_momentum(torch::zeros({size}, options))
{
}

void BatchedOptimizer::step(torch::Tensor& parameters, const torch::Tensor& gradients, double lr)
{
    ++m_steps;
    if (m_spec.optimizer == OptimizerKind::SGD)
        sgdStep(parameters, gradients, lr);
    else
        adamStep(parameters, gradients, lr);
}

void BatchedOptimizer::forEachState(const std::function<void(torch::Tensor&)>& fn)
{
    for (torch::Tensor* state : {&m_firstMoment, &m_secondMoment, &m_momentum})
        fn(*state);
}

void BatchedOptimizer::save(CheckpointWriter& writer) const
{
    writer.integers("optimizer.steps", {m_steps});
    writer.tensor("optimizer.first_moment", m_firstMoment);
    writer.tensor("optimizer.second_moment", m_secondMoment);
    writer.tensor("optimizer.momentum", m_momentum);
}

void BatchedOptimizer::restore(CheckpointReader& reader)
{
    m_steps = reader.integers("optimizer.steps").at(0);
    m_firstMoment.copy_(reader.tensor("optimizer.first_moment"));
    m_secondMoment.copy_(reader.tensor("optimizer.second_moment"));
    m_momentum.copy_(reader.tensor("optimizer.momentum"));
}

void BatchedOptimizer::sgdStep(torch::Tensor& parameters, const torch::Tensor& gradients, double lr)
{
    torch::Tensor g = gradients;
    if (m_spec.weightDecay != 0)
        g = g.add(parameters, m_spec.weightDecay);
    if (m_spec.momentum != 0) {
        if (m_steps == 1)
            m_momentum.copy_(g);
        else
            m_momentum.mul_(m_spec.momentum).add_(g);
        g = m_momentum;
    }
    parameters.add_(g, -lr);
}

void BatchedOptimizer::adamStep(torch::Tensor& parameters, const torch::Tensor& gradients, double lr)
{
    torch::Tensor g = gradients;
    if (m_spec.optimizer == OptimizerKind::AdamW)
        parameters.mul_(1.0 - lr * m_spec.weightDecay);
    else if (m_spec.weightDecay != 0)
        g = g.add(parameters, m_spec.weightDecay);
    m_firstMoment.mul_(kAdamBeta1).add_(g, 1.0 - kAdamBeta1);
    m_secondMoment.mul_(kAdamBeta2).addcmul_(g, g, 1.0 - kAdamBeta2);
    const double correction1 = 1.0 - std::pow(kAdamBeta1, static_cast<double>(m_steps));
    const double correction2 = 1.0 - std::pow(kAdamBeta2, static_cast<double>(m_steps));
    const torch::Tensor denominator = (m_secondMoment.sqrt() / std::sqrt(correction2)).add_(kAdamEpsilon);
    parameters.addcdiv_(m_firstMoment, denominator, -lr / correction1);
}

} // namespace seedscape
