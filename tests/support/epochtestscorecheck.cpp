#include "epochtestscorecheck.h"

#include <QtTest>

#include <cmath>
#include <map>

namespace seedscape::testsupport {

namespace {

// Each seed's reported epochs, in order.
std::map<quint64, std::vector<EpochProgress>> trainReporting(const SeedEngine& engine,
                                                             const std::vector<quint64>& seeds,
                                                             bool scoreTest, std::vector<SeedResult>* results)
{
    std::map<quint64, std::vector<EpochProgress>> epochs;
    TrainingControl control;
    control.scoreTestEachEpoch = scoreTest;
    control.onEpoch = [&epochs](const EpochProgress& p) {
        epochs[p.seed].push_back(p);
    };
    *results = engine.train(seeds, control);
    return epochs;
}

} // namespace

void verifyEpochTestScores(const SeedEngine& engine, const std::vector<quint64>& seeds)
{
    std::vector<SeedResult> plain, scored;
    const auto unasked = trainReporting(engine, seeds, false, &plain);
    const auto asked = trainReporting(engine, seeds, true, &scored);
    QCOMPARE(scored.size(), seeds.size());
    bool someStoppedBeforeTheLast = false;
    for (size_t i = 0; i < seeds.size(); ++i) {
        const SeedResult& r = scored[i];
        QVERIFY(r.isFinished());
        QCOMPARE(r.validationPredictions, plain[i].validationPredictions);
        QCOMPARE(r.testPredictions, plain[i].testPredictions);
        QCOMPARE(r.validationCurve, plain[i].validationCurve);
        for (const EpochProgress& p : unasked.at(r.seed))
            QVERIFY(std::isnan(p.testScore));
        const std::vector<EpochProgress>& epochs = asked.at(r.seed);
        QCOMPARE(static_cast<int>(epochs.size()), r.epochsRun);
        for (const EpochProgress& p : epochs)
            QVERIFY(std::isfinite(p.testScore));
        QVERIFY(r.bestEpoch >= 1 && r.bestEpoch <= r.epochsRun);
        const double atBest = epochs[static_cast<size_t>(r.bestEpoch - 1)].testScore;
        QVERIFY2(std::abs(atBest - r.testScore) <= 1e-12 * std::max(1.0, std::abs(r.testScore)),
                 qPrintable(QStringLiteral("seed %1: epoch %2 reported test %3, stored %4")
                                .arg(r.seed)
                                .arg(r.bestEpoch)
                                .arg(atBest, 0, 'g', 17)
                                .arg(r.testScore, 0, 'g', 17)));
        someStoppedBeforeTheLast = someStoppedBeforeTheLast || r.bestEpoch < r.epochsRun;
    }
    QVERIFY(someStoppedBeforeTheLast); // else the check would not tell the scored epoch from the last
}

} // namespace seedscape::testsupport
