#include "cancelcheck.h"

#include <QtTest>

#include <atomic>

namespace seedscape::testsupport {

void verifyCancelWithinOneStep(const SeedEngine& engine, const std::vector<quint64>& seeds)
{
    std::atomic<bool> cancel{false};
    int steps = 0;
    TrainingControl control;
    control.cancel = &cancel;
    control.waitWhilePaused = [&] {
        if (++steps == 50)
            cancel = true;
    };
    const std::vector<SeedResult> results = engine.train(seeds, control);
    QCOMPARE(steps, 50); // no further step ran after the flag was set
    QCOMPARE(results.size(), seeds.size());
    for (const SeedResult& r : results) {
        QCOMPARE(r.status, SeedStatus::Cancelled);
        QCOMPARE(r.epochsRun, 1);
    }
}

} // namespace seedscape::testsupport
