#include "batchedseedtrainer.h"

#include "batchedlayout.h"
#include "batchedseedgroup.h"
#include "experiment/experimentnames.h"
#include "mlp.h"
#include "seedresultassembler.h"
#include "trainingtensors.h"

#include <ATen/Parallel.h>

namespace seedscape {

BatchedSeedTrainer::BatchedSeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data)
    : m_experiment(experiment), m_data(std::move(data)),
      m_metric(effectiveMetric(experiment.metric, m_data->dataset.task)),
      m_tensors(std::make_unique<TrainingTensors>(*m_data)),
      m_layout(std::make_unique<BatchedLayout>(m_data->dataset.featureCount(), experiment.model,
                                               m_tensors->outputs))
{
    m_assembler =
        std::make_unique<SeedResultAssembler>(m_experiment, m_metric, engineName(), m_tensors->truth());
}

BatchedSeedTrainer::~BatchedSeedTrainer() = default;

const QString& BatchedSeedTrainer::engineName()
{
    static const QString name = QStringLiteral("batched");
    return name;
}

bool BatchedSeedTrainer::canTrain(const Experiment& experiment)
{
    // Every MLP this version trains; CUDA runs would need CUDA generators, and fall back.
    return experiment.device == Device::CPU;
}

std::vector<double> BatchedSeedTrainer::initialParameters(quint64 seed) const
{
    return initialMlpParameters(static_cast<int>(m_data->dataset.featureCount()), m_experiment.model,
                                m_tensors->outputs, StreamSeeds::derive(seed, m_experiment.seeds).init);
}

std::vector<SeedResult> BatchedSeedTrainer::train(const std::vector<quint64>& seeds,
                                                  const TrainingControl& control) const
{
    if (seeds.empty())
        return {};
    // One intra-op thread per group: the groups of a sweep share the cores, and no element-wise
    // kernel splits a tensor at a place that depends on the group's size.
    at::set_num_threads(1);
    torch::NoGradGuard noGradOutsideSteps;
    BatchedSeedGroup group({*this, m_experiment, *m_layout, *m_tensors, *m_assembler, m_metric}, seeds,
                           control);
    return group.train();
}

} // namespace seedscape
