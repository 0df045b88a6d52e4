#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

namespace seedscape {

// Runs a batched group's training step as a replay of a captured CUDA graph: one launch instead
// of the ~60 small kernels a step issues, which is what bounds a GPU sweep (issue #15). A step of a
// given batch size runs eagerly once (the warm-up: cuBLAS, autograd and the allocator set
// themselves up), is captured the second time and replayed from then on; the first of those
// replays is that step. The step must read and write only tensors that keep their storage
// (parameters, gradients, optimiser state, the static batch inputs) and take no number from the
// host (BatchedOptimizer::ScalarsOn::Device), since a replay repeats exactly what was captured.
//
// On a GPU of a LibTorch with CUDA unless SEEDSCAPE_CUDA_GRAPHS=0 (measured on an H200: 1,024 seeds
// of W1 in 3.7 s instead of 7.6 s, with the same scores); elsewhere run() calls the step.
class CudaStepGraphs
{
public:
    explicit CudaStepGraphs(bool onGpu, int deviceIndex);
    ~CudaStepGraphs();
    CudaStepGraphs(const CudaStepGraphs&) = delete;
    CudaStepGraphs& operator=(const CudaStepGraphs&) = delete;

    static bool wanted(); // unless SEEDSCAPE_CUDA_GRAPHS=0 in the environment
    bool enabled() const { return m_enabled; }

    // Runs the step for a batch of `rows` rows (a graph per batch size).
    void run(int64_t rows, const std::function<void()>& step);
    int64_t replays() const { return m_replays; }

private:
    struct Captured;
    bool m_enabled;
    int m_deviceIndex;
    int64_t m_replays = 0;
    std::map<int64_t, std::unique_ptr<Captured>> m_graphs; // by batch size; null: warmed up only
};

} // namespace seedscape
