#pragma once

#include "csvtable.h"

#include <QByteArray>

namespace seedscape {

// Reads the CSV files people actually have: comma, semicolon or tab (detected from the header),
// quoted fields with "" escapes and line breaks, CRLF or LF, a UTF-8 byte order mark, blank lines.
// Every problem throws InputError naming the file and line.
class CsvReader
{
public:
    static CsvTable readFile(const QString& path);
    static CsvTable parse(const QByteArray& bytes, const QString& sourceName);
    // Reads only the header and the first maxRows rows, for previews of large files.
    static CsvTable readPreview(const QString& path, int maxRows);

    // The delimiter that occurs most often outside quotes in the first line; ',' when none does.
    static QChar detectDelimiter(const QString& text);

private:
    static CsvTable parseText(const QString& text, const QString& sourceName, int maxRows);
};

} // namespace seedscape
