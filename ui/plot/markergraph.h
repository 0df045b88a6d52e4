#pragma once

#include <QPixmap>
#include <QString>

#include "qcustomplot_include.h"

namespace seedscape {

// A scatter graph for thousands of markers: on screen (an unscaled painter) it stamps one pre-drawn,
// antialiased marker at each point, several times faster than drawing every ellipse; into SVG and PDF
// (vectorised painters) and scaled exports it draws the true shapes, so files stay sharp at any size.
class MarkerGraph : public QCPGraph
{
public:
    MarkerGraph(QCPAxis* keyAxis, QCPAxis* valueAxis);

protected:
    void drawScatterPlot(QCPPainter* painter, const QVector<QPointF>& scatters,
                         const QCPScatterStyle& style) const override;

private:
    mutable QPixmap m_stamp;
    mutable QString m_stampKey; // the style the stamp was drawn for
};

} // namespace seedscape
