#include "seedtrainer.h"

#include "checkpointarchive.h"
#include "earlystopping.h"
#include "experiment/experimentnames.h"
#include "learningrateschedule.h"
#include "mlp.h"
#include "seedresultassembler.h"
#include "trainingtensors.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <QElapsedTimer>

#include <cmath>

namespace seedscape {

namespace {

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

torch::Tensor loss(Task task, const torch::Tensor& out, const torch::Tensor& y)
{
    if (task == Task::Regression)
        return torch::mse_loss(out, y);
    if (task == Task::Binary)
        return torch::binary_cross_entropy_with_logits(out, y);
    return torch::cross_entropy_loss(out, y);
}

// Predictions in the units the metrics take: original units, P(class 1), or probability rows.
std::vector<double> predict(Mlp& model, const TrainingTensors& t, const torch::Tensor& x)
{
    torch::NoGradGuard noGrad;
    model->eval();
    torch::Tensor out = model->forward(x, nullptr);
    model->train();
    if (t.task == Task::Regression)
        return TrainingTensors::toVector(out.squeeze(1) * t.targetScale + t.targetMean);
    return TrainingTensors::toVector(t.task == Task::Binary ? torch::sigmoid(out.squeeze(1))
                                                            : torch::softmax(out, 1));
}

std::vector<torch::Tensor> snapshot(Mlp& model)
{
    std::vector<torch::Tensor> copies;
    for (const torch::Tensor& p : model->parameters())
        copies.push_back(p.detach().clone());
    return copies;
}

void restore(Mlp& model, const std::vector<torch::Tensor>& copies)
{
    torch::NoGradGuard noGrad;
    const auto parameters = model->parameters();
    for (size_t i = 0; i < parameters.size(); ++i)
        parameters[i].copy_(copies[i]);
}

// One seed's model, optimiser and generators while it trains.
struct SeedRun
{
    Mlp model;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    at::Generator orderGenerator;
    at::Generator dropoutGenerator;
};

enum class EpochEnd
{
    Done,
    Cancelled,
    Diverged,
};

// One pass over the training rows in the seed's own order; the mean loss goes to lossSum.
EpochEnd trainEpoch(SeedRun& run, const TrainingTensors& t, const TrainingSpec& spec,
                    const TrainingControl& control, double* meanLoss)
{
    const int64_t trainRows = t.trainX.size(0);
    const torch::Tensor order = torch::randperm(trainRows, run.orderGenerator);
    double lossSum = 0;
    for (int64_t start = 0; start < trainRows; start += spec.batchSize) {
        if (control.stopBeforeStep())
            return EpochEnd::Cancelled;
        const torch::Tensor index =
            order.slice(0, start, std::min<int64_t>(start + spec.batchSize, trainRows));
        const torch::Tensor out = run.model->forward(t.trainX.index_select(0, index), &run.dropoutGenerator);
        const torch::Tensor batchLoss = loss(t.task, out, t.trainY.index_select(0, index));
        run.optimizer->zero_grad();
        batchLoss.backward();
        run.optimizer->step();
        const double value = batchLoss.item<double>();
        if (!std::isfinite(value)) {
            *meanLoss = value;
            return EpochEnd::Diverged;
        }
        lossSum += value * static_cast<double>(index.size(0));
    }
    *meanLoss = lossSum / static_cast<double>(trainRows);
    return EpochEnd::Done;
}

QByteArray checkpointState(SeedRun& run, const SeedResult& result, const EarlyStopping& stopping,
                           const std::vector<torch::Tensor>& best, int epoch, double seconds)
{
    CheckpointWriter w;
    w.integers("seed", {static_cast<int64_t>(result.seed)});
    w.integers("epoch", {epoch});
    w.doubles("seconds", {seconds});
    const auto parameters = run.model->parameters();
    for (size_t i = 0; i < parameters.size(); ++i)
        w.tensor("parameter" + std::to_string(i), parameters[i]);
    w.integers("best.count", {static_cast<int64_t>(best.size())});
    for (size_t i = 0; i < best.size(); ++i)
        w.tensor("best" + std::to_string(i), best[i]);
    torch::serialize::OutputArchive optimizer;
    run.optimizer->save(optimizer);
    w.archive().write("optimizer", optimizer);
    w.generator("order", run.orderGenerator);
    w.generator("dropout", run.dropoutGenerator);
    w.progress("progress", result, stopping);
    return w.bytes();
}

// Continues from a checkpoint: returns the last epoch it had finished.
int resume(const QByteArray& state, SeedRun& run, SeedResult& result, EarlyStopping& stopping,
           std::vector<torch::Tensor>& best, double* secondsBefore)
{
    CheckpointReader r(state);
    if (static_cast<quint64>(r.integers("seed").at(0)) != result.seed)
        throw std::runtime_error("the checkpoint is of another seed");
    {
        torch::NoGradGuard noGrad;
        const auto parameters = run.model->parameters();
        for (size_t i = 0; i < parameters.size(); ++i)
            parameters[i].copy_(r.tensor("parameter" + std::to_string(i)));
    }
    best.clear();
    for (int64_t i = 0; i < r.integers("best.count").at(0); ++i)
        best.push_back(r.tensor("best" + std::to_string(i)));
    torch::serialize::InputArchive optimizer;
    r.archive().read("optimizer", optimizer);
    run.optimizer->load(optimizer);
    r.generator("order", run.orderGenerator);
    r.generator("dropout", run.dropoutGenerator);
    r.progress("progress", result, stopping);
    *secondsBefore = r.doubles("seconds").at(0);
    return static_cast<int>(r.integers("epoch").at(0));
}

} // namespace

SeedTrainer::SeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data)
    : m_experiment(experiment), m_data(std::move(data)),
      m_metric(effectiveMetric(experiment.metric, m_data->dataset.task)),
      m_tensors(std::make_unique<TrainingTensors>(*m_data))
{
    m_assembler =
        std::make_unique<SeedResultAssembler>(m_experiment, m_metric, engineName(), m_tensors->truth());
}

SeedTrainer::~SeedTrainer() = default;

const QString& SeedTrainer::engineName()
{
    static const QString name = QStringLiteral("per-seed");
    return name;
}

std::vector<double> SeedTrainer::initialParameters(quint64 seed) const
{
    return initialMlpParameters(static_cast<int>(m_tensors->trainX.size(1)), m_experiment.model,
                                m_tensors->outputs, StreamSeeds::derive(seed, m_experiment.seeds).init);
}

std::vector<SeedResult> SeedTrainer::train(const std::vector<quint64>& seeds,
                                           const TrainingControl& control) const
{
    std::vector<SeedResult> results;
    for (quint64 seed : seeds)
        results.push_back(train(seed, control));
    return results;
}

SeedResult SeedTrainer::train(quint64 seed, const TrainingControl& control) const
{
    // One intra-op thread per job: parallel seeds share the cores, and the numbers do not depend
    // on how many threads a matrix product was split over.
    at::set_num_threads(1);
    QElapsedTimer clock;
    clock.start();
    double secondsBefore = 0; // trained before the checkpoint it resumed from
    const auto seconds = [&] {
        return secondsBefore + clock.nsecsElapsed() / 1e9;
    };

    const TrainingTensors& t = *m_tensors;
    const TrainingSpec& spec = m_experiment.training;
    SeedResult result = m_assembler->begin(seed);

    SeedRun run{Mlp(static_cast<int>(t.trainX.size(1)), m_experiment.model, t.outputs), nullptr,
                at::detail::createCPUGenerator(result.streams.order),
                at::detail::createCPUGenerator(result.streams.dropout)};
    at::Generator initGenerator = at::detail::createCPUGenerator(result.streams.init);
    run.model->initialize(initGenerator);
    run.optimizer = makeOptimizer(spec, run.model->parameters());
    EarlyStopping stopping(spec.earlyStoppingPatience, higherIsBetter(m_metric));
    std::vector<torch::Tensor> bestParameters;

    const int resumedEpoch = control.resumeFrom.isEmpty() ? 0
                                                          : resume(control.resumeFrom, run, result, stopping,
                                                                   bestParameters, &secondsBefore);

    run.model->train();
    for (int epoch = resumedEpoch + 1; epoch <= spec.epochs; ++epoch) {
        for (auto& group : run.optimizer->param_groups())
            group.options().set_lr(scheduledLearningRate(spec, epoch - 1));
        double meanLoss = 0;
        const EpochEnd end = trainEpoch(run, t, spec, control, &meanLoss);
        if (end == EpochEnd::Cancelled) {
            result.status = SeedStatus::Cancelled;
            result.epochsRun = epoch - 1;
            return result;
        }
        if (end == EpochEnd::Diverged) {
            SeedResultAssembler::fail(
                result, epoch, QStringLiteral("training loss became %1 (diverged)").arg(meanLoss), seconds());
            return result;
        }
        const std::vector<double> validation = predict(run.model, t, t.validationX);
        if (!SeedResultAssembler::allFinite(validation)) {
            SeedResultAssembler::fail(
                result, epoch, QStringLiteral("validation predictions are not finite (diverged)"), seconds());
            return result;
        }
        const double score = m_assembler->validationScore(validation);
        m_assembler->recordEpoch(result, epoch, meanLoss, score, control,
                                 control.scoreTestEachEpoch
                                     ? m_assembler->testScore(predict(run.model, t, t.testX))
                                     : std::numeric_limits<double>::quiet_NaN());
        const EarlyStopping::Verdict verdict = stopping.observe(epoch, score);
        if (verdict == EarlyStopping::Verdict::Improved)
            bestParameters = snapshot(run.model);
        else if (verdict == EarlyStopping::Verdict::Stop)
            break;
        if (epoch < spec.epochs && control.wantsCheckpoint())
            control.checkpoint(checkpointState(run, result, stopping, bestParameters, epoch, seconds()),
                               epoch);
    }

    if (stopping.enabled())
        restore(run.model, bestParameters);
    result.bestEpoch = stopping.enabled() ? stopping.bestEpoch() : result.epochsRun;
    m_assembler->finish(result, predict(run.model, t, t.validationX), predict(run.model, t, t.testX),
                        seconds());
    return result;
}

} // namespace seedscape
