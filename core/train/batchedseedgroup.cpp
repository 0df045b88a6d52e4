#include "batchedseedgroup.h"

#include "batchedseedtrainer.h"
#include "checkpointarchive.h"
#include "experiment/experimentnames.h"
#include "learningrateschedule.h"
#include "mlp.h"
#include "seedresultassembler.h"
#include "trainingtensors.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>

namespace seedscape {

namespace {

constexpr double kLayerNormEpsilon = 1e-5;

torch::TensorOptions deviceOptions(const ComputeDevice& device)
{
    return torch::TensorOptions()
        .dtype(torch::kFloat32)
        .device(device.cuda ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(device.index))
                            : torch::Device(torch::kCPU));
}

} // namespace

BatchedSeedGroup::BatchedSeedGroup(const Context& context, const std::vector<quint64>& seeds,
                                   const TrainingControl& control)
    : m_context(context), m_control(control), m_seeds(static_cast<int64_t>(seeds.size())),
      m_options(deviceOptions(context.trainer.device())), m_gpuStepForm(context.trainer.gpuStepForm()),
      m_parameters(torch::zeros({m_seeds * context.layout.perSeed}, m_options)),
      m_gradients(torch::zeros({m_seeds * context.layout.perSeed}, m_options)),
      m_optimizer(context.experiment.training, m_seeds * context.layout.perSeed, m_options,
                  m_gpuStepForm ? BatchedOptimizer::ScalarsOn::Device : BatchedOptimizer::ScalarsOn::Host),
      m_running(seeds.size(), 1), m_stillRunning(m_seeds),
      m_lossSums(torch::zeros({m_seeds}, m_options.dtype(torch::kFloat64))),
      m_graphs(context.trainer.device().cuda, context.trainer.device().index)
{
    m_clock.start();
    const bool higherBetter = higherIsBetter(context.metric);
    for (quint64 seed : seeds) {
        m_results.push_back(context.assembler.begin(seed));
        if (context.trainer.device().cuda) // its numbers depend on the group: rerun trains it again
            m_results.back().group = {seeds.front(), static_cast<int>(seeds.size()),
                                      static_cast<int>(m_results.size() - 1)};
        const StreamSeeds& streams = m_results.back().streams;
        m_orderGenerators.push_back(at::detail::createCPUGenerator(streams.order));
        m_dropoutGenerators.push_back(at::detail::createCPUGenerator(streams.dropout));
        m_stopping.emplace_back(context.experiment.training.earlyStoppingPatience, higherBetter);
    }
    initialiseLanes();
    makeLeaves();
    if (m_stopping.front().enabled())
        m_best = m_parameters.clone();
}

std::vector<SeedResult> BatchedSeedGroup::train()
{
    const int epochs = m_context.experiment.training.epochs;
    const int resumedEpoch = m_control.resumeFrom.isEmpty() ? 0 : resume(m_control.resumeFrom);
    int lastEpoch = resumedEpoch;
    for (int epoch = resumedEpoch + 1; epoch <= epochs && m_stillRunning > 0; ++epoch) {
        lastEpoch = epoch;
        std::vector<double> lossSum(static_cast<size_t>(m_seeds), 0.0);
        const EpochBatches batches = m_nextEpoch ? std::move(*m_nextEpoch) : drawEpoch();
        m_nextEpoch.reset();
        if (!trainEpoch(epoch, batches, lossSum))
            return cancelAll(epoch - 1);
        evaluate(epoch, lossSum);
        if (m_checkpointAfterEpoch && m_stillRunning > 0)
            m_control.checkpoint(checkpointState(epoch), epoch);
    }
    std::vector<SeedResult> results = finish();
    if (m_graphs.enabled())
        m_times.replayedSteps = m_graphs.replays();
    if (groupTimesLog().isDebugEnabled())
        qCDebug(groupTimesLog).noquote()
            << m_times.summary(static_cast<int>(m_seeds), m_context.trainer.device().id,
                               lastEpoch - resumedEpoch, seconds() - m_secondsBefore);
    return results;
}

// Everything the next epoch depends on; the gradients are zeroed before every step, so not them.
QByteArray BatchedSeedGroup::checkpointState(int epoch) const
{
    CheckpointWriter w;
    std::vector<int64_t> seeds, running;
    for (int64_t s = 0; s < m_seeds; ++s) {
        seeds.push_back(static_cast<int64_t>(m_results[s].seed));
        running.push_back(m_running[s]);
        const std::string lane = "seed" + std::to_string(s);
        w.generator(lane + ".order", m_orderGenerators[s]);
        w.generator(lane + ".dropout", m_dropoutGenerators[s]);
        w.progress(lane, m_results[s], m_stopping[s]);
    }
    w.integers("group.seeds", seeds);
    w.integers("group.running", running);
    w.integers("group.epoch", {epoch});
    w.doubles("group.seconds", {seconds()});
    w.tensor("parameters", m_parameters);
    if (m_best.defined())
        w.tensor("best", m_best);
    m_optimizer.save(w);
    return w.bytes();
}

int BatchedSeedGroup::resume(const QByteArray& state)
{
    CheckpointReader r(state);
    const std::vector<int64_t> seeds = r.integers("group.seeds");
    for (int64_t s = 0; s < m_seeds; ++s)
        if (seeds.size() != static_cast<size_t>(m_seeds) ||
            static_cast<quint64>(seeds[s]) != m_results[s].seed)
            throw std::runtime_error("the checkpoint is of other seeds");
    const std::vector<int64_t> running = r.integers("group.running");
    m_stillRunning = 0;
    for (int64_t s = 0; s < m_seeds; ++s) {
        const std::string lane = "seed" + std::to_string(s);
        r.generator(lane + ".order", m_orderGenerators[s]);
        r.generator(lane + ".dropout", m_dropoutGenerators[s]);
        r.progress(lane, m_results[s], m_stopping[s]);
        m_running[s] = static_cast<char>(running.at(s));
        m_stillRunning += m_running[s];
    }
    // In place: the layers' leaf tensors are views of these buffers.
    m_parameters.copy_(r.tensor("parameters"));
    if (m_best.defined())
        m_best.copy_(r.tensor("best"));
    m_optimizer.restore(r);
    m_secondsBefore = r.doubles("group.seconds").at(0);
    return static_cast<int>(r.integers("group.epoch").at(0));
}

torch::Tensor BatchedSeedGroup::block(const torch::Tensor& buffer, int64_t offset, int64_t size) const
{
    return buffer.narrow(0, m_seeds * offset, m_seeds * size).view({m_seeds, size});
}

void BatchedSeedGroup::zeroLane(torch::Tensor& buffer, int64_t s) const
{
    for (const auto& [offset, size] : m_context.layout.blocks)
        block(buffer, offset, size)[s].zero_();
}

// One pass per parameter block for all the lanes marked in which, not one per seed: on a GPU the
// number of kernels is what costs.
void BatchedSeedGroup::copyLanes(const torch::Tensor& to, const torch::Tensor& from,
                                 const std::vector<char>& which) const
{
    if (std::find(which.begin(), which.end(), 1) == which.end())
        return;
    const torch::Tensor lanes = torch::from_blob(const_cast<char*>(which.data()), {m_seeds}, torch::kUInt8)
                                    .to(torch::kBool)
                                    .to(m_options.device())
                                    .unsqueeze(1);
    for (const auto& [offset, size] : m_context.layout.blocks) {
        torch::Tensor target = block(to, offset, size);
        target.copy_(torch::where(lanes, block(from, offset, size), target));
    }
}

// Each seed's initial parameters, drawn exactly as the per-seed engine draws them (on the host, from
// the seed's own generator, whatever the device), into its lane (transposed to in × out, padding
// left zero), then copied to the device in one go.
void BatchedSeedGroup::initialiseLanes()
{
    const torch::Tensor host = torch::zeros({m_seeds * m_context.layout.perSeed});
    for (int64_t s = 0; s < m_seeds; ++s) {
        const std::vector<double> initial = m_context.trainer.initialParameters(m_results[s].seed);
        size_t next = 0;
        auto take = [&](int64_t count) {
            torch::Tensor values =
                torch::from_blob(const_cast<double*>(initial.data() + next), {count}, torch::kFloat64);
            next += static_cast<size_t>(count);
            return values.to(torch::kFloat32);
        };
        auto realPart = [&](int64_t offset, int64_t size, int64_t count) {
            return block(host, offset, size)[s].narrow(0, 0, count);
        };
        for (const BatchedLayout::Layer& layer : m_context.layout.layers) {
            const torch::Tensor w = take(layer.outputs * layer.inputs).view({layer.outputs, layer.inputs});
            block(host, layer.weight, layer.paddedIn * layer.paddedOut)[s]
                .view({layer.paddedIn, layer.paddedOut})
                .narrow(0, 0, layer.inputs)
                .narrow(1, 0, layer.outputs)
                .copy_(w.t());
            realPart(layer.bias, layer.paddedOut, layer.outputs).copy_(take(layer.outputs));
            if (layer.normWeight >= 0) {
                realPart(layer.normWeight, layer.paddedOut, layer.outputs).copy_(take(layer.outputs));
                realPart(layer.normBias, layer.paddedOut, layer.outputs).copy_(take(layer.outputs));
            }
        }
    }
    m_parameters.copy_(host);
}

// Leaf views of the flat buffer: autograd accumulates each layer's gradient in place into m_gradients.
void BatchedSeedGroup::makeLeaves()
{
    auto leaf = [&](int64_t offset, std::vector<int64_t> shape) {
        int64_t size = 1;
        for (size_t i = 1; i < shape.size(); ++i)
            size *= shape[i];
        torch::Tensor p = block(m_parameters, offset, size).view(shape).detach().requires_grad_(true);
        p.mutable_grad() = block(m_gradients, offset, size).view(shape);
        return p;
    };
    for (const BatchedLayout::Layer& layer : m_context.layout.layers) {
        LayerParameters p;
        p.weight = leaf(layer.weight, {m_seeds, layer.paddedIn, layer.paddedOut});
        p.bias = leaf(layer.bias, {m_seeds, 1, layer.paddedOut});
        if (layer.normWeight >= 0) {
            p.normWeight = leaf(layer.normWeight, {m_seeds, 1, layer.paddedOut});
            p.normBias = leaf(layer.normBias, {m_seeds, 1, layer.paddedOut});
        }
        m_layers.push_back(p);
    }
}

// Each seed's order and dropout masks for the whole epoch, drawn on the host from its own
// generators (so a seed sees the same rows and masks on every device), all of them before the first
// copy to the device: the next epoch's draw then runs while a GPU works through this epoch's steps.
BatchedSeedGroup::EpochBatches BatchedSeedGroup::drawEpoch()
{
    QElapsedTimer clock;
    clock.start();
    const TrainingTensors& t = m_context.tensors;
    const int64_t trainRows = t.trainX.size(0);
    std::vector<torch::Tensor> orders;
    for (int64_t s = 0; s < m_seeds; ++s)
        orders.push_back(torch::randperm(trainRows, m_orderGenerators[s]));
    std::vector<torch::Tensor> masks;
    const double dropout = m_context.experiment.model.dropout;
    if (dropout > 0) {
        const double keep = 1.0 - dropout;
        const torch::Tensor keepProbability = dropoutKeepProbability(keep);
        for (size_t l = 0; l < m_context.experiment.model.hidden.size(); ++l) {
            std::vector<torch::Tensor> perSeed;
            for (int64_t s = 0; s < m_seeds; ++s)
                perSeed.push_back(torch::empty({trainRows, m_context.layout.layers[l].paddedOut})
                                      .bernoulli_(keepProbability, m_dropoutGenerators[s]));
            masks.push_back(torch::stack(perSeed).div_(keep));
        }
    }
    // On a GPU from pinned memory without waiting: the copies queue behind the steps.
    const bool gpu = m_options.device().is_cuda();
    const auto toDevice = [&](const torch::Tensor& host) {
        return gpu ? host.pin_memory().to(torch::TensorOptions().device(m_options.device()),
                                          /*non_blocking=*/true)
                   : host;
    };
    const torch::Tensor order = toDevice(torch::stack(orders).reshape({-1}));
    EpochBatches epoch;
    epoch.x = t.trainX.index_select(0, order).view({m_seeds, trainRows, t.trainX.size(1)});
    epoch.y = t.trainY.index_select(0, order).view({m_seeds, trainRows, -1});
    for (const torch::Tensor& mask : masks)
        epoch.masks.push_back(toDevice(mask));
    m_times.drawing += clock.nsecsElapsed() / 1e9;
    return epoch;
}

// Steps through an epoch without reading anything back from the device: each seed's loss is summed
// where it is computed, and read (and checked for divergence) once the epoch ends.
bool BatchedSeedGroup::trainEpoch(int epoch, const EpochBatches& batches, std::vector<double>& lossSum)
{
    const TrainingSpec& spec = m_context.experiment.training;
    const double lr = scheduledLearningRate(spec, epoch - 1);
    const int64_t trainRows = batches.x.size(1);
    QElapsedTimer clock;
    clock.start();
    m_lossSums.zero_();
    if (m_gpuStepForm) { // every step's scalars in one copy (on a GPU from pinned memory)
        const torch::Tensor table =
            m_optimizer.scalarsFor((trainRows + spec.batchSize - 1) / spec.batchSize, lr);
        m_epochScalars = m_options.device().is_cuda()
                             ? table.pin_memory().to(m_options.device(), /*non_blocking=*/true)
                             : table;
    }
    for (int64_t start = 0; start < trainRows; start += spec.batchSize) {
        if (m_control.stopBeforeStep())
            return false;
        step(batches, start, std::min<int64_t>(spec.batchSize, trainRows - start), lr);
    }
    m_times.stepping += clock.nsecsElapsed() / 1e9;
    // A GPU runs the steps queued above while the host draws the next epoch's orders and masks. A
    // checkpoint stores the generators as they are after this epoch, so it is decided first and
    // then nothing is drawn ahead.
    m_checkpointAfterEpoch = epoch < spec.epochs && m_control.wantsCheckpoint();
    if (epoch < spec.epochs && !m_checkpointAfterEpoch)
        m_nextEpoch = drawEpoch();
    // A lane that diverged computed NaNs until here; lanes never mix, so the others are untouched.
    clock.restart();
    const torch::Tensor sums = m_lossSums.to(torch::kCPU);
    m_times.waiting += clock.nsecsElapsed() / 1e9;
    const double* values = sums.data_ptr<double>();
    for (int64_t s = 0; s < m_seeds; ++s) {
        if (!m_running[s])
            continue;
        if (!std::isfinite(values[s]))
            markFailed(s, epoch, QStringLiteral("training loss became %1 (diverged)").arg(values[s]));
        else
            lossSum[s] = values[s];
    }
    return true;
}

// One step on the rows [start, start + rows) of the epoch's batches. In the GPU step form the batch
// is copied into buffers that keep their storage and the step may be a CUDA graph's replay;
// otherwise it reads the epoch's tensors directly.
void BatchedSeedGroup::step(const EpochBatches& batches, int64_t start, int64_t rows, double lr)
{
    ++m_times.steps;
    if (!m_gpuStepForm) {
        std::vector<torch::Tensor> masks;
        for (const torch::Tensor& m : batches.masks)
            masks.push_back(m.narrow(1, start, rows));
        trainStep(batches.x.narrow(1, start, rows), batches.y.narrow(1, start, rows), masks, rows, lr);
        return;
    }
    auto known = m_stepInputs.find(rows);
    if (known == m_stepInputs.end()) {
        StepInputs fresh;
        fresh.x = torch::empty({m_seeds, rows, batches.x.size(2)}, batches.x.options());
        fresh.y = torch::empty({m_seeds, rows, batches.y.size(2)}, batches.y.options());
        for (const torch::Tensor& m : batches.masks)
            fresh.masks.push_back(torch::empty({m_seeds, rows, m.size(2)}, m.options()));
        known = m_stepInputs.emplace(rows, std::move(fresh)).first;
    }
    StepInputs& in = known->second;
    in.x.copy_(batches.x.narrow(1, start, rows));
    in.y.copy_(batches.y.narrow(1, start, rows));
    for (size_t l = 0; l < in.masks.size(); ++l)
        in.masks[l].copy_(batches.masks[l].narrow(1, start, rows));
    m_optimizer.loadScalars(m_epochScalars, start / m_context.experiment.training.batchSize);
    m_graphs.run(rows, [&] { trainStep(in.x, in.y, in.masks, rows, lr); });
}

// Forward, loss, backward and the optimiser's step; each seed's loss is summed where it is computed.
void BatchedSeedGroup::trainStep(const torch::Tensor& x, const torch::Tensor& y,
                                 const std::vector<torch::Tensor>& masks, int64_t rows, double lr)
{
    torch::Tensor loss;
    {
        torch::AutoGradMode enableGrad(true);
        const torch::Tensor out = forward(x, masks.empty() ? nullptr : &masks);
        loss = perSeedLoss(out, y, rows);
        m_gradients.zero_();
        loss.sum().backward();
    }
    m_optimizer.step(m_parameters, m_gradients, lr);
    m_lossSums.add_(loss.detach().to(torch::kFloat64).mul(static_cast<double>(rows)));
}

torch::Tensor BatchedSeedGroup::forward(torch::Tensor x, const std::vector<torch::Tensor>* dropoutMasks) const
{
    const BatchedLayout& layout = m_context.layout;
    const ModelSpec& model = m_context.experiment.model;
    for (size_t l = 0; l < layout.layers.size(); ++l) {
        const LayerParameters& p = m_layers[l];
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
}

// Each seed's mean loss over the batch (S values); padded outputs contribute nothing.
torch::Tensor BatchedSeedGroup::perSeedLoss(const torch::Tensor& out, const torch::Tensor& y,
                                            int64_t rows) const
{
    const BatchedLayout& layout = m_context.layout;
    const double n = static_cast<double>(rows);
    const Task task = m_context.tensors.task;
    if (task == Task::Regression)
        return ((out - y) * layout.outputMask).pow(2).sum({1, 2}) / n;
    if (task == Task::Binary)
        return (torch::binary_cross_entropy_with_logits(out, y.expand_as(out), {}, {}, at::Reduction::None) *
                layout.outputMask)
                   .sum({1, 2}) /
               n;
    const torch::Tensor logProbabilities = torch::log_softmax(out + layout.outputLogitMask, 2);
    if (y.is_floating_point()) // one-hot targets (on a GPU: gather's backward adds in no fixed order)
        return -(logProbabilities * y).sum({1, 2}) / n;
    return -logProbabilities.gather(2, y).sum({1, 2}) / n;
}

void BatchedSeedGroup::evaluate(int epoch, const std::vector<double>& lossSum)
{
    QElapsedTimer clock;
    clock.start();
    const TrainingTensors& t = m_context.tensors;
    const double trainRows = static_cast<double>(t.trainX.size(0));
    const auto validation = predict(t.validationX, t.validationTruth.size());
    const auto test = m_control.scoreTestEachEpoch ? predict(t.testX, t.testTruth.size())
                                                   : std::vector<std::vector<double>>();
    std::vector<char> improved(static_cast<size_t>(m_seeds), 0);
    for (int64_t s = 0; s < m_seeds; ++s) {
        if (!m_running[s])
            continue;
        SeedResult& r = m_results[s];
        if (!SeedResultAssembler::allFinite(validation[s])) {
            markFailed(s, epoch, QStringLiteral("validation predictions are not finite (diverged)"));
            continue;
        }
        const double score = m_context.assembler.validationScore(validation[s]);
        m_context.assembler.recordEpoch(r, epoch, lossSum[s] / trainRows, score, m_control,
                                        test.empty() ? std::numeric_limits<double>::quiet_NaN()
                                                     : m_context.assembler.testScore(test[s]));
        switch (m_stopping[s].observe(epoch, score)) {
        case EarlyStopping::Verdict::Improved:
            r.bestEpoch = epoch;
            improved[s] = 1;
            break;
        case EarlyStopping::Verdict::Stop:
            m_running[s] = 0; // stopped: its best weights are kept, the lane trains on unused
            --m_stillRunning;
            break;
        case EarlyStopping::Verdict::Continue:
            break;
        }
    }
    if (m_best.defined())
        copyLanes(m_best, m_parameters, improved);
    m_times.evaluating += clock.nsecsElapsed() / 1e9;
}

// Predictions of every seed on a split, on the host in double precision.
std::vector<std::vector<double>> BatchedSeedGroup::predict(const torch::Tensor& x, size_t rows) const
{
    const TrainingTensors& t = m_context.tensors;
    // One copy back to the host per evaluation.
    const torch::Tensor logits =
        forward(x.unsqueeze(0).expand({m_seeds, x.size(0), x.size(1)}), nullptr).to(torch::kCPU).contiguous();
    const int64_t paddedOut = logits.size(2);
    const float* data = logits.data_ptr<float>();
    const int columns = t.predictionColumns();
    std::vector<std::vector<double>> out(static_cast<size_t>(m_seeds));
    for (int64_t s = 0; s < m_seeds; ++s) {
        std::vector<double>& p = out[s];
        p.resize(rows * columns);
        for (size_t r = 0; r < rows; ++r) {
            const float* z = data + (s * static_cast<int64_t>(rows) + static_cast<int64_t>(r)) * paddedOut;
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
}

std::vector<SeedResult> BatchedSeedGroup::finish()
{
    const TrainingTensors& t = m_context.tensors;
    const bool earlyStopping = m_stopping.front().enabled();
    if (earlyStopping) {
        std::vector<char> finished(static_cast<size_t>(m_seeds), 0);
        for (int64_t s = 0; s < m_seeds; ++s)
            finished[s] = m_results[s].isFinished();
        copyLanes(m_parameters, m_best, finished);
    }
    auto validation = predict(t.validationX, t.validationTruth.size());
    auto test = predict(t.testX, t.testTruth.size());
    // The group's time, shared out: what a seed cost when trained this way.
    const double perSeedSeconds = seconds() / static_cast<double>(m_seeds);
    for (int64_t s = 0; s < m_seeds; ++s) {
        SeedResult& r = m_results[s];
        if (!r.isFinished())
            continue;
        if (!earlyStopping)
            r.bestEpoch = r.epochsRun;
        m_context.assembler.finish(r, std::move(validation[s]), std::move(test[s]), perSeedSeconds);
    }
    return m_results;
}

std::vector<SeedResult> BatchedSeedGroup::cancelAll(int epochsDone)
{
    for (SeedResult& r : m_results) {
        r.status = SeedStatus::Cancelled;
        r.epochsRun = std::min(r.epochsRun, epochsDone);
    }
    return m_results;
}

void BatchedSeedGroup::markFailed(int64_t s, int epoch, const QString& reason)
{
    SeedResultAssembler::fail(m_results[s], epoch, reason, seconds());
    m_running[s] = 0;
    --m_stillRunning;
    // Zero its lane so that it computes harmless zeros until the group ends.
    zeroLane(m_parameters, s);
    m_optimizer.forEachState([&](torch::Tensor& state) { zeroLane(state, s); });
}

} // namespace seedscape
