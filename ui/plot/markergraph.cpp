#include "markergraph.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

namespace {

constexpr int kFewMarkers = 4; // below this, drawing shapes is as quick as stamping

// How many pixels a marker covers, its outline included. A custom path (an experiment's shape) may
// reach past its size, and QCustomPlot scales it and its pen by size/6.
double across(const QCPScatterStyle& style)
{
    if (style.shape() != QCPScatterStyle::ssCustom)
        return style.size() + style.pen().widthF();
    const QRectF box = style.customPath().boundingRect();
    const double reach = std::max({-box.left(), box.right(), -box.top(), box.bottom()});
    return (2 * reach + style.pen().widthF()) * style.size() / 6.0;
}

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
    QString key = QStringLiteral("%1/%2/%3/%4/%5")
                      .arg(style.shape())
                      .arg(style.size())
                      .arg(style.pen().color().rgba())
                      .arg(style.pen().widthF())
                      .arg(style.brush().color().rgba());
    if (style.shape() == QCPScatterStyle::ssCustom) // each experiment's own shape
        for (int i = 0; i < style.customPath().elementCount(); ++i)
            key += QStringLiteral("/%1,%2")
                       .arg(style.customPath().elementAt(i).x)
                       .arg(style.customPath().elementAt(i).y);
    const int side = static_cast<int>(std::ceil(across(style) + 4));
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
