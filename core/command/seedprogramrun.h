#pragma once

#include "childprocess.h"
#include "train/trainingcontrol.h"

#include <QStringList>

#include <vector>

namespace seedscape {

// One run of a command experiment's program for one seed: starts it, writes its output to the
// seed's log, turns its "@seedscape" progress lines into epochs (TrainingControl::onEpoch and the
// learning curves), keeps the last lines of stderr, stops or continues it when the sweep pauses,
// and ends it on cancel or timeout (SIGTERM to its group, SIGKILL after 10 s).
class SeedProgramRun
{
public:
    enum class End
    {
        Exited,        // by itself: see exitCode / description
        Cancelled,     // the sweep was cancelled
        TimedOut,      // ran longer than the timeout
        CouldNotStart, // see description
    };

    // How long a program ended by a signal waits for the sweep's own stop (then it is cancelled).
    static constexpr int kStopSignalGraceMs = 2000;

    struct Result
    {
        End end = End::Exited;
        int exitCode = -1; // -1: ended by a signal
        // "exited with code 3", "was killed by signal 9 (SIGKILL)", or why it did not start
        QString description;
        QStringList stderrTail;
        std::vector<double> trainLoss;       // per epoch reported; NaN where a report left it out
        std::vector<double> validationCurve; // per epoch reported
        int lastEpoch = 0;
        // "@seedscape" lines that could not be read: how many, and where the first is and why
        // ("log line 12: not a JSON object after @seedscape").
        int ignoredProgressLines = 0;
        QString firstIgnoredProgressLine;
        bool succeeded() const { return end == End::Exited && exitCode == 0; }
    };

    static constexpr int kStderrTailLines = 20;

    // The most of a program's output its log keeps: the first half and the last half.
    static constexpr qint64 kLogKeepBytes = qint64(16) << 20;

    // timeoutMs 0: none. The clock stops while the sweep is paused.
    static Result run(const ChildProcess::Spec& spec, const QString& logFile, qint64 timeoutMs, quint64 seed,
                      const TrainingControl& control, int graceMs = ChildProcess::kGraceMilliseconds,
                      qint64 logKeepBytes = kLogKeepBytes);
};

} // namespace seedscape
