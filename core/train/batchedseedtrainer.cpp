#include "batchedseedtrainer.h"

#include "experiment/experimentfingerprint.h"
#include "experiment/experimentnames.h"
#include "learningrateschedule.h"
#include "metrics/metricscorer.h"
#include "mlp.h"
#include "trainingtensors.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <QElapsedTimer>

#include <cmath>

namespace seedscape {

namespace {

int64_t roundUp(int64_t value, int64_t multiple)
{
    return (value + multiple - 1) / multiple * multiple;
}

constexpr double kAdamBeta1 = 0.9;
constexpr double kAdamBeta2 = 0.999;
constexpr double kAdamEpsilon = 1e-8;
constexpr double kLayerNormEpsilon = 1e-5;
constexpr float kMaskedLogit = -1e9f; // padded classes: softmax gives them probability 0

} // namespace

// Where each parameter lives in the flat parameter buffer. Each parameter is one contiguous block
// of seeds × size floats (so each is a dense tensor with a leading seed dimension); offsets and
// sizes below are per seed, and a block starts at seeds × offset.
struct BatchedSeedTrainer::Layout
{
    struct Layer
    {
        int64_t inputs = 0, outputs = 0;        // real sizes
        int64_t paddedIn = 0, paddedOut = 0;    // sizes in the flat layout
        int64_t weight = 0, bias = 0;           // offsets
        int64_t normWeight = -1, normBias = -1; // offsets, hidden layers with layer norm only
    };
    std::vector<Layer> layers;
    std::vector<std::pair<int64_t, int64_t>> blocks; // (offset, size) of every parameter, per seed
    int64_t perSeed = 0;                             // P: every block's size is a multiple of kLaneAlignment
    torch::Tensor outputMask;                        // 1 × 1 × paddedOut: 1 on real outputs
    torch::Tensor outputLogitMask;          // 1 × 1 × paddedOut: 0 on real classes, kMaskedLogit on padding
    std::vector<torch::Tensor> hiddenMasks; // per hidden layer, 1 × 1 × paddedOut: 1 on real units
};

BatchedSeedTrainer::BatchedSeedTrainer(const Experiment& experiment, std::shared_ptr<const PreparedData> data)
    : m_experiment(experiment), m_data(std::move(data)),
      m_metric(effectiveMetric(experiment.metric, m_data->dataset.task)),
      m_tensors(std::make_unique<TrainingTensors>(*m_data)), m_layout(std::make_unique<Layout>())
{
    Layout& layout = *m_layout;
    std::vector<int> widths = experiment.model.hidden;
    widths.push_back(m_tensors->outputs);
    int64_t inputs = m_data->dataset.featureCount();
    int64_t paddedIn = inputs;
    int64_t offset = 0;
    for (size_t l = 0; l < widths.size(); ++l) {
        Layout::Layer layer;
        layer.inputs = inputs;
        layer.paddedIn = paddedIn;
        layer.outputs = widths[l];
        layer.paddedOut = roundUp(widths[l], kLaneAlignment);
        layer.weight = offset;
        offset += layer.paddedIn * layer.paddedOut;
        layer.bias = offset;
        offset += layer.paddedOut;
        const bool hidden = l + 1 < widths.size();
        if (hidden && experiment.model.layerNorm) {
            layer.normWeight = offset;
            offset += layer.paddedOut;
            layer.normBias = offset;
            offset += layer.paddedOut;
        }
        if (hidden) {
            torch::Tensor mask = torch::zeros({1, 1, layer.paddedOut});
            mask.narrow(2, 0, layer.outputs).fill_(1.0);
            layout.hiddenMasks.push_back(mask);
        }
        layout.layers.push_back(layer);
        inputs = layer.outputs;
        paddedIn = layer.paddedOut;
    }
    for (const Layout::Layer& layer : layout.layers) {
        layout.blocks.push_back({layer.weight, layer.paddedIn * layer.paddedOut});
        layout.blocks.push_back({layer.bias, layer.paddedOut});
        if (layer.normWeight >= 0) {
            layout.blocks.push_back({layer.normWeight, layer.paddedOut});
            layout.blocks.push_back({layer.normBias, layer.paddedOut});
        }
    }
    layout.perSeed = offset;
    const Layout::Layer& last = layout.layers.back();
    layout.outputMask = torch::zeros({1, 1, last.paddedOut});
    layout.outputMask.narrow(2, 0, last.outputs).fill_(1.0);
    layout.outputLogitMask = torch::full({1, 1, last.paddedOut}, kMaskedLogit);
    layout.outputLogitMask.narrow(2, 0, last.outputs).fill_(0.0);
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
    const StreamSeeds streams = StreamSeeds::derive(seed, m_experiment.seeds);
    at::Generator generator = at::detail::createCPUGenerator(streams.init);
    std::vector<double> flat;
    auto append = [&](const torch::Tensor& t) {
        const std::vector<double> v = TrainingTensors::toVector(t.flatten());
        flat.insert(flat.end(), v.begin(), v.end());
    };
    for (const Layout::Layer& layer : m_layout->layers) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(layer.inputs));
        append(torch::empty({layer.outputs, layer.inputs}).uniform_(-bound, bound, generator));
        append(torch::empty({layer.outputs}).uniform_(-bound, bound, generator));
        if (layer.normWeight >= 0) {
            append(torch::ones({layer.outputs}));
            append(torch::zeros({layer.outputs}));
        }
    }
    return flat;
}

std::vector<SeedResult> BatchedSeedTrainer::train(const std::vector<quint64>& seeds,
                                                  const TrainingControl& control) const
{
    // One intra-op thread per group: the groups of a sweep share the cores, and no element-wise
    // kernel splits a tensor at a place that depends on the group's size.
    at::set_num_threads(1);
    torch::NoGradGuard noGradOutsideSteps;
    QElapsedTimer clock;
    clock.start();

    const TrainingTensors& t = *m_tensors;
    const Layout& layout = *m_layout;
    const TrainingSpec& spec = m_experiment.training;
    const ModelSpec& model = m_experiment.model;
    const int64_t S = static_cast<int64_t>(seeds.size());
    const int64_t P = layout.perSeed;
    const int64_t trainRows = t.trainX.size(0);
    const int64_t features = t.trainX.size(1);
    const bool higherBetter = higherIsBetter(m_metric);
    const bool earlyStopping = spec.earlyStoppingPatience > 0;
    const size_t hiddenLayers = model.hidden.size();

    std::vector<SeedResult> results(seeds.size());
    std::vector<at::Generator> orderGenerators, dropoutGenerators;
    for (int64_t s = 0; s < S; ++s) {
        SeedResult& r = results[s];
        r.seed = seeds[s];
        r.metric = m_metric;
        r.streams = StreamSeeds::derive(seeds[s], m_experiment.seeds);
        r.startedAt = QDateTime::currentDateTimeUtc();
        r.experimentFingerprint = experimentFingerprint(m_experiment);
        r.versions = SeedTrainer::versions();
        r.engine = engineName();
        r.predictionColumns = t.task == Task::Multiclass ? t.outputs : 1;
        orderGenerators.push_back(at::detail::createCPUGenerator(r.streams.order));
        dropoutGenerators.push_back(at::detail::createCPUGenerator(r.streams.dropout));
    }

    // Parameters: a flat buffer of seeds × P floats; every parameter is a block of it.
    auto block = [&](const torch::Tensor& buffer, int64_t offset, int64_t size) {
        return buffer.narrow(0, S * offset, S * size).view({S, size});
    };
    // Apply fn to seed s's part of every parameter block of buffer.
    auto forEachLane = [&](const torch::Tensor& buffer, int64_t s, const auto& fn) {
        for (const auto& [offset, size] : layout.blocks)
            fn(block(buffer, offset, size)[s]);
    };
    auto copyLane = [&](const torch::Tensor& to, const torch::Tensor& from, int64_t s) {
        for (const auto& [offset, size] : layout.blocks)
            block(to, offset, size)[s].copy_(block(from, offset, size)[s]);
    };
    torch::Tensor flat = torch::zeros({S * P});
    for (int64_t s = 0; s < S; ++s) {
        const std::vector<double> initial = initialParameters(seeds[s]);
        size_t next = 0;
        auto take = [&](int64_t count) {
            torch::Tensor values =
                torch::from_blob(const_cast<double*>(initial.data() + next), {count}, torch::kFloat64);
            next += static_cast<size_t>(count);
            return values.to(torch::kFloat32);
        };
        for (const Layout::Layer& layer : layout.layers) {
            const torch::Tensor w = take(layer.outputs * layer.inputs).view({layer.outputs, layer.inputs});
            block(flat, layer.weight, layer.paddedIn * layer.paddedOut)[s]
                .view({layer.paddedIn, layer.paddedOut})
                .narrow(0, 0, layer.inputs)
                .narrow(1, 0, layer.outputs)
                .copy_(w.t());
            block(flat, layer.bias, layer.paddedOut)[s]
                .narrow(0, 0, layer.outputs)
                .copy_(take(layer.outputs));
            if (layer.normWeight >= 0) {
                block(flat, layer.normWeight, layer.paddedOut)[s]
                    .narrow(0, 0, layer.outputs)
                    .copy_(take(layer.outputs));
                block(flat, layer.normBias, layer.paddedOut)[s]
                    .narrow(0, 0, layer.outputs)
                    .copy_(take(layer.outputs));
            }
        }
    }
    torch::Tensor gradients = torch::zeros({S * P});
    // Leaf views: autograd accumulates each layer's gradient in place into `gradients`.
    auto leaf = [&](int64_t offset, std::vector<int64_t> shape) {
        int64_t size = 1;
        for (size_t i = 1; i < shape.size(); ++i)
            size *= shape[i];
        torch::Tensor p = block(flat, offset, size).view(shape).detach().requires_grad_(true);
        p.mutable_grad() = block(gradients, offset, size).view(shape);
        return p;
    };
    struct LayerParameters
    {
        torch::Tensor weight, bias, normWeight, normBias;
    };
    std::vector<LayerParameters> parameters;
    for (const Layout::Layer& layer : layout.layers) {
        LayerParameters p;
        p.weight = leaf(layer.weight, {S, layer.paddedIn, layer.paddedOut});
        p.bias = leaf(layer.bias, {S, 1, layer.paddedOut});
        if (layer.normWeight >= 0) {
            p.normWeight = leaf(layer.normWeight, {S, 1, layer.paddedOut});
            p.normBias = leaf(layer.normBias, {S, 1, layer.paddedOut});
        }
        parameters.push_back(p);
    }

    // Optimiser state, per seed and parameter, in the same flat layout.
    torch::Tensor firstMoment = torch::zeros({S * P});
    torch::Tensor secondMoment = torch::zeros({S * P});
    torch::Tensor momentum = torch::zeros({S * P});

    auto forward = [&](torch::Tensor x, const std::vector<torch::Tensor>* dropoutMasks) {
        for (size_t l = 0; l < layout.layers.size(); ++l) {
            const LayerParameters& p = parameters[l];
            x = torch::baddbmm(p.bias, x, p.weight);
            if (l + 1 == layout.layers.size())
                break;
            if (model.layerNorm) {
                // Layer norm over the real units only; padded units are zero and stay zero.
                const double width = static_cast<double>(layout.layers[l].outputs);
                const torch::Tensor mean = x.sum(2, true) / width;
                const torch::Tensor centred = (x - mean) * layout.hiddenMasks[l];
                const torch::Tensor variance = centred.pow(2).sum(2, true) / width;
                x = centred * torch::rsqrt(variance + kLayerNormEpsilon) * p.normWeight + p.normBias;
            }
            x = applyActivation(x, model.activation);
            if (dropoutMasks)
                x = x * (*dropoutMasks)[l];
        }
        return x; // S × rows × paddedOut
    };

    // Predictions of every seed on a split, on the host in double precision.
    auto predict = [&](const torch::Tensor& x, size_t rows) {
        const torch::Tensor logits =
            forward(x.unsqueeze(0).expand({S, x.size(0), features}), nullptr).contiguous();
        const int64_t paddedOut = logits.size(2);
        const float* data = logits.data_ptr<float>();
        std::vector<std::vector<double>> out(static_cast<size_t>(S));
        const int columns = t.task == Task::Multiclass ? t.outputs : 1;
        for (int64_t s = 0; s < S; ++s) {
            std::vector<double>& p = out[s];
            p.resize(rows * columns);
            for (size_t r = 0; r < rows; ++r) {
                const float* z =
                    data + (s * static_cast<int64_t>(rows) + static_cast<int64_t>(r)) * paddedOut;
                if (t.task == Task::Regression) {
                    p[r] = z[0] * t.targetScale + t.targetMean;
                } else if (t.task == Task::Binary) {
                    p[r] = 1.0 / (1.0 + std::exp(-static_cast<double>(z[0])));
                } else {
                    double largest = z[0];
                    for (int c = 1; c < columns; ++c)
                        largest = std::max(largest, static_cast<double>(z[c]));
                    double sum = 0;
                    for (int c = 0; c < columns; ++c)
                        sum += p[r * columns + c] = std::exp(z[c] - largest);
                    for (int c = 0; c < columns; ++c)
                        p[r * columns + c] /= sum;
                }
            }
        }
        return out;
    };

    std::vector<char> running(static_cast<size_t>(S), 1);
    std::vector<double> bestScore(static_cast<size_t>(S), std::nan(""));
    std::vector<int> sinceImprovement(static_cast<size_t>(S), 0);
    torch::Tensor best = earlyStopping ? flat.clone() : torch::Tensor();
    int64_t stillRunning = S;

    auto markFailed = [&](int64_t s, int epoch, const QString& reason) {
        SeedResult& r = results[s];
        r.status = SeedStatus::Failed;
        r.failureEpoch = epoch;
        r.failureReason = reason;
        r.durationSeconds = clock.nsecsElapsed() / 1e9;
        running[s] = 0;
        --stillRunning;
        // Zero its lane so that it computes harmless zeros until the group ends.
        for (const torch::Tensor* state : {&flat, &firstMoment, &secondMoment, &momentum})
            forEachLane(*state, s, [](torch::Tensor lane) { lane.zero_(); });
    };
    auto cancelAll = [&](int epochsDone) {
        for (SeedResult& r : results) {
            r.status = SeedStatus::Cancelled;
            r.epochsRun = std::min(r.epochsRun, epochsDone);
        }
        return results;
    };

    int64_t step = 0;
    int epoch = 1;
    for (; epoch <= spec.epochs && stillRunning > 0; ++epoch) {
        const double lr = scheduledLearningRate(spec, epoch - 1);
        // Each seed's order and dropout masks for the whole epoch, from its own generators.
        std::vector<torch::Tensor> orders;
        for (int64_t s = 0; s < S; ++s)
            orders.push_back(torch::randperm(trainRows, orderGenerators[s]));
        const torch::Tensor order = torch::stack(orders).reshape({-1});
        const torch::Tensor epochX = t.trainX.index_select(0, order).view({S, trainRows, features});
        const torch::Tensor epochY = t.trainY.index_select(0, order).view({S, trainRows, 1});
        std::vector<torch::Tensor> epochMasks;
        if (model.dropout > 0) {
            const double keep = 1.0 - model.dropout;
            for (size_t l = 0; l < hiddenLayers; ++l) {
                std::vector<torch::Tensor> perSeed;
                for (int64_t s = 0; s < S; ++s)
                    perSeed.push_back(torch::empty({trainRows, layout.layers[l].paddedOut})
                                          .bernoulli_(keep, dropoutGenerators[s]));
                epochMasks.push_back(torch::stack(perSeed).div_(keep));
            }
        }

        std::vector<double> lossSum(static_cast<size_t>(S), 0.0);
        for (int64_t start = 0; start < trainRows; start += spec.batchSize) {
            if (control.waitWhilePaused)
                control.waitWhilePaused();
            if (control.cancel && control.cancel->load())
                return cancelAll(epoch - 1);
            const int64_t rows = std::min<int64_t>(spec.batchSize, trainRows - start);
            const torch::Tensor x = epochX.narrow(1, start, rows);
            const torch::Tensor y = epochY.narrow(1, start, rows);
            std::vector<torch::Tensor> masks;
            for (const torch::Tensor& m : epochMasks)
                masks.push_back(m.narrow(1, start, rows));

            torch::Tensor perSeedLoss;
            {
                torch::AutoGradMode enableGrad(true);
                const torch::Tensor out = forward(x, epochMasks.empty() ? nullptr : &masks);
                if (t.task == Task::Regression) {
                    perSeedLoss =
                        ((out - y) * layout.outputMask).pow(2).sum({1, 2}) / static_cast<double>(rows);
                } else if (t.task == Task::Binary) {
                    perSeedLoss = (torch::binary_cross_entropy_with_logits(out, y.expand_as(out), {}, {},
                                                                           at::Reduction::None) *
                                   layout.outputMask)
                                      .sum({1, 2}) /
                                  static_cast<double>(rows);
                } else {
                    const torch::Tensor logProbabilities =
                        torch::log_softmax(out + layout.outputLogitMask, 2);
                    perSeedLoss = -logProbabilities.gather(2, y).sum({1, 2}) / static_cast<double>(rows);
                }
                gradients.zero_();
                perSeedLoss.sum().backward();
            }

            // One optimiser step for every seed (PyTorch's update rules, on the flat parameters).
            ++step;
            torch::Tensor g = gradients;
            switch (spec.optimizer) {
            case OptimizerKind::SGD:
                if (spec.weightDecay != 0)
                    g = g.add(flat, spec.weightDecay);
                if (spec.momentum != 0) {
                    if (step == 1)
                        momentum.copy_(g);
                    else
                        momentum.mul_(spec.momentum).add_(g);
                    g = momentum;
                }
                flat.add_(g, -lr);
                break;
            case OptimizerKind::Adam:
            case OptimizerKind::AdamW: {
                if (spec.optimizer == OptimizerKind::AdamW)
                    flat.mul_(1.0 - lr * spec.weightDecay);
                else if (spec.weightDecay != 0)
                    g = g.add(flat, spec.weightDecay);
                firstMoment.mul_(kAdamBeta1).add_(g, 1.0 - kAdamBeta1);
                secondMoment.mul_(kAdamBeta2).addcmul_(g, g, 1.0 - kAdamBeta2);
                const double correction1 = 1.0 - std::pow(kAdamBeta1, static_cast<double>(step));
                const double correction2 = 1.0 - std::pow(kAdamBeta2, static_cast<double>(step));
                const torch::Tensor denominator =
                    (secondMoment.sqrt() / std::sqrt(correction2)).add_(kAdamEpsilon);
                flat.addcdiv_(firstMoment, denominator, -lr / correction1);
                break;
            }
            }

            const float* loss = perSeedLoss.data_ptr<float>();
            for (int64_t s = 0; s < S; ++s) {
                if (!running[s])
                    continue;
                if (!std::isfinite(loss[s]))
                    markFailed(s, epoch, QStringLiteral("training loss became %1 (diverged)").arg(loss[s]));
                else
                    lossSum[s] += static_cast<double>(loss[s]) * static_cast<double>(rows);
            }
        }

        const auto validation = predict(t.validationX, t.validationTruth.size());
        for (int64_t s = 0; s < S; ++s) {
            if (!running[s])
                continue;
            SeedResult& r = results[s];
            bool finite = true;
            for (double v : validation[s])
                finite = finite && std::isfinite(v);
            if (!finite) {
                markFailed(s, epoch, QStringLiteral("validation predictions are not finite (diverged)"));
                continue;
            }
            const double score = MetricScorer::score(m_metric, t.validationTruth, validation[s], t.outputs);
            r.trainLoss.push_back(lossSum[s] / static_cast<double>(trainRows));
            r.validationCurve.push_back(score);
            r.epochsRun = epoch;
            if (control.onEpoch)
                control.onEpoch({r.seed, epoch, spec.epochs, r.trainLoss.back(), score});
            if (!earlyStopping)
                continue;
            if (MetricScorer::isImprovement(score, bestScore[s], higherBetter) || r.bestEpoch == 0) {
                bestScore[s] = score;
                r.bestEpoch = epoch;
                sinceImprovement[s] = 0;
                copyLane(best, flat, s);
            } else if (++sinceImprovement[s] >= spec.earlyStoppingPatience) {
                running[s] = 0; // stopped: its best weights are kept, the lane trains on unused
                --stillRunning;
            }
        }
    }

    if (earlyStopping)
        for (int64_t s = 0; s < S; ++s)
            if (results[s].status == SeedStatus::Finished)
                copyLane(flat, best, s);
    const auto validation = predict(t.validationX, t.validationTruth.size());
    const auto test = predict(t.testX, t.testTruth.size());
    for (int64_t s = 0; s < S; ++s) {
        SeedResult& r = results[s];
        if (r.status != SeedStatus::Finished)
            continue;
        if (!earlyStopping)
            r.bestEpoch = r.epochsRun;
        r.validationPredictions = validation[s];
        r.testPredictions = test[s];
        bool finite = true;
        for (const auto* values : {&r.validationPredictions, &r.testPredictions})
            for (double v : *values)
                finite = finite && std::isfinite(v);
        if (!finite) {
            r.status = SeedStatus::Failed;
            r.failureEpoch = r.epochsRun;
            r.failureReason = QStringLiteral("predictions are not finite (diverged)");
            r.validationPredictions.clear();
            r.testPredictions.clear();
            continue;
        }
        r.validationScore =
            MetricScorer::score(m_metric, t.validationTruth, r.validationPredictions, t.outputs);
        r.testScore = MetricScorer::score(m_metric, t.testTruth, r.testPredictions, t.outputs);
        // The group's time, shared out: what a seed cost when trained this way.
        r.durationSeconds = clock.nsecsElapsed() / 1e9 / static_cast<double>(S);
    }
    return results;
}

} // namespace seedscape
