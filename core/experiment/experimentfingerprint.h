#pragma once

#include "experiment.h"

namespace seedscape {

// A short hash of everything in a definition that changes what a seed computes (data, split,
// model, training, metric, which sources vary), and nothing that does not (name, data path,
// seed count, seed list). A stored seed whose fingerprint differs came from another definition.
QString experimentFingerprint(const Experiment& experiment);

} // namespace seedscape
