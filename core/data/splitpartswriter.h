#pragma once

#include "preparedata.h"

#include <QString>

namespace seedscape {

// The three part files of a command experiment's split.
struct SplitPartFiles
{
    QString train;
    QString validation;
    QString test;
};

// Writes the split of data loaded for its target only (DatasetLoader::Use::TargetOnly) as three
// CSV files in folder: train.csv, val.csv and test.csv, each with the dataset's header and its
// rows' cells as written, in the split's row order (so row r of val.csv is validation row r of the
// labels). A part that already holds the same bytes is left alone, so programs reading it are
// never disturbed; a changed one is replaced atomically. Throws StorageError.
class SplitPartsWriter
{
public:
    static SplitPartFiles write(const PreparedData& data, const QString& folder);
    // One CSV line (no line break) with the cells quoted where needed.
    static QByteArray csvLine(const QStringList& cells);
};

} // namespace seedscape
