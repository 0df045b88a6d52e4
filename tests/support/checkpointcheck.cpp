#include "checkpointcheck.h"

#include "sampledata.h"

#include <QtTest>

#include <algorithm>

namespace seedscape::testsupport {

void addCheckpointRows()
{
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<int>("patience");
    QTest::addRow("adam, dropout, early stopping") << int(OptimizerKind::Adam) << 0.2 << 3;
    QTest::addRow("sgd with momentum") << int(OptimizerKind::SGD) << 0.0 << 0;
    QTest::addRow("adamw, dropout") << int(OptimizerKind::AdamW) << 0.3 << 0;
}

Experiment checkpointExperiment()
{
    QFETCH(int, optimizer);
    QFETCH(double, dropout);
    QFETCH(int, patience);
    Experiment e;
    e.name = QStringLiteral("t");
    e.dataset.path = sampleDatasetPath(QStringLiteral("diabetes.csv"));
    e.dataset.target = QStringLiteral("progression");
    e.model.hidden = {24};
    e.model.dropout = dropout;
    e.training.epochs = 8;
    e.training.optimizer = OptimizerKind(optimizer);
    e.training.momentum = 0.9;
    e.training.lr = optimizer == int(OptimizerKind::SGD) ? 0.01 : 0.003;
    e.training.schedule = Schedule::Cosine;
    e.training.earlyStoppingPatience = patience;
    return e;
}

namespace {

void compareResults(const std::vector<SeedResult>& actual, const std::vector<SeedResult>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(actual[i].status, expected[i].status);
        QCOMPARE(actual[i].validationScore, expected[i].validationScore);
        QCOMPARE(actual[i].testScore, expected[i].testScore);
        QCOMPARE(actual[i].validationPredictions, expected[i].validationPredictions);
        QCOMPARE(actual[i].testPredictions, expected[i].testPredictions);
        QCOMPARE(actual[i].trainLoss, expected[i].trainLoss);
        QCOMPARE(actual[i].validationCurve, expected[i].validationCurve);
        QCOMPARE(actual[i].bestEpoch, expected[i].bestEpoch);
        QCOMPARE(actual[i].epochsRun, expected[i].epochsRun);
    }
}

} // namespace

void verifyResumeIsExact(const SeedEngine& engine, const std::vector<quint64>& seeds)
{
    const std::vector<SeedResult> straight = engine.train(seeds, {});

    // The same run, checkpointed after every epoch; the state after epoch 3 is kept.
    QByteArray afterEpoch3;
    int checkpoints = 0;
    TrainingControl recording;
    recording.checkpointDue = [] {
        return true;
    };
    recording.checkpoint = [&](const QByteArray& state, int epoch) {
        ++checkpoints;
        if (epoch == 3)
            afterEpoch3 = state;
    };
    const std::vector<SeedResult> checkpointed = engine.train(seeds, recording);
    QVERIFY(checkpoints >= 3);
    QVERIFY(!afterEpoch3.isEmpty());
    compareResults(checkpointed, straight);
    if (QTest::currentTestFailed())
        return;

    TrainingControl resuming;
    resuming.resumeFrom = afterEpoch3;
    std::vector<int> epochsSeen;
    resuming.onEpoch = [&](const EpochProgress& p) {
        epochsSeen.push_back(p.epoch);
    };
    const std::vector<SeedResult> resumed = engine.train(seeds, resuming);
    QVERIFY(!epochsSeen.empty());
    QCOMPARE(*std::min_element(epochsSeen.begin(), epochsSeen.end()), 4); // epochs 1-3 are not trained again
    compareResults(resumed, straight);
    if (QTest::currentTestFailed())
        return;

    // As in a sweep, where checkpoints are due by the clock: epochs without one (the batched engine
    // draws the next epoch ahead in them), then one, then more without. The one state resumes exactly.
    QByteArray sparseState;
    int asked = 0;
    TrainingControl sparse;
    sparse.checkpointDue = [&] {
        return ++asked == 3;
    };
    sparse.checkpoint = [&](const QByteArray& state, int) {
        QVERIFY(sparseState.isEmpty());
        sparseState = state;
    };
    compareResults(engine.train(seeds, sparse), straight);
    QVERIFY(!sparseState.isEmpty());
    TrainingControl resumingSparse;
    resumingSparse.resumeFrom = sparseState;
    compareResults(engine.train(seeds, resumingSparse), straight);
    if (QTest::currentTestFailed())
        return;

    // A checkpoint of other seeds is refused rather than trained from.
    std::vector<quint64> others = seeds;
    others.front() += 1000;
    QVERIFY_THROWS_EXCEPTION(std::exception, engine.train(others, resuming));
}

} // namespace seedscape::testsupport
