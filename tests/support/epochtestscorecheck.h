#pragma once

#include "train/seedengine.h"

#include <vector>

namespace seedscape::testsupport {

// The check every built-in engine runs for the window's running seeds on the scatter: asked to
// (TrainingControl::scoreTestEachEpoch), it reports a test score at each epoch's end, and the one of
// the epoch a seed is scored with is the seed's stored test score; asked or not, the seed's results
// are the same, bit for bit; not asked, the reported test score is NaN. `experiment` should stop
// early on its validation score, so that the scored epoch is not the last. Fails the running test
// (QTest) otherwise.
void verifyEpochTestScores(const SeedEngine& engine, const std::vector<quint64>& seeds);

} // namespace seedscape::testsupport
