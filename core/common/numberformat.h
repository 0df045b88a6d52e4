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

// A mean with the half-width of its interval, "71.5 ± 1.6": the half-width to two significant
// digits and the mean to the same decimal place, so no digit is shown that the interval says is
// noise (docs/statistics.md). The mean alone (formatNumber, 5 digits) when the half-width is not
// finite or not positive; "—" for an undefined mean.
QString formatMeanAndInterval(double mean, double halfWidth);

} // namespace seedscape
