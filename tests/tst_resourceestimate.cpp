#include "common/inputerror.h"
#include "experiment/resourceestimate.h"
#include "train/batchedseedtrainer.h"

#include <QtTest>

using namespace seedscape;

class TestResourceEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsParameters();
    void valuesPerParameterFollowTheOptimizer_data();
    void valuesPerParameterFollowTheOptimizer();
    void seedsTogetherFollowTheBatchedEngine();
    void refusesAModelAboveTheInjectedLimit();
    void refusesAHugeModelWithTheEstimate();
    void warnsAboutAnAbsurdRunLength();
    void readsAvailableMemory();
    void formatsSizesAndDurations();
};

namespace {

const ResourceEstimate::DataShape kShape{10, 1, 100, 60}; // 10 features, one output, 60 train rows

Experiment experiment(std::vector<int> hidden)
{
    Experiment e;
    e.model.hidden = std::move(hidden);
    return e;
}

} // namespace

void TestResourceEstimate::countsParameters()
{
    // 10→64→64→1 with biases.
    QCOMPARE(ResourceEstimate(experiment({64, 64}), kShape, 1, 1).parameters(), 704.0 + 4160.0 + 65.0);
    Experiment norm = experiment({64, 64});
    norm.model.layerNorm = true; // a gain and a shift per unit
    QCOMPARE(ResourceEstimate(norm, kShape, 1, 1).parameters(), 704.0 + 4160.0 + 65.0 + 256.0);
    QCOMPARE(ResourceEstimate(experiment({}), {10, 3, 100, 60}, 1, 1).parameters(),
             33.0); // linear, 3 classes
}

void TestResourceEstimate::valuesPerParameterFollowTheOptimizer_data()
{
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<double>("momentum");
    QTest::addColumn<int>("values");
    QTest::addRow("adam") << int(OptimizerKind::Adam) << 0.9 << 4;
    QTest::addRow("adamw") << int(OptimizerKind::AdamW) << 0.9 << 4;
    QTest::addRow("sgd with momentum") << int(OptimizerKind::SGD) << 0.9 << 3;
    QTest::addRow("plain sgd") << int(OptimizerKind::SGD) << 0.0 << 2;
}

void TestResourceEstimate::valuesPerParameterFollowTheOptimizer()
{
    QFETCH(int, optimizer);
    QFETCH(double, momentum);
    QFETCH(int, values);
    Experiment e = experiment({8});
    e.training.optimizer = OptimizerKind(optimizer);
    e.training.momentum = momentum;
    const ResourceEstimate estimate(e, kShape, 1, 1);
    QCOMPARE(estimate.valuesPerParameter(), values);
    QCOMPARE(estimate.parameterBytes(), estimate.parameters() * values * 4);
}

void TestResourceEstimate::seedsTogetherFollowTheBatchedEngine()
{
    QCOMPARE(ResourceEstimate::kSeedsPerGroup, BatchedSeedTrainer::kMaxGroupSize);
    QCOMPARE(ResourceEstimate(experiment({8}), kShape, 16, 2).seedsTogether(), 16);
    QCOMPARE(ResourceEstimate(experiment({8}), kShape, 1000, 2).seedsTogether(), 128);
    const ResourceEstimate many(experiment({8}), kShape, 1000, 1);
    QCOMPARE(many.seedsTogether(), 64);
    QCOMPARE(many.parameterBytes(), many.parameters() * 4 * 4 * 64);
}

void TestResourceEstimate::refusesAModelAboveTheInjectedLimit()
{
    const ResourceEstimate estimate(experiment({256, 256}), kShape, 16, 2);
    const double needed = estimate.memoryBytes();
    QVERIFY(needed > estimate.parameterBytes());
    estimate.requireFits(needed, QStringLiteral("e.json")); // exactly enough
    estimate.requireFits(0, QStringLiteral("e.json"));      // unknown: nothing is checked
    try {
        estimate.requireFits(needed - 1, QStringLiteral("e.json"));
        QFAIL("a model above the limit was accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.where().file, QStringLiteral("e.json"));
        QCOMPARE(e.where().field, QStringLiteral("model.hidden"));
        QVERIFY2(e.problem().startsWith(QStringLiteral("the model cannot fit in memory")),
                 qPrintable(e.message()));
    }
}

void TestResourceEstimate::refusesAHugeModelWithTheEstimate()
{
    const ResourceEstimate estimate(experiment({65536, 65536}), kShape, 16, 2);
    QCOMPARE(estimate.parameters(), 10.0 * 65536 + 65536 + 65536.0 * 65536 + 65536 + 65536 + 1);
    try {
        estimate.requireFits(64.0 * (1 << 30), QStringLiteral("e.json"));
        QFAIL("a 4-billion-parameter model was accepted on 64 GiB");
    } catch (const InputError& e) {
        QVERIFY2(e.problem().contains(QStringLiteral("4,295,819,265 parameters × 4 values")),
                 qPrintable(e.message()));
        QVERIFY2(e.problem().contains(QStringLiteral("× 16 seeds trained together")),
                 qPrintable(e.message()));
        QVERIFY2(e.problem().contains(QStringLiteral("but 64.0 GiB is available")), qPrintable(e.message()));
    }
}

void TestResourceEstimate::warnsAboutAnAbsurdRunLength()
{
    QVERIFY(!ResourceEstimate(experiment({64, 64}), kShape, 16, 2).durationWarning(QStringLiteral("e.json")));
    Experiment e = experiment({64, 64});
    e.training.epochs = 1000000000;
    const ResourceEstimate estimate(e, kShape, 16, 2);
    QVERIFY(estimate.sweepSeconds() > ResourceEstimate::kWarnAfterSeconds);
    const auto warning = estimate.durationWarning(QStringLiteral("e.json"));
    QVERIFY(warning);
    QVERIFY2(
        warning->startsWith(QStringLiteral("e.json: field 'training.epochs': 1,000,000,000 epochs of 60 "
                                           "training rows with 4,929 parameters, 16 seeds on 2 threads")),
        qPrintable(*warning));
    QVERIFY2(warning->contains(QStringLiteral("days of training")), qPrintable(*warning));
}

void TestResourceEstimate::readsAvailableMemory()
{
    QVERIFY(ResourceEstimate::availableMemoryBytes() > 1 << 20);
}

void TestResourceEstimate::formatsSizesAndDurations()
{
    QCOMPARE(ResourceEstimate::formatBytes(512), QStringLiteral("512 bytes"));
    QCOMPARE(ResourceEstimate::formatBytes(1.5 * (1 << 30)), QStringLiteral("1.5 GiB"));
    QCOMPARE(ResourceEstimate::formatDuration(30), QStringLiteral("30 seconds"));
    QCOMPARE(ResourceEstimate::formatDuration(3 * 86400), QStringLiteral("3.0 days"));
}

QTEST_GUILESS_MAIN(TestResourceEstimate)
#include "tst_resourceestimate.moc"
