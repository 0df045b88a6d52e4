#pragma once

// Internal to core/train: includes LibTorch, so only core .cpp files include it.
#include "experiment/experiment.h"

#include <torch/torch.h>

#include <utility>
#include <vector>

namespace seedscape {

// Where each parameter of a batched MLP lives in its flat parameter buffer. Each parameter is one
// contiguous block of seeds × size floats (a dense tensor with a leading seed dimension); offsets
// and sizes here are per seed, and a block starts at seeds × offset. Widths of hidden and output
// layers are padded to a multiple of kLaneAlignment floats (with zero weights that stay zero), so
// that each seed's slice of every tensor is a whole number of SIMD vectors and element-wise
// kernels treat every seed alike, whatever the group size.
struct BatchedLayout
{
    static constexpr int kLaneAlignment = 32;
    static constexpr float kMaskedLogit = -1e9f; // padded classes: softmax gives them probability 0

    struct Layer
    {
        int64_t inputs = 0, outputs = 0;        // real sizes
        int64_t paddedIn = 0, paddedOut = 0;    // sizes in the flat layout
        int64_t weight = 0, bias = 0;           // offsets
        int64_t normWeight = -1, normBias = -1; // offsets, hidden layers with layer norm only
    };

    BatchedLayout(int64_t inputs, const ModelSpec& model, int outputs);
    // Moves the masks to the device the group trains on.
    void moveTo(const torch::Device& device);

    std::vector<Layer> layers;
    std::vector<std::pair<int64_t, int64_t>> blocks; // (offset, size) of every parameter, per seed
    int64_t perSeed = 0;                             // every block's size is a multiple of kLaneAlignment
    torch::Tensor outputMask;                        // 1 × 1 × paddedOut: 1 on real outputs
    torch::Tensor outputLogitMask;          // 1 × 1 × paddedOut: 0 on real classes, kMaskedLogit on padding
    std::vector<torch::Tensor> hiddenMasks; // per hidden layer, 1 × 1 × paddedOut: 1 on real units
};

} // namespace seedscape
