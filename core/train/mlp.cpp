#include "mlp.h"

#include "trainingtensors.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace seedscape {

torch::Tensor dropoutKeepProbability(double keep)
{
    return torch::scalar_tensor(keep, torch::kFloat64);
}

torch::Tensor applyActivation(const torch::Tensor& x, Activation activation)
{
    switch (activation) {
    case Activation::ReLU:
        return torch::relu(x);
    case Activation::GELU:
        return torch::gelu(x);
    case Activation::Tanh:
        return torch::tanh(x);
    }
    return x;
}

MlpImpl::MlpImpl(int inputs, const ModelSpec& spec, int outputs) : m_spec(spec)
{
    int fanIn = inputs;
    std::vector<int> widths = spec.hidden;
    widths.push_back(outputs);
    for (size_t layer = 0; layer < widths.size(); ++layer) {
        const std::string suffix = std::to_string(layer);
        m_weights.push_back(register_parameter("weight" + suffix, torch::empty({widths[layer], fanIn})));
        m_biases.push_back(register_parameter("bias" + suffix, torch::empty({widths[layer]})));
        const bool hidden = layer + 1 < widths.size();
        if (hidden && spec.layerNorm) {
            m_normWeights.push_back(register_parameter("norm_weight" + suffix, torch::ones({widths[layer]})));
            m_normBiases.push_back(register_parameter("norm_bias" + suffix, torch::zeros({widths[layer]})));
        }
        fanIn = widths[layer];
    }
}

void MlpImpl::initialize(at::Generator& generator)
{
    torch::NoGradGuard noGrad;
    for (size_t layer = 0; layer < m_weights.size(); ++layer) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(m_weights[layer].size(1)));
        m_weights[layer].uniform_(-bound, bound, generator);
        m_biases[layer].uniform_(-bound, bound, generator);
    }
    for (auto& w : m_normWeights)
        w.fill_(1.0);
    for (auto& b : m_normBiases)
        b.zero_();
}

torch::Tensor MlpImpl::forward(torch::Tensor x, at::Generator* dropoutGenerator)
{
    const size_t layers = m_weights.size();
    for (size_t layer = 0; layer < layers; ++layer) {
        x = torch::addmm(m_biases[layer], x, m_weights[layer].t());
        if (layer + 1 == layers)
            break;
        if (m_spec.layerNorm)
            x = torch::layer_norm(x, {x.size(1)}, m_normWeights[layer], m_normBiases[layer]);
        x = applyActivation(x, m_spec.activation);
        if (is_training() && m_spec.dropout > 0 && dropoutGenerator) {
            const double keep = 1.0 - m_spec.dropout;
            x = x * torch::empty_like(x).bernoulli_(dropoutKeepProbability(keep), *dropoutGenerator) / keep;
        }
    }
    return x;
}

std::vector<double> initialMlpParameters(int inputs, const ModelSpec& spec, int outputs, quint64 initSeed)
{
    Mlp model(inputs, spec, outputs);
    at::Generator generator = at::detail::createCPUGenerator(initSeed);
    model->initialize(generator);
    std::vector<double> flat;
    for (const torch::Tensor& p : model->parameters()) {
        const std::vector<double> values = TrainingTensors::toVector(p.flatten());
        flat.insert(flat.end(), values.begin(), values.end());
    }
    return flat;
}

} // namespace seedscape
