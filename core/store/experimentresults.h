#pragma once

#include "experiment/experiment.h"
#include "experimentlabels.h"
#include "resultstore.h"
#include "train/seedresult.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace seedscape {

// Everything stored about one experiment's results that statistics need: the truth and the
// finished seeds with their predictions. Read from results/NAME/ alone, so statistics never wait
// for training and work the same for imported predictions.
struct ExperimentResults
{
    QString name;
    QString folder; // results/NAME as loaded; empty when built in memory
    ExperimentLabels labels;
    std::vector<SeedResult> seeds; // finished only, in the order they started
    int failedSeeds = 0;
    QString lastFailure; // why the failed seed that started last failed; empty when none did
    // results/NAME/definition.json, the definition the seeds were trained with, read once for the
    // comparison group and the sources held fixed; none when missing or unreadable (imported).
    std::optional<Experiment> definition;
    std::vector<DamagedSeed> damaged; // left out of seeds: unreadable, or predictions that do not fit
    QStringList problems; // one line per damaged file (seeds, definition.json), naming it, for a warning

    // resultsFolder/definition.json; none when it is missing or cannot be read. A file that is
    // there but cannot be read is named in problem (when given), with why.
    static std::optional<Experiment> readDefinition(const QString& resultsFolder, QString* problem = nullptr);
    // Throws InputError when the folder has no readable labels.json.
    static ExperimentResults load(const QString& resultsFolder, const QString& name);
    // Every experiment under WORKSPACE/results that has labels, sorted by name. A folder with seeds
    // but no readable labels.json is named in problems, never silently left out.
    static std::vector<ExperimentResults> loadWorkspace(const QString& workspaceFolder,
                                                        QStringList* problems = nullptr);
};

} // namespace seedscape
