#pragma once

#include <QLoggingCategory>
#include <QString>

#include <cstdint>

namespace seedscape {

// Where a batched group's wall time went, to find what bounds a sweep on a GPU: launching the
// steps, the host's draws, waiting for the device, or scoring. Logged once a group ends, under
// the category seedscape.group.times, which is off unless asked for:
//   QT_LOGGING_RULES="seedscape.group.times.debug=true" seedscape-cli run …
struct GroupTimes
{
    double stepping = 0;   // issuing the training steps (on a GPU: launching them; on a CPU: running them)
    double drawing = 0;    // drawing each seed's order and dropout masks on the host
    double waiting = 0;    // waiting at each epoch's end for the device's loss sums
    double evaluating = 0; // predicting the evaluation splits and scoring every seed on the host
    int64_t steps = 0;     // training steps run
    int64_t replayedSteps = -1; // of them, replayed from CUDA graphs; -1: graphs were off

    // "group of 1024 seeds on cuda:0, 200 epochs in 5.610 s: steps issued 2.104 s, …, the rest 0.120 s
    // (1798 of 1800 steps replayed from CUDA graphs)"
    QString summary(int seeds, const QString& device, int epochs, double seconds) const;
};

Q_DECLARE_LOGGING_CATEGORY(groupTimesLog)

} // namespace seedscape
