#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>

namespace seedscape {

struct EpochProgress
{
    quint64 seed = 0;
    int epoch = 0; // 1-based
    int epochs = 0;
    double trainLoss = 0;
    double validationScore = 0;
};

// How a running seed is steered from outside. Every member is optional.
struct TrainingControl
{
    const std::atomic<bool>* cancel = nullptr; // checked before every training step
    std::function<void()> waitWhilePaused;     // called before every training step; blocks while paused
    std::function<void(const EpochProgress&)> onEpoch;

    bool cancelled() const { return cancel && cancel->load(); }
    // Blocks while paused, then says whether the seed should stop: what every engine does before a step.
    bool stopBeforeStep() const
    {
        if (waitWhilePaused)
            waitWhilePaused();
        return cancelled();
    }
};

} // namespace seedscape
