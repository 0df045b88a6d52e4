#pragma once

#include "experiment/experiment.h"

#include <cstdint>
#include <map>
#include <string>

namespace seedscape::testsupport {

// Counts, by name, the tensor operators that this thread (and the autograd threads it starts) calls
// while counting is on: only the ones called directly, not those an operator calls inside it. A
// LibTorch RecordFunction callback is installed for as long as the object lives; one at a time.
class OperatorCount
{
public:
    OperatorCount();
    ~OperatorCount();
    OperatorCount(const OperatorCount&) = delete;
    OperatorCount& operator=(const OperatorCount&) = delete;

    void setCounting(bool on);
    std::map<std::string, int> counts() const;

private:
    std::uint64_t m_handle;
};

// What makes the batched engine fast on a GPU, where every operator is a kernel launch: one epoch
// calls the same operators for a group of 2 seeds as for 12 (every seed in one batched product per
// layer), apart from the draws from each seed's own generators (a row order, and a dropout mask per
// hidden layer), and reads no single number back inside the epoch. Trains both groups of
// `experiment` (its device, 3 epochs, no early stopping) and fails the running test (QTest) at the
// first operator whose count differs.
void verifyEpochOperatorsDoNotGrowWithTheGroup(Experiment experiment);

} // namespace seedscape::testsupport
