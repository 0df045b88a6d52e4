#pragma once

#include "data/csvtable.h"
#include "experimentlabels.h"

namespace seedscape {

// Reads the labels file of an import (docs/interfaces.md, "Prediction import format"):
//   split,row,label
// with the val and test rows each counted from 0 without gaps, and for classification a class
// index as the label. Every problem throws InputError naming the file, line and column.
class ImportLabelsReader
{
public:
    // classCount: 0 for regression, else the number of classes (2 for binary).
    static ExperimentLabels read(const CsvTable& table, Task task, Metric metric, int classCount);
};

} // namespace seedscape
