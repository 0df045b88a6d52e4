#pragma once

#include <QColor>

class QCPLayerable;
class QCustomPlot;
class QPalette;

namespace seedscape {

// The colours a plot is drawn in, in one place. On screen they come from the widget's palette
// (Base behind the plot, Text for axes, labels and legend, blends of the two for the grid and the
// reference lines), so a dark palette gives a dark plot; files are drawn in light(), the paper's
// colours, whatever the screen shows. Experiment colours are not the theme's: they stay the same
// in both, only the darker shade that sets off a mean line or an outline turns lighter on dark.
//
// Marks that are not an experiment's (reference lines, outlines, intervals) are tagged when drawn
// (mark, markShade); apply() recolours the plot and every tagged mark without rebuilding it, so a
// live palette change or an export keeps the user's zoom and selection.
class PlotTheme
{
public:
    // Colours for marks that belong to no experiment, from the text colour down to the grid's.
    enum class Ink
    {
        Text,      // outlines of ensemble markers, means and intervals, box medians
        Strong,    // the ensemble trend line
        Muted,     // the y = x line
        Faint,     // the seed trend, the marker-size key
        Selection, // the ring around the selected point: a screen mark, never exported
        Halo       // the background's colour, edging the ring so it reads on a marker of its colour
    };

    static PlotTheme fromPalette(const QPalette& palette);
    // White, black text, light grey grid: QCustomPlot's own defaults, and what exports use.
    static PlotTheme light();

    bool isDark() const { return m_dark; }
    QColor background() const { return m_background; }
    QColor text() const { return m_text; }
    QColor grid() const;
    QColor subGrid() const;
    QColor ink(Ink ink) const;
    // An experiment colour's shade for lines that must stand out from its fill: darker by factor
    // (as QColor::darker) on a light plot, lighter on a dark one.
    QColor shade(const QColor& colour, int factor) const;

    // Tags a plottable or item so apply() gives its lines (pen, marker outline, error bars; a box's
    // median and whiskers) the ink's colour.
    static void mark(QCPLayerable* layerable, Ink ink);
    // Tags it to take shade(colour, factor) instead (a box's median and whiskers take Text).
    static void markShade(QCPLayerable* layerable, const QColor& colour, int factor);

    // Colours the plot's background, axes, grid, legend, text elements and tagged marks, and
    // remembers the theme on the plot. Call replot afterwards.
    void apply(QCustomPlot* plot) const;
    // The theme last applied to a plot; light() for one never themed (it has the defaults).
    static PlotTheme appliedTo(const QCustomPlot* plot);

    // Error text in item views (an experiment file that does not load): dark red on a light
    // palette, a light red that reads on a dark one.
    static QColor problemText(const QPalette& palette);

    bool operator==(const PlotTheme& other) const = default;

private:
    PlotTheme(const QColor& background, const QColor& text);
    QColor blend(double share) const; // share of text over the background
    void recolour(QCPLayerable* layerable) const;

    QColor m_background, m_text;
    bool m_dark = false;
};

} // namespace seedscape
