#pragma once

#include "qcustomplot_include.h"

namespace seedscape {

// QCustomPlot's rescaleAxes() keeps an axis' old span, centred, when its data has a single value:
// a score every seed shares (1.0 accuracy) got an axis from -2 to 4. This rescales every axis to
// its plottables and gives such an axis a span of its own, ±1% of the value (±0.01 around 0),
// before the views add their margins.
void rescaleAxesToData(QCustomPlot* plot);

} // namespace seedscape
