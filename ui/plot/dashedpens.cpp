#include "dashedpens.h"

#include "qcustomplot_include.h"

namespace seedscape {

namespace {

QPen flat(QPen pen)
{
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

} // namespace

QPen DashedPens::dotted(const QColor& colour, qreal width)
{
    return flat(QPen(colour, width, Qt::DotLine));
}

QPen DashedPens::dashed(const QColor& colour, qreal width)
{
    return flat(QPen(colour, width, Qt::DashLine));
}

void DashedPens::flattenGrids(QCustomPlot* plot)
{
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            axis->grid()->setPen(flat(axis->grid()->pen()));
            axis->grid()->setSubGridPen(flat(axis->grid()->subGridPen()));
        }
}

} // namespace seedscape
