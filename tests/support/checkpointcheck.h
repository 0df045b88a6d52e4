#pragma once

#include "experiment/experiment.h"
#include "train/seedengine.h"

#include <vector>

namespace seedscape::testsupport {

// The checkpoint test both engines run: the rows (optimiser, dropout, early-stopping patience),
// the experiment of the current row, and the check that seeds resumed from a checkpoint end
// exactly as seeds trained without stopping.
void addCheckpointRows();
Experiment checkpointExperiment(); // of the current _data row
// Trains the seeds straight, with a checkpoint after every epoch, resumed from the state after
// epoch 3, with one checkpoint only (the third time one is asked about) and resumed from that; fails
// the running test (QTest) at the first difference.
void verifyResumeIsExact(const SeedEngine& engine, const std::vector<quint64>& seeds);

} // namespace seedscape::testsupport
