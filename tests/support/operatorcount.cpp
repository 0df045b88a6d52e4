#include "operatorcount.h"

#include "data/preparedata.h"
#include "train/batchedseedtrainer.h"

#include <ATen/record_function.h>

#include <QtTest>

#include <atomic>
#include <mutex>
#include <numeric>

namespace seedscape::testsupport {

namespace {

std::atomic<bool> g_counting{false};
std::mutex g_mutex;
std::map<std::string, int> g_counts;
thread_local int t_depth = 0; // operators running on this thread, outermost first

std::unique_ptr<at::ObserverContext> onStart(const at::RecordFunction& fn)
{
    if (++t_depth == 1 && g_counting.load()) {
        const std::lock_guard lock(g_mutex);
        ++g_counts[fn.name()];
    }
    return nullptr;
}

void onEnd(const at::RecordFunction&, at::ObserverContext*)
{
    --t_depth;
}

// The operators of the epoch after the first, from the first seed's first evaluation to its second.
std::map<std::string, int> epochOperators(const BatchedSeedTrainer& trainer, int seeds)
{
    OperatorCount count;
    TrainingControl control;
    control.onEpoch = [&](const EpochProgress& p) {
        if (p.epoch == 1 || p.epoch == 2)
            count.setCounting(p.epoch == 1);
    };
    std::vector<quint64> group(static_cast<size_t>(seeds));
    std::iota(group.begin(), group.end(), quint64(100));
    for (const SeedResult& r : trainer.train(group, control))
        if (!r.isFinished())
            qWarning("seed %llu: %s", r.seed, qPrintable(r.failureReason));
    return count.counts();
}

} // namespace

OperatorCount::OperatorCount()
{
    const std::lock_guard lock(g_mutex);
    g_counts.clear();
    m_handle = at::addThreadLocalCallback(at::RecordFunctionCallback(onStart, onEnd).needsInputs(false));
}

OperatorCount::~OperatorCount()
{
    g_counting = false;
    at::removeCallback(m_handle);
}

void OperatorCount::setCounting(bool on)
{
    g_counting = on;
}

std::map<std::string, int> OperatorCount::counts() const
{
    const std::lock_guard lock(g_mutex);
    return g_counts;
}

void verifyEpochOperatorsDoNotGrowWithTheGroup(Experiment experiment)
{
    experiment.training.epochs = 3;
    experiment.training.earlyStoppingPatience = 0;
    const auto data = std::make_shared<const PreparedData>(
        PreparedData::prepare(experiment.dataset.path, experiment.dataset));
    const BatchedSeedTrainer trainer(experiment, data);
    constexpr int kSmall = 2, kLarge = 12;
    const std::map<std::string, int> small = epochOperators(trainer, kSmall);
    const std::map<std::string, int> large = epochOperators(trainer, kLarge);
    QVERIFY2(small.count("aten::addmm") + small.count("aten::baddbmm") > 0, "no operator was counted");

    const int dropoutLayers =
        experiment.model.dropout > 0 ? static_cast<int>(experiment.model.hidden.size()) : 0;
    const std::map<std::string, int> perSeed{
        {"aten::randperm", 1}, {"aten::empty", dropoutLayers}, {"aten::bernoulli_", dropoutLayers}};
    std::map<std::string, int> names = small;
    names.insert(large.begin(), large.end());
    int total = 0;
    for (const auto& [name, unused] : names) {
        const int inSmall = small.count(name) ? small.at(name) : 0;
        const int inLarge = large.count(name) ? large.at(name) : 0;
        const int expected = perSeed.count(name) ? perSeed.at(name) * (kLarge - kSmall) : 0;
        QVERIFY2(
            inLarge - inSmall == expected,
            qPrintable(QStringLiteral("%1: %2 calls an epoch with %3 seeds, %4 with %5 (expected %6 more)")
                           .arg(QString::fromStdString(name))
                           .arg(inSmall)
                           .arg(kSmall)
                           .arg(inLarge)
                           .arg(kLarge)
                           .arg(expected)));
        total += inSmall;
    }
    for (const char* read : {"aten::item", "aten::_local_scalar_dense"})
        QVERIFY2(!names.count(read), read);
    qInfo("%d operators in an epoch of %d seeds", total, kSmall);
}

} // namespace seedscape::testsupport
