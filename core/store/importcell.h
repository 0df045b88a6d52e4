#pragma once

#include "data/csvtable.h"

#include <QString>

namespace seedscape {

// The labelled parts of the data an import names in its `split` column.
enum class ImportPart
{
    Validation,
    Test
};

// One cell of an import CSV (labels or predictions): reads the kind of value the column holds, or
// throws InputError naming the file, line and column, so both readers word their problems alike.
struct ImportCell
{
    const CsvTable& table;
    int row;
    int column;

    QString text() const;
    [[noreturn]] void fail(const QString& problem) const;
    double number() const;   // finite
    qint64 rowIndex() const; // 0, 1, 2, …
    ImportPart part() const; // val or test
    quint64 seed() const;    // SeedNumber's rule
    int line() const;        // the physical line the row starts on

    // "val" or "test", as the files spell them.
    static QString partName(ImportPart part);
    // The index of a column the file must have; the message shows the header it expects.
    static int requireColumn(const CsvTable& table, const QString& name, const QString& expectedHeader);
};

} // namespace seedscape
