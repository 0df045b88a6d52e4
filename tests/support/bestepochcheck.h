#pragma once

#include "train/seedresult.h"

#include <QString>

namespace seedscape::testsupport {

// The check both engines run on a seed trained with early stopping that never stopped (patience
// longer than the run) on a run that overfits: it ran every epoch, and it was scored with the
// weights of its best validation epoch, not its last. Returns what is wrong, or "".
QString bestEpochProblem(const SeedResult& result, int epochs);

} // namespace seedscape::testsupport
