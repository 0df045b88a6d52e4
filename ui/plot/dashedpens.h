#pragma once

#include <QColor>
#include <QPen>

class QCustomPlot;

namespace seedscape {

// Dotted and dashed pens whose dashes are as long as their pattern in every renderer. The pens
// Qt makes by default have square caps: Qt draws a cosmetic pen's dashes (the grid's) without
// them, but QSvgGenerator writes the cap into the SVG, where every dash gets it, so the grid's
// 1-on-2-off dots grow to 2 on and 1 off and rsvg-convert or a browser draws them nearly solid.
// Flat caps give the same dashes on screen, in SVG and in PDF.
class DashedPens
{
public:
    static QPen dotted(const QColor& colour, qreal width);
    static QPen dashed(const QColor& colour, qreal width);
    // Flat caps for the grid and subgrid pens of every axis of the plot.
    static void flattenGrids(QCustomPlot* plot);
};

} // namespace seedscape
