#include "columnprofile.h"

#include "csvreader.h"
#include "datasetloader.h"

#include <cmath>
#include <set>

namespace seedscape {

QString ColumnProfile::describeKind() const
{
    switch (kind) {
    case Kind::Number:
        return QStringLiteral("number");
    case Kind::WholeNumber:
        return QStringLiteral("whole number");
    case Kind::Text:
        return QStringLiteral("text");
    case Kind::Empty:
        break;
    }
    return QStringLiteral("empty");
}

QString ColumnProfile::describe() const
{
    if (kind == Kind::Empty)
        return describeKind();
    QString text = describeKind();
    if (kind != Kind::Number) // a count of fractional numbers says nothing
        text +=
            QStringLiteral(", %1 value%2").arg(distinct).arg(distinct == 1 ? QString() : QStringLiteral("s"));
    if (missing > 0)
        text += QStringLiteral(", %1 missing").arg(missing);
    return text;
}

std::vector<ColumnProfile> ColumnProfile::profile(const CsvTable& table)
{
    std::vector<ColumnProfile> profiles;
    for (int c = 0; c < table.columnCount(); ++c) {
        ColumnProfile p;
        p.name = table.header[c];
        bool numeric = true, whole = true;
        std::set<QString> values;
        for (const QStringList& row : table.rows) {
            const QString cell = c < row.size() ? row[c] : QString();
            if (DatasetLoader::isMissing(cell)) {
                ++p.missing;
                continue;
            }
            values.insert(cell.trimmed());
            double v = 0;
            if (!DatasetLoader::parseNumber(cell, &v) || !std::isfinite(v))
                numeric = false;
            else if (v != std::floor(v))
                whole = false;
        }
        p.distinct = static_cast<int>(values.size());
        if (values.empty())
            p.kind = Kind::Empty;
        else
            p.kind = !numeric ? Kind::Text : whole ? Kind::WholeNumber : Kind::Number;
        profiles.push_back(std::move(p));
    }
    return profiles;
}

std::vector<ColumnProfile> ColumnProfile::profileFile(const QString& path, int* rows,
                                                      const CsvReader::KeepGoing& keepGoing)
{
    const CsvTable table = CsvReader::readFile(path, keepGoing);
    if (rows)
        *rows = table.rowCount();
    return profile(table);
}

} // namespace seedscape
