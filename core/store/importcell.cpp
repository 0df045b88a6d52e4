#include "importcell.h"

#include "common/inputerror.h"
#include "common/seednumber.h"

#include <QLocale>

#include <cmath>

namespace seedscape {

QString ImportCell::text() const
{
    return table.rows[static_cast<size_t>(row)][column].trimmed();
}

void ImportCell::fail(const QString& problem) const
{
    throw InputError({table.sourceFile, line(), table.header[column]}, problem);
}

double ImportCell::number() const
{
    bool ok = false;
    const double v = QLocale::c().toDouble(text(), &ok);
    if (!ok || !std::isfinite(v))
        fail(QStringLiteral("not a number: '%1'").arg(InputError::excerpt(text())));
    return v;
}

qint64 ImportCell::rowIndex() const
{
    bool ok = false;
    const qint64 v = text().toLongLong(&ok);
    if (!ok || v < 0)
        fail(QStringLiteral("not a row number (0, 1, 2, …): '%1'").arg(InputError::excerpt(text())));
    return v;
}

ImportPart ImportCell::part() const
{
    if (text() == QLatin1String("val"))
        return ImportPart::Validation;
    if (text() == QLatin1String("test"))
        return ImportPart::Test;
    fail(QStringLiteral("split '%1' is not val or test").arg(InputError::excerpt(text())));
}

quint64 ImportCell::seed() const
{
    const std::optional<quint64> seed = SeedNumber::parse(text());
    if (!seed)
        fail(QStringLiteral("%1, got '%2'").arg(SeedNumber::rule(), InputError::excerpt(text())));
    return *seed;
}

int ImportCell::line() const
{
    return table.rowLines[static_cast<size_t>(row)];
}

QString ImportCell::partName(ImportPart part)
{
    return part == ImportPart::Validation ? QStringLiteral("val") : QStringLiteral("test");
}

int ImportCell::requireColumn(const CsvTable& table, const QString& name, const QString& expectedHeader)
{
    const int c = table.columnIndex(name);
    if (c < 0)
        throw InputError(
            {table.sourceFile, 1},
            QStringLiteral("missing column '%1' (the header must have %2)").arg(name, expectedHeader));
    return c;
}

} // namespace seedscape
