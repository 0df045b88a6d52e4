#pragma once

#include <QString>

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace seedscape {

// The one rule for a seed wherever one is read (an experiment file, an import, a command-line
// option): a whole number from 0 to 2^64 − 1, so that every seed fits a quint64 unchanged.
class SeedNumber
{
public:
    // Decimal digits, spaces around them allowed; no sign, no fraction, nothing above 2^64 − 1.
    static std::optional<quint64> parse(const QString& text);
    // A JSON number that is a whole number of 0 or more (3.0 and "3" are not).
    static std::optional<quint64> fromJson(const nlohmann::json& value);

    // "a whole number from 0 to 18446744073709551615", for messages that already name the seed.
    static QString range();
    // "a seed must be a whole number from 0 to 18446744073709551615".
    static QString rule();
};

} // namespace seedscape
