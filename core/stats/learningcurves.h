#pragma once

#include "experiment/experiment.h"

#include <QString>

#include <vector>

namespace seedscape {

// One experiment's stored learning curves: the validation score per epoch of each finished seed.
struct LearningCurves
{
    QString experiment;
    Metric metric = Metric::RMSE;
    std::vector<quint64> seeds;              // the seed of each curve
    std::vector<std::vector<double>> curves; // per seed, epoch 1 first; NaN: no score that epoch
};

} // namespace seedscape
