#include "datarangefit.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

namespace {

// The values the plottables put on axis (keys or values, as the axis is to each).
QCPRange dataRange(QCustomPlot* plot, const QCPAxis* axis, bool* found)
{
    *found = false;
    QCPRange all;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        bool has = false;
        const QCPRange r = p->keyAxis() == axis     ? p->getKeyRange(has)
                           : p->valueAxis() == axis ? p->getValueRange(has)
                                                    : QCPRange();
        if (!has)
            continue;
        all = *found ? QCPRange(std::min(all.lower, r.lower), std::max(all.upper, r.upper)) : r;
        *found = true;
    }
    return all;
}

} // namespace

void rescaleAxesToData(QCustomPlot* plot)
{
    plot->rescaleAxes();
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        bool found = false;
        const QCPRange data = dataRange(plot, axis, &found);
        if (!found || data.size() > 0)
            continue;
        const double half = std::max(std::abs(data.lower) * 0.01, 0.01);
        axis->setRange(data.lower - half, data.upper + half);
    }
}

} // namespace seedscape
