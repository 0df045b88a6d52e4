#include "plottheme.h"

#include <QPalette>

#include "qcustomplot_include.h"

namespace seedscape {

namespace {

// Where a mark's tag and a plot's theme are kept: dynamic properties of the layerable and plot.
constexpr char kInkProperty[] = "plotThemeInk";
constexpr char kShadeProperty[] = "plotThemeShade";
constexpr char kShadeFactorProperty[] = "plotThemeShadeFactor";
constexpr char kBackgroundProperty[] = "plotThemeBackground";
constexpr char kTextProperty[] = "plotThemeText";

// Shares of the text colour over the background. On white with black text they give exactly the
// greys the plots were drawn in before they had themes: the grid's 200 and 220 (QCustomPlot's
// defaults), the lines' 0x30, 0x70 and 0x90; on a dark palette the same contrast steps.
constexpr double kGridShare = 55.0 / 255, kSubGridShare = 35.0 / 255;
constexpr double kStrongShare = 207.0 / 255, kMutedShare = 143.0 / 255, kFaintShare = 111.0 / 255;

QPen recoloured(QPen pen, const QColor& colour)
{
    pen.setColor(colour);
    return pen;
}

} // namespace

PlotTheme::PlotTheme(const QColor& background, const QColor& text)
    : m_background(background), m_text(text), m_dark(background.lightnessF() < text.lightnessF())
{
}

PlotTheme PlotTheme::fromPalette(const QPalette& palette)
{
    // Base and Text, as an item view's cells: a plot is a view of data, drawn on the same ground.
    return PlotTheme(palette.color(QPalette::Base), palette.color(QPalette::Text));
}

PlotTheme PlotTheme::light()
{
    return PlotTheme(Qt::white, Qt::black);
}

QColor PlotTheme::blend(double share) const
{
    const auto mix = [share](int from, int to) {
        return qRound(from + (to - from) * share);
    };
    return QColor(mix(m_background.red(), m_text.red()), mix(m_background.green(), m_text.green()),
                  mix(m_background.blue(), m_text.blue()));
}

QColor PlotTheme::grid() const
{
    return blend(kGridShare);
}

QColor PlotTheme::subGrid() const
{
    return blend(kSubGridShare);
}

QColor PlotTheme::ink(Ink ink) const
{
    switch (ink) {
    case Ink::Text:
        return m_text;
    case Ink::Strong:
        return blend(kStrongShare);
    case Ink::Muted:
        return blend(kMutedShare);
    case Ink::Faint:
        return blend(kFaintShare);
    case Ink::Selection: // pure red reads on white; on dark grey a lighter red stands out more
        return m_dark ? QColor(0xff, 0x50, 0x50) : QColor(Qt::red);
    case Ink::Halo:
        return m_background;
    }
    return m_text;
}

QColor PlotTheme::shade(const QColor& colour, int factor) const
{
    return m_dark ? colour.lighter(factor) : colour.darker(factor);
}

QColor PlotTheme::problemText(const QPalette& palette)
{
    return fromPalette(palette).isDark() ? QColor(0xff, 0x8a, 0x80) : QColor(Qt::darkRed);
}

void PlotTheme::mark(QCPLayerable* layerable, Ink ink)
{
    layerable->setProperty(kInkProperty, static_cast<int>(ink));
}

void PlotTheme::markShade(QCPLayerable* layerable, const QColor& colour, int factor)
{
    layerable->setProperty(kShadeProperty, colour);
    layerable->setProperty(kShadeFactorProperty, factor);
}

void PlotTheme::recolour(QCPLayerable* layerable) const
{
    QColor colour;
    if (const QVariant base = layerable->property(kShadeProperty); base.isValid())
        colour = shade(base.value<QColor>(), layerable->property(kShadeFactorProperty).toInt());
    else if (const QVariant tag = layerable->property(kInkProperty); tag.isValid())
        colour = ink(static_cast<Ink>(tag.toInt()));
    else
        return; // an experiment's mark: its colour is the same in every theme
    if (auto* graph = qobject_cast<QCPGraph*>(layerable)) {
        if (graph->lineStyle() != QCPGraph::lsNone && graph->pen().style() != Qt::NoPen)
            graph->setPen(recoloured(graph->pen(), colour));
        QCPScatterStyle style = graph->scatterStyle();
        if (style.isPenDefined() && style.shape() != QCPScatterStyle::ssNone) {
            style.setPen(recoloured(style.pen(), colour));
            graph->setScatterStyle(style);
        }
    } else if (auto* box = qobject_cast<QCPStatisticalBox*>(layerable)) {
        box->setPen(recoloured(box->pen(), colour));
        box->setMedianPen(recoloured(box->medianPen(), m_text));
        box->setWhiskerPen(recoloured(box->whiskerPen(), m_text));
        box->setWhiskerBarPen(recoloured(box->whiskerBarPen(), m_text));
    } else if (auto* bars = qobject_cast<QCPErrorBars*>(layerable)) {
        bars->setPen(recoloured(bars->pen(), colour));
    } else if (auto* line = qobject_cast<QCPItemStraightLine*>(layerable)) {
        line->setPen(recoloured(line->pen(), colour));
    }
}

void PlotTheme::apply(QCustomPlot* plot) const
{
    plot->setBackground(QBrush(m_background));
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(recoloured(axis->basePen(), m_text));
            axis->setTickPen(recoloured(axis->tickPen(), m_text));
            axis->setSubTickPen(recoloured(axis->subTickPen(), m_text));
            axis->setLabelColor(m_text);
            axis->setTickLabelColor(m_text);
            // Only the colours change: the grid keeps its dots and flat caps (DashedPens).
            QCPGrid* grid = axis->grid();
            grid->setPen(recoloured(grid->pen(), this->grid()));
            grid->setSubGridPen(recoloured(grid->subGridPen(), subGrid()));
            grid->setZeroLinePen(recoloured(grid->zeroLinePen(), this->grid()));
        }
    const auto themeLegend = [this](QCPLegend* legend) {
        legend->setBrush(QBrush(m_background));
        legend->setBorderPen(recoloured(legend->borderPen(), m_text)); // a NoPen border stays none
        legend->setTextColor(m_text);
    };
    if (plot->legend)
        themeLegend(plot->legend);
    // Legend entries copy the legend's colour only when made: existing ones are set one by one.
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (auto* legend = qobject_cast<QCPLegend*>(element))
            themeLegend(legend);
        else if (auto* entry = qobject_cast<QCPAbstractLegendItem*>(element))
            entry->setTextColor(m_text);
        else if (auto* text = qobject_cast<QCPTextElement*>(element))
            text->setTextColor(m_text);
    }
    for (int i = 0; i < plot->plottableCount(); ++i)
        recolour(plot->plottable(i));
    for (int i = 0; i < plot->itemCount(); ++i)
        recolour(plot->item(i));
    plot->setProperty(kBackgroundProperty, m_background);
    plot->setProperty(kTextProperty, m_text);
}

PlotTheme PlotTheme::appliedTo(const QCustomPlot* plot)
{
    const QVariant background = plot->property(kBackgroundProperty);
    if (!background.isValid())
        return light();
    return PlotTheme(background.value<QColor>(), plot->property(kTextProperty).value<QColor>());
}

} // namespace seedscape
