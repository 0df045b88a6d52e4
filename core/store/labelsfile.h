#pragma once

#include "experimentlabels.h"

namespace seedscape {

// Reads and writes results/NAME/labels.json (format 1):
// {"format": 1, "task": "binary", "metric": "auc", "classes": ["0", "1"], "val": [...], "test": [...]}
class LabelsFile
{
public:
    static QString fileName();
    static void write(const ExperimentLabels& labels, const QString& folder); // atomic; throws StorageError
    static ExperimentLabels read(const QString& folder);                      // throws InputError
    static bool exists(const QString& folder);
};

} // namespace seedscape
