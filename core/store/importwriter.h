#pragma once

#include "experimentlabels.h"
#include "importpredictionsreader.h"
#include "workspace.h"

#include <vector>

namespace seedscape {

// Writes checked import predictions into a workspace: per experiment its labels file and one
// result per seed, scored like a trained seed. An experiment that already has other labels stops
// the import before anything is written.
class ImportWriter
{
public:
    // sourceName: the predictions file's name, recorded in each result.
    static void write(const Workspace& workspace, const ExperimentLabels& labels,
                      const std::vector<ImportedExperiment>& experiments, const QString& sourceName);

private:
    static void requireSameLabels(const Workspace& workspace, const ExperimentLabels& labels,
                                  const std::vector<ImportedExperiment>& experiments);
};

} // namespace seedscape
