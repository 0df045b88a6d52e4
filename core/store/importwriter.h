#pragma once

#include "experimentlabels.h"
#include "importpredictionsreader.h"
#include "workspace.h"

#include <vector>

namespace seedscape {

// Writes checked import predictions into a workspace: per experiment its labels file and one
// result per seed, scored like a trained seed. All or nothing across every experiment: everything is
// checked first (names that fit the file system, the same labels as stored ones, no stored seed
// replaced unless asked), written to an ImportStaging folder, and moved into place only when all of
// it is written and every experiment's lock is held.
class ImportWriter
{
public:
    // What an import does with an (experiment, seed) that the workspace has already.
    enum class StoredSeeds
    {
        Refuse,
        Replace
    };

    // predictionsPath: the predictions file, named in messages and (its file name) in each result.
    // Returns how many stored seeds it replaced (0 unless storedSeeds is Replace).
    static int write(const Workspace& workspace, const ExperimentLabels& labels,
                     const std::vector<ImportedExperiment>& experiments, const QString& predictionsPath,
                     StoredSeeds storedSeeds);

private:
    static void requireFittingNames(const std::vector<ImportedExperiment>& experiments,
                                    const QString& predictionsPath);
    // Labels and stored seeds; checked again once the experiments are locked. Returns how many of
    // the seeds the workspace has already (with Replace; with Refuse any one throws).
    static int requireCompatible(const Workspace& workspace, const ExperimentLabels& labels,
                                 const std::vector<ImportedExperiment>& experiments,
                                 const QString& predictionsPath, StoredSeeds storedSeeds);
};

} // namespace seedscape
