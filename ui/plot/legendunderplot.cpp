#include "legendunderplot.h"

#include "qcustomplot_include.h"

namespace seedscape {

namespace {

constexpr int kEntriesPerLine = 3;
constexpr int kLegendMaximum = 100000; // pixels: below QWIDGETSIZE_MAX, so QCustomPlot takes it over the hint

} // namespace

void LegendUnderPlot::place(QCustomPlot* plot)
{
    QCPLegend* legend = plot->legend;
    plot->plotLayout()->addElement(1, 0, legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setWrap(kEntriesPerLine);
    legend->setBorderPen(Qt::NoPen);
    legend->setMargins(QMargins(8, 2, 8, 2));
    // An empty legend's width (no experiment to name yet) would cap its column's, and so the plot's:
    // a maximum of its own lifts that.
    legend->setMaximumSize(kLegendMaximum, kLegendMaximum);
}

} // namespace seedscape
