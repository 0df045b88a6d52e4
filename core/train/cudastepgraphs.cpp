#include "cudastepgraphs.h"

#include <QString>
#include <QtGlobal>

#if SEEDSCAPE_WITH_CUDA
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace seedscape {

struct CudaStepGraphs::Captured
{
#if SEEDSCAPE_WITH_CUDA
    at::cuda::CUDAGraph graph;
#endif
};

CudaStepGraphs::CudaStepGraphs(bool onGpu, int deviceIndex)
    : m_enabled(onGpu && wanted()), m_deviceIndex(deviceIndex)
{
#if !SEEDSCAPE_WITH_CUDA
    m_enabled = false;
#endif
}

CudaStepGraphs::~CudaStepGraphs() = default;

bool CudaStepGraphs::wanted()
{
    return qEnvironmentVariable("SEEDSCAPE_CUDA_GRAPHS") != QStringLiteral("0");
}

void CudaStepGraphs::run(int64_t rows, const std::function<void()>& step)
{
#if SEEDSCAPE_WITH_CUDA
    if (m_enabled) {
        const auto known = m_graphs.find(rows);
        if (known != m_graphs.end() && known->second) {
            known->second->graph.replay();
            ++m_replays;
            return;
        }
        if (known != m_graphs.end()) { // warmed up: capture it now
            auto captured = std::make_unique<Captured>();
            // As torch.cuda.graph does: nothing queued runs into the capture, which must be on a
            // stream of its own, not the default one.
            c10::cuda::device_synchronize();
            {
                const c10::cuda::CUDAStreamGuard onItsOwnStream(
                    c10::cuda::getStreamFromPool(false, static_cast<c10::DeviceIndex>(m_deviceIndex)));
                captured->graph.capture_begin();
                try {
                    step();
                } catch (...) {
                    try {
                        captured->graph.capture_end(); // ends the capture, whatever it holds
                    } catch (...) {
                    }
                    throw;
                }
                captured->graph.capture_end();
            }
            captured->graph.replay(); // capturing ran nothing: this is the step
            ++m_replays;
            known->second = std::move(captured);
            return;
        }
        m_graphs.emplace(rows, nullptr); // this run is the warm-up
    }
#else
    Q_UNUSED(rows);
#endif
    step();
}

} // namespace seedscape
