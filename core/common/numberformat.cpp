#include "numberformat.h"

#include <cmath>

namespace seedscape {

QString formatNumber(double v, int significantDigits, NonFinite nonFinite)
{
    if (!std::isfinite(v) && nonFinite == NonFinite::Dash)
        return QStringLiteral("—");
    return QString::number(v, 'g', significantDigits);
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

} // namespace

QString formatMeanAndInterval(double mean, double halfWidth)
{
    if (!std::isfinite(mean))
        return QStringLiteral("—");
    if (!std::isfinite(halfWidth) || halfWidth <= 0)
        return formatNumber(mean, 5);
    const int firstPlaces = secondDigitPlace(halfWidth);
    const double rounded = std::round(halfWidth * std::pow(10.0, firstPlaces)) / std::pow(10.0, firstPlaces);
    const int places = secondDigitPlace(rounded); // 9.96 rounds to 10: two digits are "10", not "10.0"
    const double step = std::pow(10.0, -places);
    const double shownMean = std::round(mean / step) * step;
    return QStringLiteral("%1 ± %2").arg(fixed(shownMean == 0 ? 0.0 : shownMean, places),
                                         fixed(rounded, places));
}

} // namespace seedscape
