// The batched engine: a seed's numbers do not depend on its group, and it learns like the
// per-seed engine does.
#include "data/preparedata.h"
#include "support/bestepochcheck.h"
#include "support/cancelcheck.h"
#include "support/checkpointcheck.h"
#include "support/epochtestscorecheck.h"
#include "support/grouptimeslog.h"
#include "support/operatorcount.h"
#include "train/batchedseedtrainer.h"
#include "train/computedevice.h"
#include "train/cudastepgraphs.h"
#include "train/seedtrainer.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

using namespace seedscape;

namespace {

Experiment sample(const char* file, const char* target, int epochs)
{
    Experiment e;
    e.name = QStringLiteral("t");
    e.dataset.path = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/") + QString::fromLatin1(file);
    e.dataset.target = QString::fromLatin1(target);
    e.model.hidden = {64, 64};
    e.training.epochs = epochs;
    return e;
}

std::shared_ptr<const PreparedData> prepare(const Experiment& e)
{
    return std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset));
}

std::vector<quint64> seedsFrom(quint64 first, int count)
{
    std::vector<quint64> seeds(count);
    std::iota(seeds.begin(), seeds.end(), first);
    return seeds;
}

double mean(const std::vector<double>& v)
{
    return std::accumulate(v.begin(), v.end(), 0.0) / v.size();
}

} // namespace

class TestBatchedSeedTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedInGroupOf16EqualsSeedAlone_data();
    void seedInGroupOf16EqualsSeedAlone();
    void initialisesLikeThePerSeedEngine();
    void learnsLikeThePerSeedEngine();
    void divergingSeedIsMaskedOutWithoutTouchingOthers();
    void earlyStoppingPerSeed();
    void patienceLongerThanTheRunStillRestoresTheBestEpoch();
    void cancelTakesEffectWithinOneStep();
    void reportsEachEpochsTestScoreWhenAsked();
    void saysWhereAGroupsTimeWentWhenAsked();
    void theGpuStepFormLearnsAsTheCpuForm_data();
    void theGpuStepFormLearnsAsTheCpuForm();
    void cudaGraphsAreUsedUnlessTurnedOff();
    void resumedInTheGpuStepFormEqualsUninterrupted_data();
    void resumedInTheGpuStepFormEqualsUninterrupted();
    void resumedFromACheckpointEqualsUninterrupted_data();
    void resumedFromACheckpointEqualsUninterrupted();
    void anEpochsOperatorsDoNotGrowWithTheGroup_data();
    void anEpochsOperatorsDoNotGrowWithTheGroup();
};

void TestBatchedSeedTrainer::seedInGroupOf16EqualsSeedAlone_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("hidden");
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<bool>("layerNorm");
    QTest::addColumn<int>("schedule");
    QTest::addRow("W1 regression relu adam") << "diabetes.csv"
                                             << "progression"
                                             << "64,64" << int(Activation::ReLU) << int(OptimizerKind::Adam)
                                             << 0.0 << false << int(Schedule::None);
    QTest::addRow("regression odd widths tanh sgd dropout")
        << "diabetes.csv"
        << "progression"
        << "17,5" << int(Activation::Tanh) << int(OptimizerKind::SGD) << 0.3 << false << int(Schedule::Step);
    QTest::addRow("binary gelu adamw layer norm")
        << "breast_cancer.csv"
        << "benign"
        << "30" << int(Activation::GELU) << int(OptimizerKind::AdamW) << 0.1 << true << int(Schedule::Cosine);
    QTest::addRow("multiclass relu adam dropout")
        << "wine.csv"
        << "cultivar"
        << "24,12" << int(Activation::ReLU) << int(OptimizerKind::Adam) << 0.2 << true << int(Schedule::None);
    QTest::addRow("linear model") << "wine.csv"
                                  << "cultivar"
                                  << "" << int(Activation::ReLU) << int(OptimizerKind::SGD) << 0.0 << false
                                  << int(Schedule::None);
}

void TestBatchedSeedTrainer::seedInGroupOf16EqualsSeedAlone()
{
    QFETCH(QString, file);
    QFETCH(QString, target);
    QFETCH(QString, hidden);
    QFETCH(int, activation);
    QFETCH(int, optimizer);
    QFETCH(double, dropout);
    QFETCH(bool, layerNorm);
    QFETCH(int, schedule);
    Experiment e = sample(qPrintable(file), qPrintable(target), 6);
    e.model.hidden.clear();
    for (const QString& w : hidden.split(QLatin1Char(','), Qt::SkipEmptyParts))
        e.model.hidden.push_back(w.toInt());
    e.model.activation = Activation(activation);
    e.model.dropout = dropout;
    e.model.layerNorm = layerNorm;
    e.training.optimizer = OptimizerKind(optimizer);
    e.training.lr = optimizer == int(OptimizerKind::SGD) ? 0.05 : 0.003;
    e.training.weightDecay = 1e-3;
    e.training.schedule = Schedule(schedule);
    const BatchedSeedTrainer trainer(e, prepare(e));
    const std::vector<quint64> seeds = seedsFrom(1000, 16);
    const std::vector<SeedResult> group = trainer.train(seeds);
    QCOMPARE(group.size(), size_t(16));
    for (int i : {0, 7, 15}) {
        const SeedResult alone = trainer.train({seeds[i]}).front();
        QVERIFY(alone.isFinished());
        QCOMPARE(group[i].seed, seeds[i]);
        QCOMPARE(group[i].validationScore, alone.validationScore);
        QCOMPARE(group[i].testScore, alone.testScore);
        QCOMPARE(group[i].validationPredictions, alone.validationPredictions);
        QCOMPARE(group[i].testPredictions, alone.testPredictions);
        QCOMPARE(group[i].trainLoss, alone.trainLoss);
        QCOMPARE(group[i].engine, QStringLiteral("batched"));
    }
    // In a group of 3, at another position, too.
    const std::vector<SeedResult> small = trainer.train({seeds[15], 5, seeds[7]});
    QCOMPARE(small[0].validationPredictions, group[15].validationPredictions);
    QCOMPARE(small[2].validationPredictions, group[7].validationPredictions);
    QVERIFY(group[0].validationPredictions != group[1].validationPredictions);
}

void TestBatchedSeedTrainer::initialisesLikeThePerSeedEngine()
{
    Experiment e = sample("wine.csv", "cultivar", 1);
    e.model.hidden = {20, 7};
    e.model.layerNorm = true;
    const auto data = prepare(e);
    const BatchedSeedTrainer batched(e, data);
    const SeedTrainer perSeed(e, data);
    QCOMPARE(batched.initialParameters(42), perSeed.initialParameters(42));
    QVERIFY(batched.initialParameters(42) != batched.initialParameters(43));
}

void TestBatchedSeedTrainer::learnsLikeThePerSeedEngine()
{
    // Same model, same data: the two engines' seed distributions must agree.
    const Experiment e = sample("diabetes.csv", "progression", 40);
    const auto data = prepare(e);
    const std::vector<quint64> seeds = seedsFrom(1, 8);
    std::vector<double> batchedScores, perSeedScores;
    for (const SeedResult& r : BatchedSeedTrainer(e, data).train(seeds))
        batchedScores.push_back(r.validationScore);
    const SeedTrainer perSeed(e, data);
    for (quint64 seed : seeds)
        perSeedScores.push_back(perSeed.train(seed).validationScore);
    const double a = mean(batchedScores), b = mean(perSeedScores);
    QVERIFY2(std::abs(a - b) < 0.05 * b, qPrintable(QStringLiteral("batched %1, per-seed %2").arg(a).arg(b)));
}

void TestBatchedSeedTrainer::divergingSeedIsMaskedOutWithoutTouchingOthers()
{
    Experiment e = sample("diabetes.csv", "progression", 20);
    e.training.optimizer = OptimizerKind::SGD;
    e.training.lr = 0.9; // diverges for some seeds of this model, not for all
    e.model.hidden = {64, 64};
    const BatchedSeedTrainer trainer(e, prepare(e));
    const std::vector<SeedResult> group = trainer.train(seedsFrom(1, 16));
    int failed = 0;
    for (size_t i = 0; i < group.size(); ++i) {
        const SeedResult alone = trainer.train({group[i].seed}).front();
        QCOMPARE(alone.status, group[i].status);
        if (group[i].isFinished()) {
            QCOMPARE(alone.validationPredictions, group[i].validationPredictions);
        } else {
            ++failed;
            QCOMPARE(alone.failureEpoch, group[i].failureEpoch);
            QVERIFY(group[i].failureReason.contains(QStringLiteral("diverged")));
        }
    }
    QVERIFY2(failed > 0 && failed < 16, qPrintable(QString::number(failed)));
}

void TestBatchedSeedTrainer::earlyStoppingPerSeed()
{
    Experiment e = sample("diabetes.csv", "progression", 300);
    e.training.lr = 0.01;
    e.training.earlyStoppingPatience = 5;
    const BatchedSeedTrainer trainer(e, prepare(e));
    const std::vector<SeedResult> group = trainer.train(seedsFrom(50, 4));
    std::set<int> stops;
    for (const SeedResult& r : group) {
        QVERIFY(r.isFinished());
        QCOMPARE(r.epochsRun, r.bestEpoch + 5);
        QCOMPARE(static_cast<int>(r.validationCurve.size()), r.epochsRun);
        const double best = *std::min_element(r.validationCurve.begin(), r.validationCurve.end());
        QCOMPARE(r.validationCurve[r.bestEpoch - 1], best);
        QVERIFY(std::abs(r.validationScore - best) < 1e-4 * best);
        stops.insert(r.epochsRun);
        const SeedResult alone = trainer.train({r.seed}).front();
        QCOMPARE(alone.validationPredictions, r.validationPredictions);
    }
    QVERIFY(stops.size() > 1); // each seed stopped on its own epoch
}

// A new experiment's patience is at least 10, so a short run never stops early: every seed must
// still be scored with its best validation epoch, not its last.
void TestBatchedSeedTrainer::patienceLongerThanTheRunStillRestoresTheBestEpoch()
{
    Experiment e = sample("diabetes.csv", "progression", 40);
    e.training.lr = 0.01; // overfits within the 40 epochs
    e.training.earlyStoppingPatience = 100;
    const std::vector<SeedResult> group = BatchedSeedTrainer(e, prepare(e)).train(seedsFrom(50, 4));
    for (const SeedResult& r : group) {
        const QString problem = testsupport::bestEpochProblem(r, 40);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestBatchedSeedTrainer::reportsEachEpochsTestScoreWhenAsked()
{
    Experiment e = sample("diabetes.csv", "progression", 40);
    e.training.lr = 0.01; // overfits: the scored epoch is not the last
    e.training.earlyStoppingPatience = 100;
    testsupport::verifyEpochTestScores(BatchedSeedTrainer(e, prepare(e)), seedsFrom(50, 4));
}

// What bounds a sweep on a GPU (issue #15) is read from this line: off by default, each part
// measured, the parts no more than the whole.
void TestBatchedSeedTrainer::saysWhereAGroupsTimeWentWhenAsked()
{
    Experiment e = sample("wine.csv", "cultivar", 4);
    e.model.dropout = 0.2; // masks to draw too
    const BatchedSeedTrainer trainer(e, prepare(e));
    const auto train = [&] {
        trainer.train(seedsFrom(1, 3));
    };
    QVERIFY(testsupport::groupTimesLoggedBy(train).isEmpty());

    QLoggingCategory::setFilterRules(QStringLiteral("seedscape.group.times.debug=true"));
    const QStringList lines = testsupport::groupTimesLoggedBy(train);
    QLoggingCategory::setFilterRules(QString());
    QCOMPARE(lines.size(), 1);
    const QRegularExpression pattern(QStringLiteral(
        "^group of 3 seeds on cpu, 4 epochs in ([0-9.]+) s: steps issued ([0-9.]+) s, orders and masks "
        "drawn ([0-9.]+) s, waiting for the device ([0-9.]+) s, evaluating ([0-9.]+) s, the rest "
        "(-?[0-9.]+) s$"));
    const QRegularExpressionMatch m = pattern.match(lines.front());
    QVERIFY2(m.hasMatch(), qPrintable(lines.front()));
    const double whole = m.captured(1).toDouble();
    double parts = 0;
    for (int i = 2; i <= 5; ++i)
        parts += m.captured(i).toDouble();
    // Printed to the millisecond: each of five roundings may add half of one.
    QVERIFY2(m.captured(2).toDouble() > 0 && parts <= whole + 0.003, qPrintable(lines.front()));
}

void TestBatchedSeedTrainer::theGpuStepFormLearnsAsTheCpuForm_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("target");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<int>("optimizer");
    QTest::newRow("regression, adam") << "diabetes.csv"
                                      << "progression" << 0.0 << int(OptimizerKind::Adam);
    QTest::newRow("multiclass, dropout, sgd") << "wine.csv"
                                              << "cultivar" << 0.2 << int(OptimizerKind::SGD);
    QTest::newRow("binary, adamw") << "breast_cancer.csv"
                                   << "benign" << 0.0 << int(OptimizerKind::AdamW);
}

// What a GPU group runs (and a CUDA graph replays), run here on the CPU: batches copied into fixed
// buffers, a step's scalars loaded from the epoch's table. It learns what the CPU form learns, up to
// rounding; every split here ends its epochs with a shorter batch.
void TestBatchedSeedTrainer::theGpuStepFormLearnsAsTheCpuForm()
{
    QFETCH(QString, file);
    QFETCH(QString, target);
    QFETCH(double, dropout);
    QFETCH(int, optimizer);
    Experiment e = sample(file.toLatin1().constData(), target.toLatin1().constData(), 5);
    e.model.dropout = dropout;
    e.training.optimizer = static_cast<OptimizerKind>(optimizer);
    e.training.lr = e.training.optimizer == OptimizerKind::SGD ? 0.05 : 0.003;
    e.training.weightDecay = 0.01;
    e.training.schedule = Schedule::Cosine; // a rate that changes every epoch
    const auto data = prepare(e);
    const auto cpuForm = BatchedSeedTrainer(e, data).train(seedsFrom(3, 4));
    BatchedSeedTrainer gpuFormTrainer(e, data);
    gpuFormTrainer.setGpuStepForm(true);
    const auto gpuForm = gpuFormTrainer.train(seedsFrom(3, 4));
    const auto close = [](const std::vector<double>& a, const std::vector<double>& b) {
        if (a.size() != b.size() || a.empty())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (std::abs(a[i] - b[i]) > 1e-5 + 1e-4 * std::abs(b[i]))
                return false;
        return true;
    };
    for (size_t s = 0; s < cpuForm.size(); ++s) {
        QVERIFY(cpuForm[s].isFinished() && gpuForm[s].isFinished());
        QVERIFY(close(gpuForm[s].trainLoss, cpuForm[s].trainLoss));
        QVERIFY(close(gpuForm[s].validationCurve, cpuForm[s].validationCurve));
        QVERIFY(close(gpuForm[s].testPredictions, cpuForm[s].testPredictions));
    }
    // The loss moved: the comparison is of learning, not of the initial weights.
    QVERIFY(cpuForm[0].trainLoss.back() < cpuForm[0].trainLoss.front());
}

// On a GPU, steps are replayed from CUDA graphs unless SEEDSCAPE_CUDA_GRAPHS=0; never on a CPU.
void TestBatchedSeedTrainer::cudaGraphsAreUsedUnlessTurnedOff()
{
    const QByteArray before = qgetenv("SEEDSCAPE_CUDA_GRAPHS");
    qunsetenv("SEEDSCAPE_CUDA_GRAPHS");
    QVERIFY(CudaStepGraphs::wanted());
    QCOMPARE(CudaStepGraphs(true, 0).enabled(), ComputeDevice::cudaBuilt());
    QVERIFY(!CudaStepGraphs(false, 0).enabled());
    qputenv("SEEDSCAPE_CUDA_GRAPHS", "1");
    QVERIFY(CudaStepGraphs::wanted());
    qputenv("SEEDSCAPE_CUDA_GRAPHS", "0");
    QVERIFY(!CudaStepGraphs::wanted());
    QVERIFY(!CudaStepGraphs(true, 0).enabled());
    if (before.isNull())
        qunsetenv("SEEDSCAPE_CUDA_GRAPHS");
    else
        qputenv("SEEDSCAPE_CUDA_GRAPHS", before);
}

void TestBatchedSeedTrainer::resumedInTheGpuStepFormEqualsUninterrupted_data()
{
    testsupport::addCheckpointRows();
}

// A checkpoint restores the step count that the epoch's table of scalars starts from.
void TestBatchedSeedTrainer::resumedInTheGpuStepFormEqualsUninterrupted()
{
    const Experiment e = testsupport::checkpointExperiment();
    BatchedSeedTrainer trainer(e, prepare(e));
    trainer.setGpuStepForm(true);
    testsupport::verifyResumeIsExact(trainer, {11, 22, 33});
}

void TestBatchedSeedTrainer::cancelTakesEffectWithinOneStep()
{
    const Experiment e = sample("digits.csv", "digit", 50);
    testsupport::verifyCancelWithinOneStep(BatchedSeedTrainer(e, prepare(e)), seedsFrom(1, 4));
}

void TestBatchedSeedTrainer::resumedFromACheckpointEqualsUninterrupted_data()
{
    testsupport::addCheckpointRows();
}

void TestBatchedSeedTrainer::resumedFromACheckpointEqualsUninterrupted()
{
    const Experiment e = testsupport::checkpointExperiment();
    testsupport::verifyResumeIsExact(BatchedSeedTrainer(e, prepare(e)), {11, 22, 33});
}

void TestBatchedSeedTrainer::anEpochsOperatorsDoNotGrowWithTheGroup_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("target");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<bool>("layerNorm");
    QTest::addRow("regression") << "diabetes.csv"
                                << "progression" << 0.0 << false;
    QTest::addRow("binary, layer norm") << "breast_cancer.csv"
                                        << "benign" << 0.0 << true;
    QTest::addRow("multiclass, dropout") << "wine.csv"
                                         << "cultivar" << 0.2 << false;
}

void TestBatchedSeedTrainer::anEpochsOperatorsDoNotGrowWithTheGroup()
{
    QFETCH(QString, file);
    QFETCH(QString, target);
    QFETCH(double, dropout);
    QFETCH(bool, layerNorm);
    Experiment e = sample(file.toLatin1().constData(), target.toLatin1().constData(), 3);
    e.model.dropout = dropout;
    e.model.layerNorm = layerNorm;
    testsupport::verifyEpochOperatorsDoNotGrowWithTheGroup(e);
}

QTEST_GUILESS_MAIN(TestBatchedSeedTrainer)
#include "tst_batchedseedtrainer.moc"
