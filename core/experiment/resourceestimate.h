#pragma once

#include "experiment.h"

#include "data/preparedata.h"

#include <QString>

#include <optional>

namespace seedscape {

// What training an experiment will cost, estimated before any training so that a model that
// cannot fit in memory is refused and an absurd run length is warned about. Plain arithmetic, no
// LibTorch, so the window can show the same numbers. The model is in docs/experiment-file.md.
class ResourceEstimate
{
public:
    // The shape of the prepared data that training sees.
    struct DataShape
    {
        int features = 0;
        int outputs = 1; // the classes of a multiclass task, else 1
        int rows = 0;
        int trainRows = 0;
    };

    // seeds: how many are still to train; jobs: the sweep's worker threads.
    ResourceEstimate(const Experiment& experiment, const DataShape& data, int seeds, int jobs);

    // The most seeds the batched engine trains as one program (BatchedSeedTrainer::kMaxGroupSize).
    // Each of the jobs trains a group, so up to kSeedsPerGroup × jobs seeds are in memory at once;
    // the per-seed engine holds fewer (one per job).
    static constexpr int kSeedsPerGroup = 64;
    // A deliberately slow machine: one core of a laptop with a reference BLAS.
    static constexpr double kFlopsPerSecond = 1e9;
    // Longer sweeps than this get a warning.
    static constexpr double kWarnAfterSeconds = 24 * 3600.0;

    double parameters() const { return m_parameters; }
    // Values kept per parameter: weights, gradients and the optimiser's state.
    int valuesPerParameter() const;
    // The seeds in memory at once: min(seeds, kSeedsPerGroup × jobs).
    int seedsTogether() const { return m_seedsTogether; }
    // Bytes of parameters, gradients and optimiser state of the seeds trained together.
    double parameterBytes() const;
    // Bytes of one batch's activations and their gradients, for the seeds trained together.
    double activationBytes() const;
    double memoryBytes() const { return parameterBytes() + activationBytes(); }
    // Seconds for the whole sweep at kFlopsPerSecond per job, every epoch run (no early stop).
    double sweepSeconds() const;

    // Throws InputError (file, field model.hidden) when memoryBytes() exceeds availableBytes;
    // availableBytes <= 0 means unknown and checks nothing.
    void requireFits(double availableBytes, const QString& file) const;
    // A warning naming training.epochs when the sweep would take longer than kWarnAfterSeconds.
    std::optional<QString> durationWarning(const QString& file) const;

    static DataShape shapeOf(const PreparedData& data);
    // MemAvailable of /proc/meminfo in bytes; 0 when it cannot be read.
    static double availableMemoryBytes();
    // "1.5 GiB", "3.2 days": how the messages write sizes and durations.
    static QString formatBytes(double bytes);
    static QString formatDuration(double seconds);

private:
    Experiment m_experiment;
    DataShape m_data;
    int m_seeds;
    int m_jobs;
    int m_seedsTogether;
    double m_parameters = 0;
};

} // namespace seedscape
