#include "markergraph.h"

#include <cmath>

namespace seedscape {

namespace {

constexpr int kFewMarkers = 4; // below this, drawing shapes is as quick as stamping

} // namespace

MarkerGraph::MarkerGraph(QCPAxis* keyAxis, QCPAxis* valueAxis) : QCPGraph(keyAxis, valueAxis) {}

void MarkerGraph::drawScatterPlot(QCPPainter* painter, const QVector<QPointF>& scatters,
                                  const QCPScatterStyle& style) const
{
    const bool vector = painter->modes().testFlag(QCPPainter::pmVectorized);
    if (vector) {
        // Qt's SVG writer ignores clipping: markers outside the axes (a zoomed view) would spill
        // over the labels and legend, so only those whose centre is inside are drawn.
        const QRectF inside = QRectF(clipRect()).adjusted(-0.5, -0.5, 0.5, 0.5);
        QVector<QPointF> visible;
        for (const QPointF& p : scatters)
            if (inside.contains(p))
                visible << p;
        QCPGraph::drawScatterPlot(painter, visible, style);
        return;
    }
    if (painter->transform().type() > QTransform::TxTranslate || scatters.size() < kFewMarkers ||
        style.shape() == QCPScatterStyle::ssNone || style.shape() == QCPScatterStyle::ssPixmap) {
        QCPGraph::drawScatterPlot(painter, scatters, style);
        return;
    }
    const QString key = QStringLiteral("%1/%2/%3/%4/%5")
                            .arg(style.shape())
                            .arg(style.size())
                            .arg(style.pen().color().rgba())
                            .arg(style.pen().widthF())
                            .arg(style.brush().color().rgba());
    const int side = static_cast<int>(std::ceil(style.size() + style.pen().widthF() + 4));
    if (key != m_stampKey) {
        m_stamp = QPixmap(side, side);
        m_stamp.fill(Qt::transparent);
        QCPPainter stampPainter(&m_stamp);
        stampPainter.setAntialiasing(true);
        style.applyTo(&stampPainter, pen());
        style.drawShape(&stampPainter, side / 2.0, side / 2.0);
        stampPainter.end();
        m_stampKey = key;
    }
    for (const QPointF& p : scatters)
        painter->drawPixmap(QPointF(std::round(p.x() - side / 2.0), std::round(p.y() - side / 2.0)), m_stamp);
}

} // namespace seedscape
