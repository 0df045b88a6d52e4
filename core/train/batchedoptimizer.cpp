#include "batchedoptimizer.h"

#include <cmath>
#include <stdexcept>

namespace seedscape {

BatchedOptimizer::BatchedOptimizer(const TrainingSpec& spec, int64_t size,
                                   const torch::TensorOptions& options, ScalarsOn scalars)
    : m_spec(spec), m_scalarsOn(scalars), m_firstMoment(torch::zeros({size}, options)),
      m_secondMoment(torch::zeros({size}, options)), m_momentum(torch::zeros({size}, options))
{
    if (m_scalarsOn == ScalarsOn::Device)
        m_scalars = torch::zeros({3}, options.dtype(torch::kFloat64));
}

torch::Tensor BatchedOptimizer::scalarsFor(int64_t steps, double lr) const
{
    const bool adam = m_spec.optimizer != OptimizerKind::SGD;
    torch::Tensor table = torch::zeros({steps, 3}, torch::kFloat64);
    auto rows = table.accessor<double, 2>();
    for (int64_t k = 0; k < steps; ++k) {
        const double t = static_cast<double>(m_steps + 1 + k); // as loadScalars will count it
        const double correction1 = adam ? 1.0 - std::pow(kAdamBeta1, t) : 1.0;
        const double correction2 = adam ? 1.0 - std::pow(kAdamBeta2, t) : 1.0;
        rows[k][0] = -lr / correction1;
        rows[k][1] = std::sqrt(correction2);
        rows[k][2] = m_spec.optimizer == OptimizerKind::AdamW ? 1.0 - lr * m_spec.weightDecay : 1.0;
    }
    return table;
}

void BatchedOptimizer::loadScalars(const torch::Tensor& table, int64_t row)
{
    if (m_scalarsOn != ScalarsOn::Device)
        throw std::logic_error(
            "BatchedOptimizer::loadScalars: this optimiser takes its scalars from the host");
    m_scalars.copy_(table[row]);
    ++m_steps; // here, not in step(): a replayed step runs no host code
}

void BatchedOptimizer::step(torch::Tensor& parameters, const torch::Tensor& gradients, double lr)
{
    if (m_scalarsOn == ScalarsOn::Device) {
        deviceScalarsStep(parameters, gradients);
        return;
    }
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

// The same rules with the step's scalars read from m_scalars: the kernels take no number from the
// host, so a captured step replays correctly at every step count and learning rate. Rounding may
// differ from the host form's (a multiply and an add where that one fuses them).
void BatchedOptimizer::deviceScalarsStep(torch::Tensor& parameters, const torch::Tensor& gradients)
{
    const torch::Tensor stepSize = m_scalars[0], secondCorrectionRoot = m_scalars[1], decay = m_scalars[2];
    torch::Tensor g = gradients;
    if (m_spec.optimizer == OptimizerKind::AdamW)
        parameters.mul_(decay);
    else if (m_spec.weightDecay != 0)
        g = g.add(parameters, m_spec.weightDecay);
    if (m_spec.optimizer == OptimizerKind::SGD) {
        if (m_spec.momentum != 0) {
            // The buffer starts at zero, so the first step leaves it equal to g, as copying would.
            m_momentum.mul_(m_spec.momentum).add_(g);
            g = m_momentum;
        }
        parameters.add_(g * stepSize);
        return;
    }
    m_firstMoment.mul_(kAdamBeta1).add_(g, 1.0 - kAdamBeta1);
    m_secondMoment.mul_(kAdamBeta2).addcmul_(g, g, 1.0 - kAdamBeta2);
    const torch::Tensor denominator = (m_secondMoment.sqrt() / secondCorrectionRoot).add_(kAdamEpsilon);
    parameters.addcdiv_(m_firstMoment * stepSize, denominator);
}

} // namespace seedscape
