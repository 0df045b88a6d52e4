#include "countticker.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

double CountTicker::getTickStep(const QCPRange& range)
{
    const double step = QCPAxisTicker::getTickStep(range); // 1, 2, 2.5 or 5 times a power of ten
    return step < 1 ? 1 : std::floor(step);                // 2.5 → 2; 25 stays
}

void CountTicker::generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                           QVector<double>& ticks, QVector<double>* subTicks, QVector<QString>* tickLabels)
{
    QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
    const double always = m_alwaysTicked;
    if (m_alwaysTicked < 0 || !range.contains(always) || ticks.contains(always))
        return;
    // Added after the sub-ticks are made, so they stay evenly spaced; it replaces one of them.
    const qsizetype at = std::lower_bound(ticks.begin(), ticks.end(), always) - ticks.begin();
    ticks.insert(at, always);
    if (tickLabels)
        tickLabels->insert(at, getTickLabel(always, locale, formatChar, precision));
    if (subTicks)
        subTicks->removeAll(always);
}

} // namespace seedscape
