#pragma once

#include <QBrush>
#include <QPainterPath>
#include <QPen>

#include "qcustomplot_include.h"

namespace seedscape {

// One marker shape per palette slot (ExperimentColours), beside its colour: experiments stay apart in
// a figure printed in grey and for the one reader in twelve who cannot tell red from green. Shapes
// repeat with the colours, after ten experiments. Every shape covers the area of the circle of the
// same size, so no experiment's markers look heavier than another's.
class ExperimentMarkers
{
public:
    static constexpr int kShapeCount = 10;

    // A marker of the slot's shape, `size` pixels across, outlined by `pen` (its width in pixels,
    // whatever the size) and filled with `brush`.
    static QCPScatterStyle style(int slot, double size, const QPen& pen, const QBrush& brush);
    // The slot's outline in QCustomPlot's custom-path units (a circle of size 6 has radius 3);
    // empty for slot 0, QCustomPlot's own circle.
    static QPainterPath outline(int slot);
    // The slot's marker in `colour`, outlined darker, on a transparent square `pixels` across (at
    // the device pixel ratio): for a list that names the experiment beside its plots.
    static QPixmap pixmap(int slot, const QColor& colour, int pixels, qreal devicePixelRatio = 1.0);
};

} // namespace seedscape
