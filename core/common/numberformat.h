#pragma once

#include <QString>

namespace seedscape {

// What a value that is not finite reads as.
enum class NonFinite
{
    Dash,      // "—": an undefined statistic (no seeds yet, a failed run) in a table, plot or report
    AsWritten, // "nan", "inf": a value the user typed, given back to them as they wrote it
};

// Significant digits that give a typed value back as the user wrote it ("0.1", not "0.1000000000000000056").
inline constexpr int kTypedNumberDigits = 12;

// Every number Seedscape shows a person: `significantDigits` significant digits, trailing zeros
// dropped ("0.25", "1e-05"), in the C locale so files and messages read the same everywhere.
QString formatNumber(double v, int significantDigits, NonFinite nonFinite = NonFinite::Dash);

// A value the user typed, given back in a field or a message: kTypedNumberDigits, nan and inf as written.
QString formatTypedNumber(double v);

} // namespace seedscape
