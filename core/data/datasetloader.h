#pragma once

#include "csvtable.h"
#include "dataset.h"

namespace seedscape {

// Turns a CSV table into a Dataset: picks the target, checks every cell, infers the task.
// Throws InputError naming file, line and column for anything it cannot use.
class DatasetLoader
{
public:
    // path is the resolved file to read; spec says target, task, missing-value policy and split.
    static Dataset load(const QString& path, const DatasetSpec& spec);
    static Dataset fromTable(const CsvTable& table, const DatasetSpec& spec);

    // The task a target column suggests: non-numeric labels or a few distinct whole numbers
    // (at most 20, and at most half the rows) mean classification; anything else regression.
    static Task inferTask(const std::vector<QString>& targetCells);

    static bool isMissing(const QString& cell);
    // Numbers are always read in the C locale: "1.5", never "1,5".
    static bool parseNumber(const QString& cell, double* value);
};

} // namespace seedscape
