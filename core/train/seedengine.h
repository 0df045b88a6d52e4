#pragma once

#include "command/commandplaces.h"
#include "data/preparedata.h"
#include "experiment/experiment.h"
#include "seedresult.h"
#include "trainingcontrol.h"

#include <memory>
#include <vector>

namespace seedscape {

enum class TrainingEngine
{
    Automatic, // batched when BatchedSeedTrainer can train the experiment, else per seed
    PerSeed,   // SeedTrainer: one seed at a time per worker
    Batched,   // BatchedSeedTrainer: a group of seeds per worker
};

// What a sweep trains seeds with. The sweep runner knows only this: how many seeds one call may
// take, and a call that trains them and returns one result per seed (finished, failed or
// cancelled, in the order given). An engine is shared by the workers: train() is thread-safe.
class SeedEngine
{
public:
    virtual ~SeedEngine() = default;

    // The name recorded with each seed ("per-seed", "batched"): rerun uses the same engine.
    virtual QString name() const = 0;
    // The most seeds one train() call takes (1: one seed per call).
    virtual int maxGroupSize() const = 0;
    // The most train() calls that may run at once (0: as many as the sweep has workers).
    virtual int maxParallelJobs() const { return 0; }
    virtual std::vector<SeedResult> train(const std::vector<quint64>& seeds,
                                          const TrainingControl& control) const = 0;
    // The metric its seeds are scored in.
    virtual Metric metric() const = 0;
    // A command engine's program files as they were when it was made, which its seeds run (and
    // record); none for the built-in engines.
    virtual ProgramFiles programFiles() const { return {}; }

    // The engine `choice` stands for, for an experiment and its prepared data. A command experiment
    // always gets CommandSeedEngine, which needs its places (and data prepared for the target only).
    static std::unique_ptr<SeedEngine> create(const Experiment& experiment,
                                              std::shared_ptr<const PreparedData> data, TrainingEngine choice,
                                              const CommandPlaces& places = {});
    // The engine that recorded a seed under `name` (rerun); the per-seed engine for unknown names.
    static std::unique_ptr<SeedEngine> named(const QString& name, const Experiment& experiment,
                                             std::shared_ptr<const PreparedData> data,
                                             const CommandPlaces& places = {});
};

} // namespace seedscape
