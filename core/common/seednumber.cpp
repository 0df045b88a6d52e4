#include "seednumber.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace seedscape {

std::optional<quint64> SeedNumber::parse(const QString& text)
{
    bool ok = false;
    const quint64 seed = text.toULongLong(&ok);
    return ok ? std::optional<quint64>(seed) : std::nullopt;
}

std::optional<quint64> SeedNumber::fromJson(const nlohmann::json& value)
{
    // A negative whole number is number_integer; 0 and above may be either kind.
    if (value.is_number_unsigned() || (value.is_number_integer() && value.get<qint64>() >= 0))
        return value.get<quint64>();
    return std::nullopt;
}

QString SeedNumber::range()
{
    return QStringLiteral("a whole number from 0 to %1").arg(std::numeric_limits<quint64>::max());
}

QString SeedNumber::rule()
{
    return QStringLiteral("a seed must be %1").arg(range());
}

} // namespace seedscape
