#pragma once

#include "csvtable.h"
#include "dataset.h"

namespace seedscape {

// Turns a CSV table into a Dataset: picks the target, checks every cell, infers the task.
// Throws InputError naming file, line and column for anything it cannot use.
class DatasetLoader
{
public:
    enum class Use
    {
        Features,   // every other column is a numeric feature (the built-in MLP)
        TargetOnly, // other columns may hold anything; their cells are kept as written (a command
                    // experiment's program reads them from the split parts)
    };

    // path is the resolved file to read; spec says target, task, missing-value policy and split.
    static Dataset load(const QString& path, const DatasetSpec& spec, Use use = Use::Features);
    static Dataset fromTable(const CsvTable& table, const DatasetSpec& spec, Use use = Use::Features);

    // The task a target column suggests: non-numeric labels or a few distinct whole numbers
    // (at most 20, and at most half the rows) mean classification; anything else regression.
    static Task inferTask(const std::vector<QString>& targetCells);

    static bool isMissing(const QString& cell);
    // Numbers are always read in the C locale: "1.5", never "1,5".
    static bool parseNumber(const QString& cell, double* value);
};

} // namespace seedscape
