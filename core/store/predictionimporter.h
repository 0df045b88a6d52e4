#pragma once

#include "experiment/experiment.h"
#include "workspace.h"

#include <QStringList>

namespace seedscape {

// Imports predictions made elsewhere (INTERFACES.md, "Prediction import format") into a
// workspace, one experiment per name in the predictions file, so that every statistic works for
// models Seedscape did not train.
//   labels.csv:      split,row,label
//   predictions.csv: experiment,seed,split,row,prediction   (regression, binary: P(class 1))
//                    experiment,seed,split,row,p_0,…,p_{C−1} (multiclass)
// Every problem throws InputError naming the file, line and column; nothing is written then.
class PredictionImporter
{
public:
    struct Summary
    {
        QStringList experiments;
        int seeds = 0;
        int validationRows = 0, testRows = 0;
    };

    static Summary importInto(const Workspace& workspace, const QString& predictionsPath,
                              const QString& labelsPath, Task task, Metric metric);

    static constexpr double kProbabilitySumTolerance = 1e-6;
};

} // namespace seedscape
