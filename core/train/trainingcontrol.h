#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <atomic>
#include <functional>
#include <limits>

namespace seedscape {

struct EpochProgress
{
    quint64 seed = 0;
    int epoch = 0; // 1-based
    int epochs = 0;
    double trainLoss = 0;
    double validationScore = 0;
    // The test split's score at this epoch, when TrainingControl::scoreTestEachEpoch asked for it
    // (NaN otherwise, and for engines that cannot say).
    double testScore = std::numeric_limits<double>::quiet_NaN();
};

// How a running seed is steered from outside. Every member is optional.
struct TrainingControl
{
    const std::atomic<bool>* cancel = nullptr; // checked before every training step
    std::function<void()> waitWhilePaused;     // called before every training step; blocks while paused
    std::function<bool()> paused; // for engines that cannot block: a program they run is stopped instead
    std::function<void(const EpochProgress&)> onEpoch;
    // The window draws running seeds on the validation-vs-test scatter: the engine then also
    // scores the test split at each epoch's end (one more forward pass; no random numbers drawn,
    // so the seed's results are the same either way).
    bool scoreTestEachEpoch = false;

    // Checkpoints, so that a killed sweep loses at most the work since the last one. At each epoch
    // boundary the engine asks checkpointDue and, when it says yes, hands checkpoint its whole
    // state (parameters, optimiser state, generator states, epoch, curves). resumeFrom holds such a
    // state of the same engine for the same seeds: training continues from it and gives the same
    // numbers as an uninterrupted run.
    std::function<bool()> checkpointDue;
    std::function<void(const QByteArray& state, int epoch)> checkpoint;
    QByteArray resumeFrom;

    bool cancelled() const { return cancel && cancel->load(); }
    bool wantsCheckpoint() const { return checkpoint && checkpointDue && checkpointDue(); }
    // Blocks while paused, then says whether the seed should stop: what every engine does before a step.
    bool stopBeforeStep() const
    {
        if (waitWhilePaused)
            waitWhilePaused();
        return cancelled();
    }
};

} // namespace seedscape
