#pragma once

#include "qcustomplot_include.h"

namespace seedscape {

// Ticks at whole numbers only, for axes that count (seeds in an ensemble, epochs): zoomed in or
// with few seeds, QCustomPlot's own ticker would label 1.5 seeds.
class CountTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange& range) override;
};

} // namespace seedscape
