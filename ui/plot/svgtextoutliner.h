#pragma once

#include <QByteArray>

namespace seedscape {

// Turns the <text> runs of a Qt-written SVG into filled outlines. Qt lays text out with its own
// font and splits a line into runs wherever the script or fallback font changes, each at an
// absolute position; a browser with other fonts then draws those runs with gaps or overlaps.
// Outlines look the same everywhere. Each outline keeps its string in aria-label, so the words
// stay searchable and testable.
class SvgTextOutliner
{
public:
    // The same document with every <text> element replaced by a <path>; anything else is copied.
    // Returns svg unchanged if it does not parse.
    static QByteArray outline(const QByteArray& svg);
};

} // namespace seedscape
