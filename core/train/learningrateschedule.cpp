#include "learningrateschedule.h"

#include <cmath>
#include <numbers>

namespace seedscape {

double scheduledLearningRate(const TrainingSpec& t, int epoch)
{
    switch (t.schedule) {
    case Schedule::None:
        return t.lr;
    case Schedule::Cosine:
        return t.lr * 0.5 * (1.0 + std::cos(std::numbers::pi * epoch / t.epochs));
    case Schedule::Step: {
        const int drops = (epoch >= t.epochs / 2 ? 1 : 0) + (epoch >= (3 * t.epochs) / 4 ? 1 : 0);
        return t.lr * std::pow(0.1, drops);
    }
    }
    return t.lr;
}

} // namespace seedscape
