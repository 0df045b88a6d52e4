#include "scoreticker.h"

#include "common/numberformat.h"

#include <cmath>

namespace seedscape {

namespace {

constexpr double kLargestPlain = 1e6; // beyond, "1e+06" reads better than seven digits

} // namespace

int ScoreTicker::commonDecimals(const QVector<double>& ticks)
{
    if (ticks.isEmpty())
        return -1;
    double largest = 0;
    for (double tick : ticks)
        largest = std::max(largest, std::abs(tick));
    if (!std::isfinite(largest) || largest >= kLargestPlain)
        return -1;
    // The step sets the tolerance: ticks are multiples of it, up to floating-point error.
    const double step = ticks.size() > 1 ? std::abs(ticks[1] - ticks[0]) : std::max(largest, 1.0);
    const double tolerance = step * 1e-6;
    for (int decimals = 0; decimals <= kMaxDecimals; ++decimals) {
        const double scale = std::pow(10.0, decimals);
        bool exact = true;
        for (double tick : ticks)
            exact = exact && std::abs(std::round(tick * scale) / scale - tick) <= tolerance;
        if (exact)
            return decimals;
    }
    return -1;
}

QVector<QString> ScoreTicker::createLabelVector(const QVector<double>& ticks, const QLocale& locale,
                                                QChar formatChar, int precision)
{
    QVector<QString> labels;
    const int decimals = commonDecimals(ticks);
    if (decimals < 0)
        labels = QCPAxisTicker::createLabelVector(ticks, locale, formatChar, precision);
    else
        for (double tick : ticks) {
            // A tick a rounding error away from zero would read "-0.000".
            const double shown = std::abs(tick) < std::pow(10.0, -decimals) / 2 ? 0.0 : tick;
            labels.append(locale.toString(shown, 'f', decimals));
        }
    for (QString& label : labels)
        label = withMinusSigns(label); // an exponent's sign stays: QCustomPlot typesets "1e-05" itself
    return labels;
}

} // namespace seedscape
