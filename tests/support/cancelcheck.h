#pragma once

#include "train/seedengine.h"

#include <vector>

namespace seedscape::testsupport {

// The cancel test every engine runs: the flag is set before the 50th training step (with digits and
// batch 32, 34 steps an epoch: in the second epoch); no step may run after it, and every seed comes
// back cancelled with one epoch done. Fails the running test (QTest) otherwise.
void verifyCancelWithinOneStep(const SeedEngine& engine, const std::vector<quint64>& seeds);

} // namespace seedscape::testsupport
