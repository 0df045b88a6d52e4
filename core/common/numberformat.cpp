#include "numberformat.h"

#include <cmath>

namespace seedscape {

QString formatNumber(double v, int significantDigits, NonFinite nonFinite)
{
    if (!std::isfinite(v) && nonFinite == NonFinite::Dash)
        return QStringLiteral("—");
    return QString::number(v, 'g', significantDigits);
}

QString withMinusSigns(QString text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        const bool startsNumber =
            text[i] == QLatin1Char('-') && (text[i + 1].isDigit() || text[i + 1] == QLatin1Char('.'));
        if (startsNumber && (i == 0 || !text[i - 1].isLetterOrNumber()))
            text[i] = QChar(0x2212);
    }
    return text;
}

QString formatTypedNumber(double v)
{
    return formatNumber(v, kTypedNumberDigits, NonFinite::AsWritten);
}

namespace {

// The decimal place of v's second significant digit: 1 for 1.6, 5 for 0.00076, -1 for 160.
int secondDigitPlace(double v)
{
    return 1 - static_cast<int>(std::floor(std::log10(v)));
}

// v rounded to `places` decimals (negative: to tens, hundreds…), written without exponent.
QString fixed(double v, int places)
{
    if (places >= 0)
        return QString::number(v, 'f', places);
    const double unit = std::pow(10.0, -places);
    return QString::number(std::round(v / unit) * unit, 'f', 0);
}

// halfWidth rounded to two significant digits.
double roundedHalfWidth(double halfWidth)
{
    const int firstPlaces = secondDigitPlace(halfWidth);
    return std::round(halfWidth * std::pow(10.0, firstPlaces)) / std::pow(10.0, firstPlaces);
}

} // namespace

int intervalPlace(double halfWidth)
{
    if (!std::isfinite(halfWidth) || halfWidth <= 0)
        return kNoPlace;
    return secondDigitPlace(
        roundedHalfWidth(halfWidth)); // 9.96 rounds to 10: two digits are "10", not "10.0"
}

QString formatToPlace(double v, int places)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    // Rounded from v's exact value, as printf does (a tie to even: 1.25 → 1.2, 1.35 → 1.4 since
    // 1.35 is 1.350000000000000088…), not from v / 0.1, which rounding error can push either way.
    QString text = fixed(v, places);
    if (text.startsWith(QLatin1Char('-')) && text.toDouble() == 0)
        text.remove(0, 1); // never "-0.00"
    return text;
}

QString formatSignificantKept(double v, int significantDigits)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    if (v == 0)
        return formatToPlace(0, significantDigits - 1);
    return formatToPlace(v, significantDigits - 1 - static_cast<int>(std::floor(std::log10(std::abs(v)))));
}

QString formatMeanAndInterval(double mean, double halfWidth)
{
    if (!std::isfinite(mean))
        return QStringLiteral("—");
    const int places = intervalPlace(halfWidth);
    if (places == kNoPlace)
        return formatNumber(mean, 5);
    return QStringLiteral("%1 ± %2").arg(formatToPlace(mean, places),
                                         fixed(roundedHalfWidth(halfWidth), places));
}

} // namespace seedscape
