#include "csvreader.h"

#include "common/inputerror.h"
#include "common/textencoding.h"

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

// Reads the text character by character into a table; holds the state between characters: the
// record and field being built, whether we are inside quotes, and the lines for messages.
class RecordParser
{
public:
    // maxRows < 0 reads every row.
    RecordParser(const QString& text, CsvTable& table, int maxRows, const CsvReader::KeepGoing& keepGoing)
        : m_text(text), m_table(table), m_maxRows(maxRows), m_keepGoing(keepGoing)
    {
    }

    void run()
    {
        const qsizetype n = m_text.size();
        for (qsizetype i = 0; i < n; ++i) {
            if (m_inQuotes)
                readQuoted(i);
            else if (!readPlain(i))
                return;
        }
        if (m_inQuotes)
            throw InputError({m_table.sourceFile, m_quoteLine},
                             QStringLiteral("a quoted field is never closed"));
        endRecord();
        if (!m_headerDone)
            throw InputError({m_table.sourceFile},
                             QStringLiteral("the file is empty; a header row is needed"));
    }

private:
    bool followedByLf(qsizetype i) const
    {
        return i + 1 < m_text.size() && m_text[i + 1] == QLatin1Char('\n');
    }

    // A character inside quotes; i moves past a "" escape.
    void readQuoted(qsizetype& i)
    {
        const QChar c = m_text[i];
        if (c == kQuote) {
            if (i + 1 < m_text.size() && m_text[i + 1] == kQuote) {
                m_field += kQuote;
                ++i;
            } else {
                m_inQuotes = false;
                m_afterClosingQuote = true;
            }
            return;
        }
        if (c == QLatin1Char('\n') || (c == QLatin1Char('\r') && !followedByLf(i)))
            ++m_line;
        m_field += c;
    }

    // A character outside quotes; i moves past the LF of a CRLF. False once maxRows rows are read.
    bool readPlain(qsizetype& i)
    {
        const QChar c = m_text[i];
        if (c == m_table.delimiter) {
            endField();
        } else if (isLineBreak(c)) {
            if (c == QLatin1Char('\r') && followedByLf(i))
                ++i;
            if (!endRecord())
                return false;
            ++m_line;
            m_recordLine = m_line;
        } else if (c == kQuote && m_field.trimmed().isEmpty() && !m_afterClosingQuote) {
            m_inQuotes = true;
            m_fieldWasQuoted = true;
            m_quoteLine = m_line;
            m_field.clear();
        } else if (m_afterClosingQuote) {
            if (!c.isSpace())
                throw InputError({m_table.sourceFile, m_line},
                                 QStringLiteral("unexpected character '%1' after a closing quote").arg(c));
        } else {
            m_field += c;
        }
        return true;
    }

    void endField()
    {
        m_fields.append(m_fieldWasQuoted ? m_field : m_field.trimmed());
        m_field.clear();
        m_fieldWasQuoted = false;
        m_afterClosingQuote = false;
    }

    // False once maxRows rows are read.
    bool endRecord()
    {
        endField();
        if (isBlank(m_fields)) {
            m_fields.clear();
            return true;
        }
        if (!m_headerDone)
            takeHeader();
        else
            takeRow();
        m_fields.clear();
        return m_maxRows < 0 || m_table.rowCount() < m_maxRows;
    }

    void takeHeader()
    {
        for (int i = 0; i < m_fields.size(); ++i) {
            // pandas' to_csv writes its index as a first column without a name.
            if (m_fields[i].isEmpty())
                throw InputError({m_table.sourceFile, m_recordLine},
                                 QStringLiteral("header: column %1 has no name%2")
                                     .arg(i + 1)
                                     .arg(i == 0 && m_fields.size() > 1
                                              ? QStringLiteral(" (an index column, as pandas' to_csv writes "
                                                               "unless given index=False? Leave it out or "
                                                               "name it)")
                                              : QString()));
            // A first line of data taken for the header repeats its numbers.
            if (m_fields.indexOf(m_fields[i]) != i) {
                bool number = false;
                m_fields[i].toDouble(&number);
                throw InputError(
                    {m_table.sourceFile, m_recordLine, m_fields[i]},
                    QStringLiteral("header: the column name appears twice%1")
                        .arg(number ? QStringLiteral("; a header of numbers is data: does the file "
                                                     "lack its header row? Its first line must name "
                                                     "the columns")
                                    : QString()));
            }
        }
        m_table.header = m_fields;
        m_headerDone = true;
    }

    void takeRow()
    {
        if (m_fields.size() != m_table.header.size())
            throw InputError({m_table.sourceFile, m_recordLine},
                             QStringLiteral("ragged row: %1 fields where the header has %2")
                                 .arg(m_fields.size())
                                 .arg(m_table.header.size()));
        m_table.rows.push_back(m_fields);
        m_table.rowLines.push_back(m_recordLine);
        if (m_keepGoing && static_cast<qsizetype>(m_table.rows.size()) % kRowsBetweenAsks == 0 &&
            !m_keepGoing())
            throw CsvReader::Stopped();
    }

    static constexpr qsizetype kRowsBetweenAsks = 4096;

    const QString& m_text;
    CsvTable& m_table;
    const int m_maxRows;
    const CsvReader::KeepGoing& m_keepGoing;
    QStringList m_fields;
    QString m_field;
    bool m_inQuotes = false;
    bool m_fieldWasQuoted = false;
    bool m_afterClosingQuote = false;
    bool m_headerDone = false;
    int m_line = 1;
    int m_recordLine = 1; // where the record being read started
    int m_quoteLine = 1;  // where the open quote started
};

} // namespace

CsvTable CsvReader::readFile(const QString& path, const KeepGoing& keepGoing)
{
    const QByteArray bytes = readAll(path, 0);
    TextEncoding::requireUtf8(bytes, path);
    return parseText(QString::fromUtf8(bytes), path, -1, keepGoing);
}

CsvTable CsvReader::readPreview(const QString& path, int maxRows)
{
    // A preview must stay quick on large files: 4 MiB holds far more than a screenful of rows.
    QByteArray bytes = readAll(path, 4 << 20);
    TextEncoding::requireUtf8(bytes, path);
    return parseText(QString::fromUtf8(bytes), path, maxRows);
}

CsvTable CsvReader::parse(const QByteArray& bytes, const QString& sourceName)
{
    TextEncoding::requireUtf8(bytes, sourceName);
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

CsvTable CsvReader::parseText(const QString& input, const QString& sourceName, int maxRows,
                              const KeepGoing& keepGoing)
{
    QString text = input;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    CsvTable table;
    table.sourceFile = sourceName;
    if (text.trimmed().isEmpty())
        throw InputError({sourceName}, QStringLiteral("the file is empty; a header row is needed"));
    table.delimiter = detectDelimiter(text);
    RecordParser(text, table, maxRows, keepGoing).run();
    return table;
}

} // namespace seedscape
