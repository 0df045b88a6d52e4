// Mlp: layer shapes, PyTorch's default initialisation from a generator passed in, dropout in
// training mode only, and each hidden activation.
#include "train/mlp.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>

#include <cmath>

using namespace seedscape;

namespace {

ModelSpec model(std::vector<int> hidden, double dropout = 0.0, bool layerNorm = false)
{
    ModelSpec spec;
    spec.hidden = std::move(hidden);
    spec.dropout = dropout;
    spec.layerNorm = layerNorm;
    return spec;
}

Mlp initialised(int inputs, const ModelSpec& spec, int outputs, quint64 seed)
{
    Mlp mlp(inputs, spec, outputs);
    at::Generator generator = at::detail::createCPUGenerator(seed);
    mlp->initialize(generator);
    return mlp;
}

torch::Tensor input(int rows, int columns)
{
    return torch::linspace(-2.0, 2.0, rows * columns, torch::kFloat32).reshape({rows, columns});
}

} // namespace

class TestMlp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layerShapes_data();
    void layerShapes();
    void initialisationStaysWithinFanInBound();
    void sameGeneratorSeedGivesSameWeights();
    void differentGeneratorSeedGivesDifferentWeights();
    void initialisationLeavesTheGlobalGeneratorAlone();
    void dropoutOnlyInTrainingMode();
    void dropoutMasksAreUniformDrawsFromTheGeneratorPassedIn();
    void activations_data();
    void activations();
    void linearModelIsAnAffineMap();
};

void TestMlp::layerShapes_data()
{
    QTest::addColumn<QList<int>>("hidden");
    QTest::addColumn<bool>("layerNorm");
    QTest::addColumn<int>("parameters");
    QTest::addRow("two hidden layers") << QList<int>{8, 4} << false << 6;
    QTest::addRow("with layer norm") << QList<int>{8, 4} << true << 10;
    QTest::addRow("linear") << QList<int>{} << true << 2; // no hidden layer to normalise
}

void TestMlp::layerShapes()
{
    QFETCH(QList<int>, hidden);
    QFETCH(bool, layerNorm);
    QFETCH(int, parameters);
    const std::vector<int> widths(hidden.begin(), hidden.end());
    Mlp mlp = initialised(5, model(widths, 0.0, layerNorm), 3, 1);
    QCOMPARE(static_cast<int>(mlp->parameters().size()), parameters);
    const auto named = mlp->named_parameters();
    int fanIn = 5;
    std::vector<int> outs = widths;
    outs.push_back(3);
    for (size_t layer = 0; layer < outs.size(); ++layer) {
        const std::string suffix = std::to_string(layer);
        QCOMPARE(named["weight" + suffix].sizes().vec(), (std::vector<int64_t>{outs[layer], fanIn}));
        QCOMPARE(named["bias" + suffix].sizes().vec(), (std::vector<int64_t>{outs[layer]}));
        fanIn = outs[layer];
    }
    const torch::Tensor out = mlp->forward(input(10, 5), nullptr);
    QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{10, 3}));
}

void TestMlp::initialisationStaysWithinFanInBound()
{
    // U(−1/√fan_in, 1/√fan_in) for weights and biases, as torch.nn.Linear does.
    Mlp mlp = initialised(100, model({64}), 1, 11);
    const auto named = mlp->named_parameters();
    for (const auto& [name, fanIn] :
         {std::pair{"weight0", 100}, {"bias0", 100}, {"weight1", 64}, {"bias1", 64}}) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
        const torch::Tensor p = named[name];
        const double largest = p.abs().max().item<double>();
        QVERIFY2(largest <= bound, name);
        if (p.numel() >= 64) // enough draws to come near the bound and to centre on 0
            QVERIFY2(largest > 0.8 * bound, name);
    }
    // Uniform, not normal: about a quarter of 6,400 weights lie in each quarter of the range.
    const torch::Tensor w = named["weight0"];
    const double inOuterHalf = (w.abs() > 0.05).to(torch::kDouble).mean().item<double>();
    QVERIFY2(std::abs(inOuterHalf - 0.5) < 0.05, qPrintable(QString::number(inOuterHalf)));
}

void TestMlp::sameGeneratorSeedGivesSameWeights()
{
    Mlp a = initialised(7, model({16, 8}, 0.0, true), 2, 42);
    Mlp b = initialised(7, model({16, 8}, 0.0, true), 2, 42);
    const auto pa = a->parameters(), pb = b->parameters();
    QCOMPARE(pa.size(), pb.size());
    for (size_t i = 0; i < pa.size(); ++i)
        QVERIFY(torch::equal(pa[i], pb[i]));
    QVERIFY(torch::equal(a->forward(input(4, 7), nullptr), b->forward(input(4, 7), nullptr)));
}

void TestMlp::differentGeneratorSeedGivesDifferentWeights()
{
    Mlp a = initialised(7, model({16, 8}), 2, 42);
    Mlp b = initialised(7, model({16, 8}), 2, 43);
    const auto pa = a->parameters(), pb = b->parameters();
    for (size_t i = 0; i < pa.size(); ++i)
        QVERIFY(!torch::equal(pa[i], pb[i]));
}

void TestMlp::initialisationLeavesTheGlobalGeneratorAlone()
{
    torch::manual_seed(5);
    const torch::Tensor expected = torch::rand({4});
    torch::manual_seed(5);
    initialised(7, model({16, 8}), 2, 42);
    QVERIFY(torch::equal(torch::rand({4}), expected)); // nothing drew from the process-wide stream
}

void TestMlp::dropoutOnlyInTrainingMode()
{
    Mlp mlp = initialised(6, model({256}, 0.5), 1, 3);
    const torch::Tensor x = input(8, 6);
    mlp->eval();
    at::Generator dropout = at::detail::createCPUGenerator(9);
    const torch::Tensor evaluated = mlp->forward(x, &dropout);
    QVERIFY(torch::equal(mlp->forward(x, &dropout), evaluated)); // no masks: the same every time
    QVERIFY(torch::equal(mlp->forward(x, nullptr), evaluated));

    mlp->train();
    at::Generator first = at::detail::createCPUGenerator(9);
    at::Generator again = at::detail::createCPUGenerator(9);
    const torch::Tensor trained = mlp->forward(x, &first);
    QVERIFY(!torch::allclose(trained, evaluated));              // masks applied
    QVERIFY(torch::equal(mlp->forward(x, &again), trained));    // from the generator passed in
    QVERIFY(!torch::equal(mlp->forward(x, &first), trained));   // which moves on: a new mask
    QVERIFY(torch::equal(mlp->forward(x, nullptr), evaluated)); // no generator, no dropout
}

// The masks are uniform(0, 1) < keep drawn from the generator passed in, on every LibTorch build:
// PyTorch's own (with MKL) would otherwise draw bernoulli_(double) from an MKL stream.
void TestMlp::dropoutMasksAreUniformDrawsFromTheGeneratorPassedIn()
{
    const double keep = 0.6;
    at::Generator drawn = at::detail::createCPUGenerator(9);
    at::Generator reference = at::detail::createCPUGenerator(9);
    torch::manual_seed(1);
    const torch::Tensor mask = torch::empty({50, 40}).bernoulli_(dropoutKeepProbability(keep), drawn);
    torch::manual_seed(2); // the process-wide generator plays no part
    const torch::Tensor uniform = torch::empty({50, 40}, torch::kFloat64).uniform_(0, 1, reference);
    QVERIFY(torch::equal(mask, uniform.lt(keep).to(torch::kFloat32)));
    const double kept = mask.mean().item<double>();
    QVERIFY2(kept > 0.5 && kept < 0.7, qPrintable(QString::number(kept)));
    QVERIFY(torch::equal(drawn.get_state(), reference.get_state())); // both moved on alike
}

void TestMlp::activations_data()
{
    QTest::addColumn<int>("activation");
    QTest::addRow("relu") << static_cast<int>(Activation::ReLU);
    QTest::addRow("gelu") << static_cast<int>(Activation::GELU);
    QTest::addRow("tanh") << static_cast<int>(Activation::Tanh);
}

void TestMlp::activations()
{
    QFETCH(int, activation);
    const auto act = static_cast<Activation>(activation);
    const std::vector<double> xs = {-3.0, -1.0, -0.25, 0.0, 0.5, 2.0};
    const auto expected = [act](double x) {
        switch (act) {
        case Activation::ReLU:
            return std::max(0.0, x);
        case Activation::GELU: // the exact form, x·Φ(x)
            return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
        case Activation::Tanh:
            return std::tanh(x);
        }
        return x;
    };
    const torch::Tensor y = applyActivation(torch::tensor(xs, torch::kDouble), act);
    for (size_t i = 0; i < xs.size(); ++i)
        QVERIFY2(std::abs(y[static_cast<int64_t>(i)].item<double>() - expected(xs[i])) < 1e-12,
                 qPrintable(QString::number(xs[i])));

    // The network applies it between layers: a one-unit hidden layer with weight 1 and bias 0
    // passes the activated input to an output layer that copies it.
    ModelSpec spec = model({1});
    spec.activation = act;
    Mlp mlp(1, spec, 1);
    {
        torch::NoGradGuard noGrad;
        for (auto& p : mlp->named_parameters())
            p.value().fill_(p.key().rfind("weight", 0) == 0 ? 1.0 : 0.0);
    }
    const torch::Tensor out = mlp->forward(torch::tensor(xs, torch::kFloat32).reshape({-1, 1}), nullptr);
    for (size_t i = 0; i < xs.size(); ++i)
        QVERIFY2(std::abs(out[static_cast<int64_t>(i)][0].item<double>() - expected(xs[i])) < 1e-6,
                 qPrintable(QString::number(xs[i])));
}

void TestMlp::linearModelIsAnAffineMap()
{
    Mlp mlp = initialised(3, model({}), 2, 8);
    const auto named = mlp->named_parameters();
    const torch::Tensor x = input(5, 3);
    QVERIFY(torch::allclose(mlp->forward(x, nullptr), torch::addmm(named["bias0"], x, named["weight0"].t())));
}

QTEST_GUILESS_MAIN(TestMlp)
#include "tst_mlp.moc"
