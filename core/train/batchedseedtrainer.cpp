#include "batchedseedtrainer.h"

#include "batchedlayout.h"
#include "batchedseedgroup.h"
#include "experiment/experimentnames.h"
#include "mlp.h"
#include "seedresultassembler.h"
#include "trainingtensors.h"

#include <ATen/Parallel.h>

#include <mutex>

namespace seedscape {

BatchedSeedTrainer::BatchedSeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data)
    : m_experiment(experiment), m_device(ComputeDevice::resolve(experiment.device)), m_data(std::move(data)),
      m_metric(effectiveMetric(experiment.metric, m_data->dataset.task)),
      m_tensors(std::make_unique<TrainingTensors>(*m_data)),
      m_layout(std::make_unique<BatchedLayout>(m_data->dataset.featureCount(), experiment.model,
                                               m_tensors->outputs))
{
    m_assembler = std::make_unique<SeedResultAssembler>(m_experiment, m_metric, engineName(),
                                                        m_tensors->truth(), m_device);
    if (m_device.cuda) {
        const torch::Device device(torch::kCUDA, static_cast<c10::DeviceIndex>(m_device.index));
        // Classes as one-hot rows as wide as the padded output, made once: the loss is then a product,
        // exact on a GPU, where gather's backward adds in no fixed order.
        if (m_tensors->task == Task::Multiclass)
            m_tensors->trainY =
                torch::one_hot(m_tensors->trainY, m_layout->layers.back().paddedOut).to(torch::kFloat32);
        m_tensors->moveTo(device);
        m_layout->moveTo(device);
        // Half the free memory: the caching allocator, cuBLAS's workspace and other programs need room.
        const qint64 freeBytes = ComputeDevice::freeMemory(m_device.index);
        const qint64 fit =
            freeBytes > 0 ? freeBytes / 2 / std::max<qint64>(1, bytesPerSeed()) : kMaxGroupSize;
        m_maxGroupSize = static_cast<int>(std::clamp<qint64>(fit, 1, kMaxGpuGroupSize));
    }
}

qint64 BatchedSeedTrainer::bytesPerSeed() const
{
    // Parameters, gradients, best weights and three optimiser buffers; the training rows in the
    // seed's order with its dropout masks; a step's activations (forward and backward) and an
    // evaluation's, in float32.
    qint64 floats = 6 * m_layout->perSeed;
    const qint64 trainRows = m_tensors->trainX.size(0);
    const qint64 evaluationRows = std::max(m_tensors->validationX.size(0), m_tensors->testX.size(0));
    qint64 widths = 0;
    for (const BatchedLayout::Layer& layer : m_layout->layers)
        widths += layer.paddedOut;
    const qint64 targetFloats = m_tensors->trainY.dim() == 2 ? m_tensors->trainY.size(1) : 2;
    // Two epochs: the one training and the next, drawn meanwhile (+ the int64 order).
    floats += 2 * trainRows * (m_tensors->trainX.size(1) + 2 + targetFloats + widths);
    floats += 4 * std::min<qint64>(trainRows, m_experiment.training.batchSize) * widths;
    floats += 2 * evaluationRows * widths;
    return 4 * floats;
}

BatchedSeedTrainer::~BatchedSeedTrainer() = default;

const QString& BatchedSeedTrainer::engineName()
{
    static const QString name = QStringLiteral("batched");
    return name;
}

bool BatchedSeedTrainer::canTrain(const Experiment& experiment)
{
    return !experiment.isCommand(); // every built-in MLP, on the CPU or a GPU
}

std::vector<double> BatchedSeedTrainer::initialParameters(quint64 seed) const
{
    return initialMlpParameters(static_cast<int>(m_data->dataset.featureCount()), m_experiment.model,
                                m_tensors->outputs, StreamSeeds::derive(seed, m_experiment.seeds).init);
}

std::vector<float> BatchedSeedTrainer::initialLanes(const std::vector<quint64>& seeds) const
{
    torch::NoGradGuard noGrad;
    const TrainingControl control;
    const BatchedSeedGroup group({*this, m_experiment, *m_layout, *m_tensors, *m_assembler, m_metric}, seeds,
                                 control);
    const torch::Tensor host = group.parameters().to(torch::kCPU).contiguous();
    return std::vector<float>(host.data_ptr<float>(), host.data_ptr<float>() + host.numel());
}

std::vector<SeedResult> BatchedSeedTrainer::train(const std::vector<quint64>& seeds,
                                                  const TrainingControl& control) const
{
    if (seeds.empty())
        return {};
    // One GPU group at a time in this process, whichever experiment it belongs to: a group sizes
    // itself by the GPU's free memory, and while one captures a CUDA graph another thread's
    // allocation or synchronising copy would break the capture (and fail).
    static std::mutex oneGpuGroupAtATime;
    std::unique_lock<std::mutex> gpuTurn(oneGpuGroupAtATime, std::defer_lock);
    if (device().cuda)
        gpuTurn.lock();
    // One intra-op thread per group: the groups of a sweep share the cores, and no element-wise
    // kernel splits a tensor at a place that depends on the group's size.
    at::set_num_threads(1);
    torch::NoGradGuard noGradOutsideSteps;
    // The group's GPU is the thread's current one: pinned host buffers and their copies then belong
    // to it, not to GPU 0 (which cuda:1 would otherwise wake and fill).
    c10::OptionalDeviceGuard onTheGroupsGpu;
    if (device().cuda)
        onTheGroupsGpu.reset_device(
            torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(device().index)));
    BatchedSeedGroup group({*this, m_experiment, *m_layout, *m_tensors, *m_assembler, m_metric}, seeds,
                           control);
    return group.train();
}

} // namespace seedscape
