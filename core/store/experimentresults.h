#pragma once

#include "experimentlabels.h"
#include "train/seedresult.h"

#include <QStringList>

#include <vector>

namespace seedscape {

// Everything stored about one experiment's results that statistics need: the truth and the
// finished seeds with their predictions. Read from results/NAME/ alone, so statistics never wait
// for training and work the same for imported predictions.
struct ExperimentResults
{
    QString name;
    ExperimentLabels labels;
    std::vector<SeedResult> seeds; // finished only, in the order they started
    int failedSeeds = 0;
    QStringList problems; // damaged records that were left out

    // Throws InputError when the folder has no readable labels.json.
    static ExperimentResults load(const QString& resultsFolder, const QString& name);
    // Every experiment under WORKSPACE/results that has labels, sorted by name.
    static std::vector<ExperimentResults> loadWorkspace(const QString& workspaceFolder,
                                                        QStringList* problems = nullptr);
};

} // namespace seedscape
