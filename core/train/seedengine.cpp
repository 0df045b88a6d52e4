#include "seedengine.h"

#include "batchedseedtrainer.h"
#include "seedtrainer.h"

namespace seedscape {

std::unique_ptr<SeedEngine> SeedEngine::create(const Experiment& experiment,
                                               std::shared_ptr<const PreparedData> data,
                                               TrainingEngine choice)
{
    const bool batched = choice == TrainingEngine::Batched ||
                         (choice == TrainingEngine::Automatic && BatchedSeedTrainer::canTrain(experiment));
    if (batched)
        return std::make_unique<BatchedSeedTrainer>(experiment, std::move(data));
    return std::make_unique<SeedTrainer>(experiment, std::move(data));
}

std::unique_ptr<SeedEngine> SeedEngine::named(const QString& name, const Experiment& experiment,
                                              std::shared_ptr<const PreparedData> data)
{
    return create(experiment, std::move(data),
                  name == BatchedSeedTrainer::engineName() ? TrainingEngine::Batched
                                                           : TrainingEngine::PerSeed);
}

} // namespace seedscape
