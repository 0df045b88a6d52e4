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
    // Before a sweep writes fresh labels over stored ones: throws InputError when the folder holds
    // finished seeds and readable labels with other truth (the data file was edited since), naming
    // the data file, the first difference and how to go on; new seeds would be scored against other
    // truth than the stored ones. Damaged or missing labels are no objection: they are rebuilt.
    // beforeFirstSeed: also when no seed is stored yet (a Slurm task: submit wrote the labels its
    // job's seeds are scored against).
    static void requireUnchanged(const ExperimentLabels& fresh, const QString& folder,
                                 const QString& experimentName, const QString& dataPath,
                                 bool beforeFirstSeed = false);

private:
    // "validation row 3 is now 356 (was 206)": the first way two labels differ; empty when equal.
    static QString firstDifference(const ExperimentLabels& now, const ExperimentLabels& stored);
};

} // namespace seedscape
