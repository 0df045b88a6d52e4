#pragma once

#include "experiment/experiment.h"
#include "importwriter.h"
#include "workspace.h"

#include <QStringList>

namespace seedscape {

// Imports predictions made elsewhere (docs/interfaces.md, "Prediction import format") into a
// workspace, one experiment per name in the predictions file, so that every statistic works for
// models Seedscape did not train: ImportLabelsReader reads labels.csv, ImportPredictionsReader
// reads predictions.csv, ImportWriter writes the results.
// Every problem throws InputError naming the file, line and column; nothing is written then. An
// (experiment, seed) the workspace has already is such a problem unless storedSeeds is Replace.
class PredictionImporter
{
public:
    struct Summary
    {
        QStringList experiments;
        int seeds = 0;
        int replaced = 0; // of seeds, how many the workspace had already (with StoredSeeds::Replace)
        int validationRows = 0, testRows = 0;
        QStringList unreadColumns; // of the predictions file, which its reader does not read
        QString unreadColumnsNote; // the same in words for a warning; "" when every column is read
    };

    static Summary importInto(const Workspace& workspace, const QString& predictionsPath,
                              const QString& labelsPath, Task task, Metric metric,
                              ImportWriter::StoredSeeds storedSeeds = ImportWriter::StoredSeeds::Refuse);
};

} // namespace seedscape
