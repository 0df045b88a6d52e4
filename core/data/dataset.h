#pragma once

#include "datasetspec.h"

#include <QStringList>

#include <vector>

namespace seedscape {

enum class SplitPart : unsigned char
{
    Train,
    Validation,
    Test
};

// A loaded table of numbers: features row-major, one target per row, the task decided.
struct Dataset
{
    QString sourceFile;
    QString targetName;
    QStringList featureNames;
    std::vector<double> features; // rowCount × featureCount, row-major, original units
    std::vector<double> target;   // the value (regression) or the class index 0..C-1
    std::vector<int> rowLines;    // the file line each row came from, for messages
    Task task = Task::Regression;
    QStringList classNames;             // class index → the label as written in the file
    std::vector<SplitPart> splitColumn; // filled only when the split comes from a column
    QStringList warnings;
    // Loaded for the target only (DatasetLoader::Use::TargetOnly): the file's header and each
    // kept row's cells as written, so that the split parts repeat them exactly.
    QStringList header;
    std::vector<QStringList> cells;
    int droppedRows = 0;

    int rowCount() const { return static_cast<int>(target.size()); }
    int featureCount() const { return static_cast<int>(featureNames.size()); }
    int classCount() const { return static_cast<int>(classNames.size()); }
    double feature(int row, int column) const
    {
        return features[static_cast<size_t>(row) * featureCount() + column];
    }
};

} // namespace seedscape
