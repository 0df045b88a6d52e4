#pragma once

#include "experiment/experiment.h"

namespace seedscape {

// The learning rate of each epoch (0-based) under the experiment's schedule:
//   none:   lr throughout;
//   cosine: lr · ½(1 + cos(π·epoch/epochs)), from lr down towards 0;
//   step:   lr, then ×0.1 from half of the epochs on and ×0.01 from three quarters on.
double scheduledLearningRate(const TrainingSpec& training, int epoch);

} // namespace seedscape
