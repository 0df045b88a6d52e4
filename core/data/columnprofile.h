#pragma once

#include "csvreader.h"
#include "csvtable.h"

#include <vector>

namespace seedscape {

// What a column of a CSV table holds, as the data preview and the editor's target choice show it.
struct ColumnProfile
{
    enum class Kind
    {
        Number,      // numbers with a fraction somewhere
        WholeNumber, // only whole numbers
        Text,        // at least one cell that is not a number
        Empty        // only missing cells
    };

    QString name;
    Kind kind = Kind::Empty;
    int missing = 0;  // cells DatasetLoader counts as missing
    int distinct = 0; // distinct values among the others

    // "number", "whole number, 3 values", "text, 2 values", "empty", with missing cells counted.
    QString describe() const;
    // "number", "whole number", "text", "empty": what a few rows can tell without misleading.
    QString describeKind() const;

    // One profile per header column, from the rows the table holds.
    static std::vector<ColumnProfile> profile(const CsvTable& table);
    // One per column of the whole file, and its number of rows; throws InputError as CsvReader,
    // and CsvReader::Stopped once keepGoing says no.
    static std::vector<ColumnProfile> profileFile(const QString& path, int* rows,
                                                  const CsvReader::KeepGoing& keepGoing = {});
};

} // namespace seedscape
