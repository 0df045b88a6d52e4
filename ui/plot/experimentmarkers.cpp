#include "experimentmarkers.h"

#include <QPolygonF>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace seedscape {

namespace {

constexpr double kUnit = 6.0;                                // QCustomPlot's custom-path size
constexpr double kCircleArea = std::numbers::pi * 3.0 * 3.0; // the circle of size 6
constexpr double kDegree = std::numbers::pi / 180.0;
// A pointed shape of the circle's area reaches well past it (a triangle's tip by half again): its
// markers would overlap the legend's next line. Shapes are kept within 4/3 of the circle's radius.
constexpr double kMaxReach = 4.0;

int wrapped(int slot)
{
    return ((slot % ExperimentMarkers::kShapeCount) + ExperimentMarkers::kShapeCount) %
           ExperimentMarkers::kShapeCount;
}

// A regular polygon of `corners` corners, the first at `startDegrees` (0 is right, 90 down), with
// the circle's area.
QPainterPath regular(int corners, double startDegrees)
{
    const double radius = std::sqrt(2 * kCircleArea / (corners * std::sin(2 * std::numbers::pi / corners)));
    QPolygonF polygon;
    for (int i = 0; i < corners; ++i) {
        const double angle = (startDegrees + 360.0 * i / corners) * kDegree;
        polygon << QPointF(radius * std::cos(angle), radius * std::sin(angle));
    }
    QPainterPath path;
    path.addPolygon(polygon);
    path.closeSubpath();
    return path;
}

// A five-pointed star, its inner corners at half the outer radius, with the circle's area.
QPainterPath star()
{
    constexpr double inner = 0.5;
    const double outer = std::sqrt(kCircleArea / (5 * inner * std::sin(36 * kDegree)));
    QPolygonF polygon;
    for (int i = 0; i < 10; ++i) {
        const double angle = (-90 + 36.0 * i) * kDegree;
        const double radius = i % 2 == 0 ? outer : outer * inner;
        polygon << QPointF(radius * std::cos(angle), radius * std::sin(angle));
    }
    QPainterPath path;
    path.addPolygon(polygon);
    path.closeSubpath();
    return path;
}

// The path shrunk, if need be, to reach no further than kMaxReach from the centre on either axis.
QPainterPath withinReach(const QPainterPath& path)
{
    const QRectF box = path.boundingRect();
    const double reach = std::max({-box.left(), box.right(), -box.top(), box.bottom()});
    if (reach <= kMaxReach)
        return path;
    return QTransform::fromScale(kMaxReach / reach, kMaxReach / reach).map(path);
}

QPainterPath shapeOf(int slot)
{
    switch (slot) {
    case 1:
        return regular(4, 45); // square
    case 2:
        return regular(3, -90); // triangle, point up
    case 3:
        return regular(4, 0); // diamond
    case 4:
        return regular(3, 90); // triangle, point down
    case 5:
        return regular(5, -90); // pentagon
    case 6:
        return star();
    case 7:
        return regular(6, 0); // hexagon, flat top
    case 8:
        return regular(3, 180); // triangle, point left: no cross, which marks a seed still training
    case 9:
        return regular(3, 0); // triangle, point right
    default:
        return {}; // QCustomPlot's circle
    }
}

} // namespace

QPainterPath ExperimentMarkers::outline(int slot)
{
    return withinReach(shapeOf(wrapped(slot)));
}

QPixmap ExperimentMarkers::pixmap(int slot, const QColor& colour, int pixels, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(pixels, pixels) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QCPPainter painter(&pixmap);
    painter.setAntialiasing(true);
    // The shape's reach (4 of 6 units) fits the square with room for the outline.
    const QCPScatterStyle marker =
        style(slot, (pixels - 2) * kUnit / (2 * kMaxReach), QPen(colour.darker(150), 1.0), colour);
    marker.applyTo(&painter, QPen());
    marker.drawShape(&painter, pixels / 2.0, pixels / 2.0);
    return pixmap;
}

QCPScatterStyle ExperimentMarkers::style(int slot, double size, const QPen& pen, const QBrush& brush)
{
    const QPainterPath path = outline(slot);
    if (path.isEmpty())
        return QCPScatterStyle(QCPScatterStyle::ssCircle, pen, brush, size);
    // QCustomPlot scales a custom path, and its pen with it, by size/6: the pen is thinned to match.
    QPen scaled = pen;
    scaled.setWidthF(pen.widthF() * kUnit / size);
    return QCPScatterStyle(path, scaled, brush, size);
}

} // namespace seedscape
