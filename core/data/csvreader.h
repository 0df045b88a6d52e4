#pragma once

#include "csvtable.h"

#include <QByteArray>

#include <exception>
#include <functional>

namespace seedscape {

// Reads the CSV files people actually have: comma, semicolon or tab (detected from the header),
// quoted fields with "" escapes and line breaks, CRLF or LF, a UTF-8 byte order mark, blank lines.
// Every problem throws InputError naming the file and line.
class CsvReader
{
public:
    // Asked every few thousand rows of a whole file: false stops the read with Stopped, so that a
    // read nobody waits for any more (a preview of a file the user moved on from) ends early.
    using KeepGoing = std::function<bool()>;
    struct Stopped : std::exception
    {
        const char* what() const noexcept override { return "the read was stopped"; }
    };

    static CsvTable readFile(const QString& path, const KeepGoing& keepGoing = {});
    static CsvTable parse(const QByteArray& bytes, const QString& sourceName);
    // Reads only the header and the first maxRows rows, for previews of large files.
    static CsvTable readPreview(const QString& path, int maxRows);

    // The delimiter that occurs most often outside quotes in the first line; ',' when none does.
    static QChar detectDelimiter(const QString& text);

private:
    static CsvTable parseText(const QString& text, const QString& sourceName, int maxRows,
                              const KeepGoing& keepGoing = {});
};

} // namespace seedscape
