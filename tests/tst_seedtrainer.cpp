// The training engine on the real sample data: determinism per seed and source, learning,
// divergence, cancellation, early stopping and every model option.
#include "data/preparedata.h"
#include "experiment/experimentnames.h"
#include "metrics/metricscorer.h"
#include "support/bestepochcheck.h"
#include "support/cancelcheck.h"
#include "support/checkpointcheck.h"
#include "support/epochtestscorecheck.h"
#include "train/learningrateschedule.h"
#include "train/seedtrainer.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <future>
#include <numeric>

using namespace seedscape;

namespace {

Experiment sample(const char* file, const char* target, int epochs)
{
    Experiment e;
    e.name = QStringLiteral("t");
    e.dataset.path = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/") + QString::fromLatin1(file);
    e.dataset.target = QString::fromLatin1(target);
    e.model.hidden = {32, 32};
    e.training.epochs = epochs;
    return e;
}

std::shared_ptr<const PreparedData> prepare(const Experiment& e)
{
    return std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset));
}

void compareResults(const SeedResult& a, const SeedResult& b)
{
    QCOMPARE(a.validationScore, b.validationScore);
    QCOMPARE(a.testScore, b.testScore);
    QCOMPARE(a.validationPredictions, b.validationPredictions);
    QCOMPARE(a.testPredictions, b.testPredictions);
    QCOMPARE(a.trainLoss, b.trainLoss);
}

} // namespace

class TestSeedTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedAloneAndBesideOthersIsIdentical();
    void differentSeedsDifferentInitialWeights();
    void allSourcesFixedMakesEverySeedIdentical();
    void onlyInitFixedKeepsWeightsButNotResults();
    void learnsDiabetesBetterThanTheMean();
    void learnsWineBetterThanTheMajorityClass();
    void hugeLearningRateDiverges();
    void cancelTakesEffectWithinOneStep();
    void resumedFromACheckpointEqualsUninterrupted_data();
    void resumedFromACheckpointEqualsUninterrupted();
    void earlyStoppingRestoresTheBestEpoch();
    void patienceLongerThanTheRunStillRestoresTheBestEpoch();
    void reportsEachEpochsTestScoreWhenAsked();
    void everyModelOptionTrains_data();
    void everyModelOptionTrains();
    void schedules();
};

void TestSeedTrainer::sameSeedAloneAndBesideOthersIsIdentical()
{
    Experiment e = sample("diabetes.csv", "progression", 8);
    e.model.dropout = 0.2; // every source of randomness in play
    const auto data = prepare(e);
    const SeedTrainer trainer(e, data);
    const SeedResult alone = trainer.train(123456789);
    QVERIFY(alone.isFinished());
    // The same seed on a thread beside two other seeds training at the same time.
    auto a = std::async(std::launch::async, [&] { return trainer.train(1); });
    auto b = std::async(std::launch::async, [&] { return trainer.train(123456789); });
    auto c = std::async(std::launch::async, [&] { return trainer.train(2); });
    const SeedResult beside = b.get();
    const SeedResult other = a.get();
    c.get();
    compareResults(alone, beside);
    QVERIFY(other.validationScore != alone.validationScore);
    // A fresh trainer (as `seedscape-cli rerun` makes) gives the same numbers too.
    compareResults(alone, SeedTrainer(e, prepare(e)).train(123456789));
}

void TestSeedTrainer::differentSeedsDifferentInitialWeights()
{
    const Experiment e = sample("wine.csv", "cultivar", 1);
    const SeedTrainer trainer(e, prepare(e));
    const std::vector<double> w1 = trainer.initialParameters(1), w2 = trainer.initialParameters(2);
    QCOMPARE(w1.size(), size_t(13 * 32 + 32 + 32 * 32 + 32 + 32 * 3 + 3));
    QVERIFY(w1 != w2);
    QCOMPARE(trainer.initialParameters(1), w1);
    // PyTorch's default bound: |w| ≤ 1/√fan_in, here 1/√13 in the first layer.
    for (size_t i = 0; i < 13 * 32; ++i)
        QVERIFY(std::abs(w1[i]) <= 1.0 / std::sqrt(13.0));
}

void TestSeedTrainer::allSourcesFixedMakesEverySeedIdentical()
{
    Experiment e = sample("diabetes.csv", "progression", 5);
    e.model.dropout = 0.1;
    e.seeds.varyInit = e.seeds.varyOrder = e.seeds.varyDropout = false;
    const SeedTrainer trainer(e, prepare(e));
    compareResults(trainer.train(11), trainer.train(987654321987654321ULL));
}

void TestSeedTrainer::onlyInitFixedKeepsWeightsButNotResults()
{
    Experiment e = sample("diabetes.csv", "progression", 5);
    e.seeds.varyInit = false; // order and dropout still vary
    const SeedTrainer trainer(e, prepare(e));
    QCOMPARE(trainer.initialParameters(11), trainer.initialParameters(12));
    const SeedResult a = trainer.train(11), b = trainer.train(12);
    QVERIFY(a.validationScore != b.validationScore);
    QCOMPARE(a.streams.init, b.streams.init);
    QVERIFY(a.streams.order != b.streams.order);
}

void TestSeedTrainer::learnsDiabetesBetterThanTheMean()
{
    Experiment e = sample("diabetes.csv", "progression", 60);
    const auto data = prepare(e);
    const SeedResult r = SeedTrainer(e, data).train(7);
    QVERIFY(r.isFinished());
    QCOMPARE(r.metric, Metric::RMSE);
    double trainMean = 0;
    for (int row : data->split.train)
        trainMean += data->dataset.target[row];
    trainMean /= data->split.train.size();
    std::vector<double> truth;
    for (int row : data->split.validation)
        truth.push_back(data->dataset.target[row]);
    const double baseline = MetricScorer::rmse(truth, std::vector<double>(truth.size(), trainMean));
    QVERIFY2(r.validationScore < 0.9 * baseline,
             qPrintable(QStringLiteral("%1 vs %2").arg(r.validationScore).arg(baseline)));
    QCOMPARE(static_cast<int>(r.validationCurve.size()), 60);
    QVERIFY(r.trainLoss.back() < r.trainLoss.front());
    QCOMPARE(r.validationPredictions.size(), data->split.validation.size());
    QCOMPARE(MetricScorer::rmse(truth, r.validationPredictions), r.validationScore); // original units
}

void TestSeedTrainer::learnsWineBetterThanTheMajorityClass()
{
    Experiment e = sample("wine.csv", "cultivar", 30);
    e.metric = Metric::Accuracy;
    const auto data = prepare(e);
    const SeedResult r = SeedTrainer(e, data).train(3);
    QVERIFY(r.isFinished());
    std::vector<int> counts(3, 0);
    for (int row : data->split.validation)
        ++counts[static_cast<int>(data->dataset.target[row])];
    const double majority =
        *std::max_element(counts.begin(), counts.end()) / double(data->split.validation.size());
    QVERIFY2(r.validationScore > majority + 0.2, qPrintable(QString::number(r.validationScore)));
    QCOMPARE(r.predictionColumns, 3);
    for (size_t row = 0; row < data->split.validation.size(); ++row) {
        const double sum = std::accumulate(r.validationPredictions.begin() + row * 3,
                                           r.validationPredictions.begin() + row * 3 + 3, 0.0);
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
    }
}

void TestSeedTrainer::hugeLearningRateDiverges()
{
    Experiment e = sample("diabetes.csv", "progression", 20);
    e.training.optimizer = OptimizerKind::SGD;
    e.training.lr = 1e6;
    const SeedResult r = SeedTrainer(e, prepare(e)).train(5);
    QCOMPARE(r.status, SeedStatus::Failed);
    QVERIFY(r.failureEpoch >= 1 && r.failureEpoch <= 20);
    QVERIFY2(r.failureReason.contains(QStringLiteral("diverged")), qPrintable(r.failureReason));
}

void TestSeedTrainer::cancelTakesEffectWithinOneStep()
{
    const Experiment e = sample("digits.csv", "digit", 50);
    testsupport::verifyCancelWithinOneStep(SeedTrainer(e, prepare(e)), {9});
}

void TestSeedTrainer::earlyStoppingRestoresTheBestEpoch()
{
    Experiment e = sample("diabetes.csv", "progression", 300);
    e.training.lr = 0.01; // overfits fast, so validation stops improving early
    e.training.earlyStoppingPatience = 5;
    const SeedResult r = SeedTrainer(e, prepare(e)).train(21);
    QVERIFY(r.isFinished());
    QVERIFY(r.epochsRun < 300);
    QCOMPARE(r.epochsRun, r.bestEpoch + 5);
    const double best = *std::min_element(r.validationCurve.begin(), r.validationCurve.end());
    QCOMPARE(r.validationCurve[r.bestEpoch - 1], best);
    QVERIFY(std::abs(r.validationScore - best) <
            1e-4 * best); // the restored weights give the best epoch's score
}

// A new experiment's patience is at least 10, so a short run never stops early: it must still be
// scored with its best validation epoch, not its last.
void TestSeedTrainer::patienceLongerThanTheRunStillRestoresTheBestEpoch()
{
    Experiment e = sample("diabetes.csv", "progression", 40);
    e.training.lr = 0.01; // overfits within the 40 epochs
    e.training.earlyStoppingPatience = 100;
    const SeedResult r = SeedTrainer(e, prepare(e)).train(21);
    const QString problem = testsupport::bestEpochProblem(r, 40);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestSeedTrainer::reportsEachEpochsTestScoreWhenAsked()
{
    Experiment e = sample("diabetes.csv", "progression", 40);
    e.training.lr = 0.01; // overfits: the scored epoch is not the last
    e.training.earlyStoppingPatience = 100;
    testsupport::verifyEpochTestScores(SeedTrainer(e, prepare(e)), {21, 22});
}

void TestSeedTrainer::everyModelOptionTrains_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<int>("schedule");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<bool>("layerNorm");
    QTest::addColumn<int>("metric");
    QTest::addRow("regression gelu adamw cosine")
        << "diabetes.csv"
        << "progression" << int(Activation::GELU) << int(OptimizerKind::AdamW) << int(Schedule::Cosine) << 0.0
        << false << int(Metric::MAE);
    QTest::addRow("binary tanh sgd step dropout")
        << "breast_cancer.csv"
        << "benign" << int(Activation::Tanh) << int(OptimizerKind::SGD) << int(Schedule::Step) << 0.3 << false
        << int(Metric::AUC);
    QTest::addRow("binary relu adam layer norm")
        << "breast_cancer.csv"
        << "benign" << int(Activation::ReLU) << int(OptimizerKind::Adam) << int(Schedule::None) << 0.0 << true
        << int(Metric::LogLoss);
    QTest::addRow("multiclass gelu layer norm dropout f1")
        << "wine.csv"
        << "cultivar" << int(Activation::GELU) << int(OptimizerKind::Adam) << int(Schedule::Cosine) << 0.2
        << true << int(Metric::F1Macro);
}

void TestSeedTrainer::everyModelOptionTrains()
{
    QFETCH(QString, file);
    QFETCH(QString, target);
    QFETCH(int, activation);
    QFETCH(int, optimizer);
    QFETCH(int, schedule);
    QFETCH(double, dropout);
    QFETCH(bool, layerNorm);
    QFETCH(int, metric);
    Experiment e = sample(qPrintable(file), qPrintable(target), 15);
    e.model.activation = Activation(activation);
    e.model.dropout = dropout;
    e.model.layerNorm = layerNorm;
    e.training.optimizer = OptimizerKind(optimizer);
    e.training.lr = optimizer == int(OptimizerKind::SGD) ? 0.05 : 0.003;
    e.training.schedule = Schedule(schedule);
    e.metric = Metric(metric);
    const SeedTrainer trainer(e, prepare(e));
    const SeedResult r = trainer.train(77);
    QVERIFY2(r.isFinished(), qPrintable(r.failureReason));
    QVERIFY(std::isfinite(r.validationScore) && std::isfinite(r.testScore));
    QVERIFY(r.trainLoss.back() < r.trainLoss.front());
    compareResults(r, trainer.train(77));
    if (Metric(metric) == Metric::AUC)
        QVERIFY(r.validationScore > 0.9);
}

void TestSeedTrainer::schedules()
{
    TrainingSpec t;
    t.lr = 0.1;
    t.epochs = 100;
    QCOMPARE(scheduledLearningRate(t, 99), 0.1);
    t.schedule = Schedule::Cosine;
    QCOMPARE(scheduledLearningRate(t, 0), 0.1);
    QVERIFY(std::abs(scheduledLearningRate(t, 50) - 0.05) < 1e-15);
    QVERIFY(scheduledLearningRate(t, 99) < 0.001);
    t.schedule = Schedule::Step;
    QCOMPARE(scheduledLearningRate(t, 49), 0.1);
    QVERIFY(std::abs(scheduledLearningRate(t, 50) - 0.01) < 1e-15);
    QVERIFY(std::abs(scheduledLearningRate(t, 75) - 0.001) < 1e-15);
}

void TestSeedTrainer::resumedFromACheckpointEqualsUninterrupted_data()
{
    testsupport::addCheckpointRows();
}

void TestSeedTrainer::resumedFromACheckpointEqualsUninterrupted()
{
    const Experiment e = testsupport::checkpointExperiment();
    testsupport::verifyResumeIsExact(SeedTrainer(e, prepare(e)), {44});
}

QTEST_GUILESS_MAIN(TestSeedTrainer)
#include "tst_seedtrainer.moc"
