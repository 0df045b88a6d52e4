#include "csvreader.h"

#include "common/inputerror.h"

#include <QFile>
#include <QFileInfo>

namespace seedscape {

namespace {

const QChar kQuote = QLatin1Char('"');

bool isLineBreak(QChar c)
{
    return c == QLatin1Char('\n') || c == QLatin1Char('\r');
}

bool isBlank(const QStringList& fields)
{
    return fields.size() == 1 && fields.front().trimmed().isEmpty();
}

QByteArray readAll(const QString& path, qint64 maxBytes)
{
    QFileInfo info(path);
    if (!info.exists())
        throw InputError({path}, QStringLiteral("file not found"));
    if (!info.isFile())
        throw InputError({path}, QStringLiteral("not a file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError({path}, QStringLiteral("cannot open: %1").arg(file.errorString()));
    return maxBytes > 0 ? file.read(maxBytes) : file.readAll();
}

} // namespace

CsvTable CsvReader::readFile(const QString& path)
{
    return parse(readAll(path, 0), path);
}

CsvTable CsvReader::readPreview(const QString& path, int maxRows)
{
    // A preview must stay quick on large files: 4 MiB holds far more than a screenful of rows.
    QByteArray bytes = readAll(path, 4 << 20);
    return parseText(QString::fromUtf8(bytes), path, maxRows);
}

CsvTable CsvReader::parse(const QByteArray& bytes, const QString& sourceName)
{
    return parseText(QString::fromUtf8(bytes), sourceName, -1);
}

QChar CsvReader::detectDelimiter(const QString& text)
{
    const QChar candidates[] = {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t')};
    int counts[3] = {0, 0, 0};
    bool quoted = false;
    for (QChar c : text) {
        if (c == kQuote)
            quoted = !quoted;
        else if (!quoted && isLineBreak(c))
            break;
        else if (!quoted)
            for (int i = 0; i < 3; ++i)
                counts[i] += (c == candidates[i]);
    }
    int best = 0;
    for (int i = 1; i < 3; ++i)
        if (counts[i] > counts[best])
            best = i;
    return candidates[best];
}

CsvTable CsvReader::parseText(const QString& input, const QString& sourceName, int maxRows)
{
    QString text = input;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    CsvTable table;
    table.sourceFile = sourceName;
    if (text.trimmed().isEmpty())
        throw InputError({sourceName}, QStringLiteral("the file is empty; a header row is needed"));
    table.delimiter = detectDelimiter(text);

    QStringList fields;
    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool afterClosingQuote = false;
    int line = 1;
    int recordLine = 1;
    int quoteLine = 1;
    bool headerDone = false;

    auto endField = [&] {
        fields.append(fieldWasQuoted ? field : field.trimmed());
        field.clear();
        fieldWasQuoted = false;
        afterClosingQuote = false;
    };
    auto endRecord = [&]() -> bool {
        endField();
        if (isBlank(fields)) {
            fields.clear();
            return true;
        }
        if (!headerDone) {
            for (int i = 0; i < fields.size(); ++i) {
                if (fields[i].isEmpty())
                    throw InputError({sourceName, recordLine},
                                     QStringLiteral("header: column %1 has no name").arg(i + 1));
                if (fields.indexOf(fields[i]) != i)
                    throw InputError({sourceName, recordLine, fields[i]},
                                     QStringLiteral("header: the column name appears twice"));
            }
            table.header = fields;
            headerDone = true;
        } else {
            if (fields.size() != table.header.size())
                throw InputError({sourceName, recordLine},
                                 QStringLiteral("ragged row: %1 fields where the header has %2")
                                     .arg(fields.size())
                                     .arg(table.header.size()));
            table.rows.push_back(fields);
            table.rowLines.push_back(recordLine);
        }
        fields.clear();
        return maxRows < 0 || table.rowCount() < maxRows;
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == kQuote) {
                if (i + 1 < n && text[i + 1] == kQuote) {
                    field += kQuote;
                    ++i;
                } else {
                    inQuotes = false;
                    afterClosingQuote = true;
                }
            } else {
                if (c == QLatin1Char('\n') ||
                    (c == QLatin1Char('\r') && !(i + 1 < n && text[i + 1] == QLatin1Char('\n'))))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == table.delimiter) {
            endField();
        } else if (isLineBreak(c)) {
            if (c == QLatin1Char('\r') && i + 1 < n && text[i + 1] == QLatin1Char('\n'))
                ++i;
            if (!endRecord())
                return table;
            ++line;
            recordLine = line;
        } else if (c == kQuote && field.trimmed().isEmpty() && !afterClosingQuote) {
            inQuotes = true;
            fieldWasQuoted = true;
            quoteLine = line;
            field.clear();
        } else if (afterClosingQuote) {
            if (!c.isSpace())
                throw InputError({sourceName, line},
                                 QStringLiteral("unexpected character '%1' after a closing quote").arg(c));
        } else {
            field += c;
        }
    }
    if (inQuotes)
        throw InputError({sourceName, quoteLine}, QStringLiteral("a quoted field is never closed"));
    endRecord();
    if (!headerDone)
        throw InputError({sourceName}, QStringLiteral("the file is empty; a header row is needed"));
    return table;
}

} // namespace seedscape
