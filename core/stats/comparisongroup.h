#pragma once

#include "data/datasetspec.h"
#include "experiment/experiment.h"
#include "store/experimentlabels.h"

#include <QString>

#include <vector>

namespace seedscape {

struct ExperimentResults;

// Experiments are compared only when they are scored on the same rows (docs/statistics.md,
// "Comparison groups"). A trained experiment is known by its stored definition
// (results/NAME/definition.json, what its seeds were trained with): the content hash of its data
// file, target, task, split and metric; an imported one (or one without a stored definition) by
// its truth rows alone. Both keys also hold the hash of the stored truth rows (labels.json), so a
// data file edited between two experiments' runs never puts them in one group.
struct ComparisonGroup
{
    QString key;          // equal keys: the same rows, comparable; empty: unknown (grouped by metric)
    bool defined = false; // from a stored definition; false: by labels only (imported)
    QString dataPath;     // as the definition writes it; empty when not defined
    QString dataHash;     // FNV-1a of the data file's bytes; empty when it cannot be read now
    QString target;
    Task task = Task::Auto;
    Metric metric = Metric::Auto;
    MissingPolicy missing = MissingPolicy::Error;
    SplitSpec split;
    QString labelsHash; // FNV-1a of task, metric, classes and the validation and test truth rows
    int validationRows = 0, testRows = 0;

    // "data.csv (1a2b3c4d), target price, regression, split 0.2/0.2 seed 42, rmse"
    QString description() const;

    // Grouped by labels alone: an imported experiment, or results without a stored definition.
    static ComparisonGroup ofLabels(const ExperimentLabels& labels);
    // Grouped by a definition whose data file is dataFile (resolved; hashed when readable).
    static ComparisonGroup ofDefinition(const DatasetSpec& dataset, const QString& dataFile,
                                        const ExperimentLabels& labels);
    // The group of loaded results: by the definition stored with them when there is one (a relative
    // data path taken from the workspace folder, two levels above their folder), else by their labels.
    static ComparisonGroup of(const ExperimentResults& results);

    // The FNV-1a hash of a file's bytes, read once per path, size and modification time; empty
    // when the file cannot be read. Safe from several threads.
    static QString fileHash(const QString& path);
    static QString labelsHashOf(const ExperimentLabels& labels);

    // Indices of keys that share a group, groups in the order of their first member; an empty key
    // groups by metric (experiments built in memory, whose rows are not known).
    static std::vector<std::vector<size_t>> partition(const std::vector<const ComparisonGroup*>& groups,
                                                      const std::vector<Metric>& metrics);
};

} // namespace seedscape
