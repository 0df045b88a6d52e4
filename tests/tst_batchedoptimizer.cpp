// The batched optimiser's two forms of a step: scalars passed from the host (the CPU engines), or
// read from a tensor on the device (a GPU group, whose steps a CUDA graph may replay). Checked here
// on the CPU: the device form follows the same rules, counts its steps through loadScalars, and
// takes no number from the host at step time.
#include "train/batchedoptimizer.h"
#include "train/checkpointarchive.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>

using namespace seedscape;

namespace {

using ScalarsOn = BatchedOptimizer::ScalarsOn;
constexpr int64_t kSize = 300;
constexpr int kEpochs = 3, kStepsPerEpoch = 7;

TrainingSpec specFromRow()
{
    QFETCH(int, optimizer);
    QFETCH(double, weightDecay);
    QFETCH(double, momentum);
    TrainingSpec spec;
    spec.optimizer = static_cast<OptimizerKind>(optimizer);
    spec.weightDecay = weightDecay;
    spec.momentum = momentum;
    return spec;
}

// Trains a parameter vector from fixed gradients, three epochs with a falling learning rate; with
// ScalarsOn::Device each step's scalars are loaded from its epoch's table, and step() is handed
// lrPassedToStep instead of the true rate.
torch::Tensor trained(const TrainingSpec& spec, ScalarsOn scalars, double lrPassedToStep = -1,
                      int64_t* stepsCounted = nullptr)
{
    at::Generator numbers = at::detail::createCPUGenerator(7);
    torch::Tensor parameters = torch::randn({kSize}, numbers);
    BatchedOptimizer optimizer(spec, kSize, torch::TensorOptions().dtype(torch::kFloat32), scalars);
    for (int epoch = 0; epoch < kEpochs; ++epoch) {
        const double lr = 0.02 / (1 + epoch);
        const torch::Tensor table = optimizer.scalarsFor(kStepsPerEpoch, lr);
        for (int k = 0; k < kStepsPerEpoch; ++k) {
            const torch::Tensor gradients = torch::randn({kSize}, numbers);
            if (scalars == ScalarsOn::Device)
                optimizer.loadScalars(table, k);
            optimizer.step(parameters, gradients, lrPassedToStep >= 0 ? lrPassedToStep : lr);
        }
    }
    if (stepsCounted) {
        CheckpointWriter writer;
        optimizer.save(writer);
        *stepsCounted = CheckpointReader(writer.bytes()).integers("optimizer.steps").at(0);
    }
    return parameters;
}

} // namespace

class TestBatchedOptimizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deviceScalarsFollowTheHostsRules_data() { addRows(); }
    void deviceScalarsFollowTheHostsRules()
    {
        const TrainingSpec spec = specFromRow();
        int64_t hostSteps = 0, deviceSteps = 0;
        const torch::Tensor host = trained(spec, ScalarsOn::Host, -1, &hostSteps);
        const torch::Tensor device = trained(spec, ScalarsOn::Device, -1, &deviceSteps);
        at::Generator numbers = at::detail::createCPUGenerator(7);
        const torch::Tensor initial = torch::randn({kSize}, numbers);
        QVERIFY(!torch::allclose(host, initial)); // they moved
        // Equal up to rounding (a multiply and an add where the host form fuses them), at every one
        // of 21 steps' bias corrections and the three learning rates.
        const double largest = (device - host).abs().max().item<double>();
        QVERIFY2(torch::allclose(device, host, 1e-5, 1e-6), qPrintable(QString::number(largest)));
        QCOMPARE(hostSteps, int64_t(kEpochs * kStepsPerEpoch));
        QCOMPARE(deviceSteps, hostSteps); // a checkpoint resumes the right corrections
    }

    // A replayed step can use nothing the host passes when it runs: the rate handed to step() is
    // ignored, the loaded one is used.
    void aDeviceStepIgnoresTheHostsRate_data() { addRows(); }
    void aDeviceStepIgnoresTheHostsRate()
    {
        const TrainingSpec spec = specFromRow();
        QVERIFY(torch::equal(trained(spec, ScalarsOn::Device, 999.0), trained(spec, ScalarsOn::Device)));
    }

private:
    void addRows()
    {
        QTest::addColumn<int>("optimizer");
        QTest::addColumn<double>("weightDecay");
        QTest::addColumn<double>("momentum");
        QTest::newRow("adam") << int(OptimizerKind::Adam) << 0.0 << 0.0;
        QTest::newRow("adam, weight decay") << int(OptimizerKind::Adam) << 0.01 << 0.0;
        QTest::newRow("adamw") << int(OptimizerKind::AdamW) << 0.05 << 0.0;
        QTest::newRow("sgd") << int(OptimizerKind::SGD) << 0.0 << 0.0;
        QTest::newRow("sgd, momentum, weight decay") << int(OptimizerKind::SGD) << 0.01 << 0.9;
    }
};

QTEST_GUILESS_MAIN(TestBatchedOptimizer)
#include "tst_batchedoptimizer.moc"
