#pragma once

#include "streamseeds.h"

#include "command/programfiles.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace seedscape {

enum class SeedStatus
{
    Finished,
    Failed,
    Cancelled
};

// What one seed of an experiment produced. Finished and failed seeds are stored in the workspace;
// cancelled ones are not.
struct SeedResult
{
    quint64 seed = 0;
    SeedStatus status = SeedStatus::Finished;
    QString failureReason;  // failed only: why, e.g. "training loss became nan"
    int failureEpoch = 0;   // failed only: the 1-based epoch it happened in
    QStringList stderrTail; // command seeds: the last lines their program wrote to stderr
    QString logFile;        // command seeds: the program's output (absolute; stored relative to the results)
    // Command seeds: what Seedscape ignored in what the program wrote (progress lines it could not
    // read, prediction columns it does not read); the seed stands, but the user should know.
    QStringList warnings;
    ProgramFiles programFiles; // command seeds: the files their command named, as the seed ran them

    Metric metric = Metric::RMSE;
    double validationScore = 0;
    double testScore = 0;
    int bestEpoch = 0; // the 1-based epoch whose weights gave the scores
    int epochsRun = 0;
    std::vector<double> trainLoss;       // per epoch: mean training loss (standardised units for regression)
    std::vector<double> validationCurve; // per epoch: validation score in the metric

    int predictionColumns = 1;                 // 1 for regression and binary, the class count for multiclass
    std::vector<double> validationPredictions; // rows × columns, original units / probabilities
    std::vector<double> testPredictions;

    StreamSeeds streams;
    double durationSeconds = 0;
    QDateTime startedAt;
    QString experimentFingerprint;               // which definition produced it (see ExperimentFingerprint)
    QString versions;                            // "seedscape 0.1.0, libtorch 1.13.0, qt 6.4.2"
    QString engine = QStringLiteral("per-seed"); // which engine made it: "per-seed", "batched" or "command"
    QString
        device;  // where a built-in MLP trained: "cpu" or "cuda:0"; empty for a command seed or older records
    QString gpu; // the GPU's name ("NVIDIA H200") when device is a GPU
    // A seed trained on a GPU: the group it trained in, whose shape a GPU's sums depend on, so that
    // rerun can train that group again. Size 0 elsewhere: a CPU seed's numbers do not depend on it.
    struct Group
    {
        quint64 firstSeed = 0; // the group's first seed: with the size, it names the group
        int size = 0;
        int index = 0; // this seed's place in the group
    } group;

    bool isFinished() const { return status == SeedStatus::Finished; }
};

} // namespace seedscape
