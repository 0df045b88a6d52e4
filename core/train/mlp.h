#pragma once

// Internal to core/train: includes LibTorch, so only core .cpp files include it.
#include "experiment/experiment.h"

#include <torch/torch.h>

namespace seedscape {

// The hidden-layer activation both trainers use.
torch::Tensor applyActivation(const torch::Tensor& x, Activation activation);

// The keep probability for bernoulli_(p, generator) as a float64 tensor, not a double: with a
// double, LibTorch built with MKL (PyTorch's own) draws from an MKL stream instead of the generator
// passed in, so masks would differ from Debian's build or ignore the seed's dropout generator.
// The tensor path draws uniform(0, 1) < p from the generator on every build.
torch::Tensor dropoutKeepProbability(double keep);

// A multilayer perceptron whose every random number comes from generators passed in: weights
// from the initialisation stream, dropout masks from the dropout stream. Parameters are plain
// tensors (not nn::Linear), so that nothing draws from LibTorch's process-wide generator.
class MlpImpl : public torch::nn::Module
{
public:
    MlpImpl(int inputs, const ModelSpec& spec, int outputs);

    // PyTorch's default for linear layers: weights and biases U(−1/√fan_in, 1/√fan_in).
    void initialize(at::Generator& generator);
    // dropoutGenerator is used in training mode only.
    torch::Tensor forward(torch::Tensor x, at::Generator* dropoutGenerator);

private:
    ModelSpec m_spec;
    std::vector<torch::Tensor> m_weights; // out × in
    std::vector<torch::Tensor> m_biases;
    std::vector<torch::Tensor> m_normWeights;
    std::vector<torch::Tensor> m_normBiases;
};
TORCH_MODULE(Mlp);

// A freshly initialised MLP's parameters, flattened in the order of Mlp::parameters() (per layer:
// weight out × in, bias, then layer norm weight and bias): what initialisation alone makes, and
// where every engine starts a seed from.
std::vector<double> initialMlpParameters(int inputs, const ModelSpec& spec, int outputs, quint64 initSeed);

} // namespace seedscape
