#include "seedtrainer.h"

#include "experiment/experimentfingerprint.h"
#include "experiment/experimentnames.h"
#include "learningrateschedule.h"
#include "metrics/metricscorer.h"
#include "mlp.h"
#include "trainingtensors.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/version.h>

#include <QElapsedTimer>

#include <cmath>

namespace seedscape {

namespace {

bool allFinite(const std::vector<double>& values)
{
    for (double v : values)
        if (!std::isfinite(v))
            return false;
    return true;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingSpec& t,
                                                       std::vector<torch::Tensor> parameters)
{
    switch (t.optimizer) {
    case OptimizerKind::SGD:
        return std::make_unique<torch::optim::SGD>(
            parameters, torch::optim::SGDOptions(t.lr).momentum(t.momentum).weight_decay(t.weightDecay));
    case OptimizerKind::Adam:
        return std::make_unique<torch::optim::Adam>(
            parameters, torch::optim::AdamOptions(t.lr).weight_decay(t.weightDecay));
    case OptimizerKind::AdamW:
        return std::make_unique<torch::optim::AdamW>(
            parameters, torch::optim::AdamWOptions(t.lr).weight_decay(t.weightDecay));
    }
    return nullptr;
}

} // namespace

SeedTrainer::SeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data)
    : m_experiment(experiment), m_data(std::move(data)),
      m_metric(effectiveMetric(experiment.metric, m_data->dataset.task)),
      m_tensors(std::make_unique<TrainingTensors>(*m_data))
{
}

SeedTrainer::~SeedTrainer() = default;

QString SeedTrainer::versions()
{
    return QStringLiteral("seedscape %1, libtorch %2.%3.%4, qt %5")
        .arg(QStringLiteral(SEEDSCAPE_VERSION))
        .arg(TORCH_VERSION_MAJOR)
        .arg(TORCH_VERSION_MINOR)
        .arg(TORCH_VERSION_PATCH)
        .arg(QString::fromLatin1(qVersion()));
}

std::vector<double> SeedTrainer::initialParameters(quint64 seed) const
{
    const StreamSeeds streams = StreamSeeds::derive(seed, m_experiment.seeds);
    Mlp model(static_cast<int>(m_tensors->trainX.size(1)), m_experiment.model, m_tensors->outputs);
    at::Generator generator = at::detail::createCPUGenerator(streams.init);
    model->initialize(generator);
    std::vector<double> flat;
    for (const torch::Tensor& p : model->parameters()) {
        const std::vector<double> values = TrainingTensors::toVector(p.flatten());
        flat.insert(flat.end(), values.begin(), values.end());
    }
    return flat;
}

SeedResult SeedTrainer::train(quint64 seed, const TrainingControl& control) const
{
    // One intra-op thread per job: parallel seeds share the cores, and the numbers do not depend
    // on how many threads a matrix product was split over.
    at::set_num_threads(1);
    QElapsedTimer clock;
    clock.start();

    const TrainingTensors& t = *m_tensors;
    const TrainingSpec& spec = m_experiment.training;
    const Task task = m_data->dataset.task;
    const bool higherBetter = higherIsBetter(m_metric);

    SeedResult result;
    result.seed = seed;
    result.metric = m_metric;
    result.streams = StreamSeeds::derive(seed, m_experiment.seeds);
    result.startedAt = QDateTime::currentDateTimeUtc();
    result.experimentFingerprint = experimentFingerprint(m_experiment);
    result.versions = versions();
    result.predictionColumns = task == Task::Multiclass ? t.outputs : 1;

    at::Generator initGenerator = at::detail::createCPUGenerator(result.streams.init);
    at::Generator orderGenerator = at::detail::createCPUGenerator(result.streams.order);
    at::Generator dropoutGenerator = at::detail::createCPUGenerator(result.streams.dropout);

    Mlp model(static_cast<int>(t.trainX.size(1)), m_experiment.model, t.outputs);
    model->initialize(initGenerator);
    std::unique_ptr<torch::optim::Optimizer> optimizer = makeOptimizer(spec, model->parameters());

    auto predict = [&](const torch::Tensor& x) {
        torch::NoGradGuard noGrad;
        model->eval();
        torch::Tensor out = model->forward(x, nullptr);
        model->train();
        if (task == Task::Regression)
            return TrainingTensors::toVector(out.squeeze(1) * t.targetScale + t.targetMean);
        return TrainingTensors::toVector(task == Task::Binary ? torch::sigmoid(out.squeeze(1))
                                                              : torch::softmax(out, 1));
    };
    auto fail = [&](int epoch, const QString& reason) {
        result.status = SeedStatus::Failed;
        result.failureEpoch = epoch;
        result.failureReason = reason;
        result.durationSeconds = clock.nsecsElapsed() / 1e9;
        return result;
    };

    const int64_t trainRows = t.trainX.size(0);
    const bool earlyStopping = spec.earlyStoppingPatience > 0;
    double bestScore = std::nan("");
    std::vector<torch::Tensor> bestParameters;
    int epochsWithoutImprovement = 0;

    model->train();
    for (int epoch = 1; epoch <= spec.epochs; ++epoch) {
        const double lr = scheduledLearningRate(spec, epoch - 1);
        for (auto& group : optimizer->param_groups())
            group.options().set_lr(lr);

        const torch::Tensor order = torch::randperm(trainRows, orderGenerator);
        double lossSum = 0;
        for (int64_t start = 0; start < trainRows; start += spec.batchSize) {
            if (control.waitWhilePaused)
                control.waitWhilePaused();
            if (control.cancel && control.cancel->load()) {
                result.status = SeedStatus::Cancelled;
                result.epochsRun = epoch - 1;
                return result;
            }
            const torch::Tensor index =
                order.slice(0, start, std::min<int64_t>(start + spec.batchSize, trainRows));
            const torch::Tensor x = t.trainX.index_select(0, index);
            const torch::Tensor y = t.trainY.index_select(0, index);
            const torch::Tensor out = model->forward(x, &dropoutGenerator);
            torch::Tensor loss;
            if (task == Task::Regression)
                loss = torch::mse_loss(out, y);
            else if (task == Task::Binary)
                loss = torch::binary_cross_entropy_with_logits(out, y);
            else
                loss = torch::cross_entropy_loss(out, y);
            optimizer->zero_grad();
            loss.backward();
            optimizer->step();
            const double value = loss.item<double>();
            if (!std::isfinite(value))
                return fail(epoch, QStringLiteral("training loss became %1 (diverged)").arg(value));
            lossSum += value * static_cast<double>(index.size(0));
        }

        const std::vector<double> validation = predict(t.validationX);
        if (!allFinite(validation))
            return fail(epoch, QStringLiteral("validation predictions are not finite (diverged)"));
        const double score = MetricScorer::score(m_metric, t.validationTruth, validation, t.outputs);
        result.trainLoss.push_back(lossSum / static_cast<double>(trainRows));
        result.validationCurve.push_back(score);
        result.epochsRun = epoch;
        if (control.onEpoch)
            control.onEpoch({seed, epoch, spec.epochs, result.trainLoss.back(), score});

        if (earlyStopping) {
            if (MetricScorer::isImprovement(score, bestScore, higherBetter) || bestParameters.empty()) {
                bestScore = score;
                result.bestEpoch = epoch;
                epochsWithoutImprovement = 0;
                bestParameters.clear();
                for (const torch::Tensor& p : model->parameters())
                    bestParameters.push_back(p.detach().clone());
            } else if (++epochsWithoutImprovement >= spec.earlyStoppingPatience) {
                break;
            }
        }
    }

    if (earlyStopping) {
        torch::NoGradGuard noGrad;
        const auto parameters = model->parameters();
        for (size_t i = 0; i < parameters.size(); ++i)
            parameters[i].copy_(bestParameters[i]);
    } else {
        result.bestEpoch = result.epochsRun;
    }
    result.validationPredictions = predict(t.validationX);
    result.testPredictions = predict(t.testX);
    if (!allFinite(result.validationPredictions) || !allFinite(result.testPredictions))
        return fail(result.epochsRun, QStringLiteral("predictions are not finite (diverged)"));
    result.validationScore =
        MetricScorer::score(m_metric, t.validationTruth, result.validationPredictions, t.outputs);
    result.testScore = MetricScorer::score(m_metric, t.testTruth, result.testPredictions, t.outputs);
    result.durationSeconds = clock.nsecsElapsed() / 1e9;
    return result;
}

} // namespace seedscape
