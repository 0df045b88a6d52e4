#include "seedengine.h"

#include "batchedseedtrainer.h"
#include "command/commandseedengine.h"
#include "seedtrainer.h"

#include <stdexcept>

namespace seedscape {

std::unique_ptr<SeedEngine> SeedEngine::create(const Experiment& experiment,
                                               std::shared_ptr<const PreparedData> data,
                                               TrainingEngine choice, const CommandPlaces& places)
{
    if (experiment.isCommand()) {
        if (places.isEmpty())
            throw std::logic_error("SeedEngine::create: a command experiment needs its places");
        return std::make_unique<CommandSeedEngine>(experiment, std::move(data), places);
    }
    const bool batched = choice == TrainingEngine::Batched ||
                         (choice == TrainingEngine::Automatic && BatchedSeedTrainer::canTrain(experiment));
    if (batched)
        return std::make_unique<BatchedSeedTrainer>(experiment, std::move(data));
    return std::make_unique<SeedTrainer>(experiment, std::move(data));
}

std::unique_ptr<SeedEngine> SeedEngine::named(const QString& name, const Experiment& experiment,
                                              std::shared_ptr<const PreparedData> data,
                                              const CommandPlaces& places)
{
    return create(
        experiment, std::move(data),
        name == BatchedSeedTrainer::engineName() ? TrainingEngine::Batched : TrainingEngine::PerSeed, places);
}

} // namespace seedscape
