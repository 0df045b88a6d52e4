#include "computedevice.h"

#include "common/inputerror.h"

#include <torch/version.h>

#include <ATen/Context.h>
#include <QtGlobal>
#include <torch/cuda.h>

#if SEEDSCAPE_WITH_CUDA
#include <cuda_runtime_api.h>
#endif

#include <cstdlib>
#include <mutex>

namespace seedscape {

namespace {

// cuBLAS chooses its reduction order from a workspace; a fixed one makes a GPU rerun bit-identical.
// It must be set before the first cuBLAS handle exists, so before the first GPU step. Once, for the
// process: setenv is not safe beside other threads' getenv, and the settings hold for good anyway.
void makeGpuDeterministic()
{
    static std::once_flag once;
    std::call_once(once, [] {
        const QByteArray workspace =
            ComputeDevice::deterministicCublasWorkspace(qgetenv("CUBLAS_WORKSPACE_CONFIG"));
        setenv("CUBLAS_WORKSPACE_CONFIG", workspace.constData(), 1);
        at::globalContext().setDeterministicAlgorithms(true, false);
        at::globalContext().setDeterministicCuDNN(true);
    });
}

QString gpuDescription(int index)
{
#if SEEDSCAPE_WITH_CUDA
    cudaDeviceProp properties{};
    if (cudaGetDeviceProperties(&properties, index) == cudaSuccess)
        return QString::fromUtf8(properties.name);
#endif
    Q_UNUSED(index);
    return QStringLiteral("GPU");
}

qint64 totalMemory(int index)
{
#if SEEDSCAPE_WITH_CUDA
    cudaDeviceProp properties{};
    if (cudaGetDeviceProperties(&properties, index) == cudaSuccess)
        return static_cast<qint64>(properties.totalGlobalMem);
#endif
    Q_UNUSED(index);
    return -1;
}

} // namespace

bool ComputeDevice::cudaBuilt()
{
#if SEEDSCAPE_WITH_CUDA
    return true;
#else
    return false;
#endif
}

QByteArray ComputeDevice::deterministicCublasWorkspace(const QByteArray& current)
{
    // LibTorch's deterministic mode accepts only these two; with any other value every GPU step
    // would throw, so a cluster's default is replaced rather than kept.
    if (current == ":4096:8" || current == ":16:8")
        return current;
    return QByteArrayLiteral(":4096:8");
}

int ComputeDevice::gpuCount()
{
    return cudaBuilt() && torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
}

QString ComputeDevice::buildDescription()
{
    return QStringLiteral("LibTorch %1.%2.%3 %4")
        .arg(TORCH_VERSION_MAJOR)
        .arg(TORCH_VERSION_MINOR)
        .arg(TORCH_VERSION_PATCH)
        .arg(cudaBuilt() ? QStringLiteral("with CUDA") : QStringLiteral("without CUDA (CPU only)"));
}

ComputeDevice ComputeDevice::resolve(const DeviceSpec& spec)
{
    ComputeDevice d;
    d.id = QStringLiteral("cpu");
    if (spec.kind == DeviceSpec::Kind::Cpu)
        return d;
    const int gpus = gpuCount();
    if (spec.kind == DeviceSpec::Kind::Auto && gpus == 0) {
        d.note = cudaBuilt() ? QStringLiteral("device auto: no CUDA GPU is visible here; training on the CPU")
                             : QStringLiteral("device auto: this build of Seedscape (%1) trains on the CPU")
                                   .arg(buildDescription());
        return d;
    }
    const int index = spec.gpu();
    if (gpus == 0) {
        const QString why =
            cudaBuilt()
                ? QStringLiteral("no CUDA GPU is visible here (check nvidia-smi and CUDA_VISIBLE_DEVICES)")
                : QStringLiteral("this build of Seedscape uses %1; build it against PyTorch's LibTorch with "
                                 "CUDA (see the README) to train on a GPU")
                      .arg(buildDescription());
        throw InputError(
            {{}, 0, {}, QStringLiteral("device")},
            QStringLiteral("\"%1\" is not available: %2; or set \"device\" to \"auto\" or \"cpu\"")
                .arg(spec.name(), why));
    }
    if (index >= gpus)
        throw InputError({{}, 0, {}, QStringLiteral("device")},
                         QStringLiteral("\"%1\": this machine has %2 CUDA GPU%3 (cuda:0 to cuda:%4)")
                             .arg(spec.name())
                             .arg(gpus)
                             .arg(gpus == 1 ? QString() : QStringLiteral("s"))
                             .arg(gpus - 1));
    makeGpuDeterministic();
    d.cuda = true;
    d.index = index;
    d.id = QStringLiteral("cuda:%1").arg(index);
    d.gpuName = gpuDescription(index);
    return d;
}

QStringList ComputeDevice::available()
{
    QStringList devices{QStringLiteral("cpu")};
    for (int i = 0; i < gpuCount(); ++i) {
        const qint64 bytes = totalMemory(i);
        devices << QStringLiteral("cuda:%1 (%2%3)")
                       .arg(i)
                       .arg(gpuDescription(i))
                       .arg(bytes > 0 ? QStringLiteral(", %1 GiB").arg(bytes / (qint64(1) << 30))
                                      : QString());
    }
    return devices;
}

QStringList ComputeDevice::choices()
{
    QStringList words{QStringLiteral("cpu"), QStringLiteral("auto")};
    const int gpus = gpuCount();
    if (gpus > 0)
        words << QStringLiteral("cuda");
    for (int i = 0; i < gpus && gpus > 1; ++i)
        words << QStringLiteral("cuda:%1").arg(i);
    return words;
}

qint64 ComputeDevice::freeMemory(int index)
{
#if SEEDSCAPE_WITH_CUDA
    int current = 0;
    size_t freeBytes = 0, totalBytes = 0;
    if (cudaGetDevice(&current) == cudaSuccess && cudaSetDevice(index) == cudaSuccess) {
        const bool ok = cudaMemGetInfo(&freeBytes, &totalBytes) == cudaSuccess;
        cudaSetDevice(current);
        if (ok)
            return static_cast<qint64>(freeBytes);
    }
#endif
    Q_UNUSED(index);
    return -1;
}

} // namespace seedscape
