#pragma once

#include <QString>

#include <climits>

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

// The decimal place formatMeanAndInterval rounds a mean to beside this half-width: 2 for 0.33, 1
// for 2.5, -1 for 160; kNoPlace when the half-width is not finite or not positive. Scores shown
// beside a mean (its ensemble, its best seed) are rounded to the same place.
inline constexpr int kNoPlace = INT_MIN;
int intervalPlace(double halfWidth);

// v rounded to `places` decimals with its trailing zeros, "53.20" (negative places round to tens,
// hundreds); "—" when not finite.
QString formatToPlace(double v, int places);

// v to `significantDigits` significant digits with its trailing zeros, "53.20" for 4 digits;
// "—" when not finite.
QString formatSignificantKept(double v, int significantDigits);

// Text for print (plots, the report): the hyphen in front of each negative number, "r = -0.60",
// becomes a true minus sign, U+2212, "r = −0.60". A hyphen inside a word or an exponent ("lr-3",
// "1e-05") stays. Files and the command line keep the hyphen that scripts parse.
QString withMinusSigns(QString text);

} // namespace seedscape
