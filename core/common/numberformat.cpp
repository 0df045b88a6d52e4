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

} // namespace seedscape
