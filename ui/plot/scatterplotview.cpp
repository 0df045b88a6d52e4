#include "scatterplotview.h"

#include "common/countednoun.h"
#include "common/numberformat.h"
#include "experiment/experimentnames.h"

#include <QMouseEvent>
#include <QRegularExpression>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include "dashedpens.h"
#include "experimentmarkers.h"
#include "markergraph.h"
#include "plottheme.h"
#include "qcustomplot_include.h"
#include "scoreticker.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

namespace {

// The ring around the selected point, and the background-coloured edge on each side of it.
constexpr int kRingSize = 22;
constexpr double kRingWidth = 2.5, kHaloWidth = 1.5;

constexpr double kHitRadius = 7.0; // pixels
constexpr size_t kLegendExperiments = 12;
constexpr int kLegendRightMargin = 3; // pixels
constexpr int kRunningRedrawMs = 150; // epochs of a batched group arrive in bursts
constexpr double kRunningSize = 8;

QString seedList(const std::vector<quint64>& seeds)
{
    QStringList words;
    for (size_t i = 0; i < seeds.size() && i < 6; ++i)
        words << QString::number(seeds[i]);
    if (seeds.size() > 6)
        words << QStringLiteral("… (%1 seeds)").arg(seeds.size());
    return words.join(QStringLiteral(", "));
}

// A graph's markers of one kind in an experiment's colour and shape (the size tells the kind).
// Outlines set off from the fill are tagged for the theme: the ensembles' rings turn light on a dark
// plot (PlotTheme::apply).
void setMarkers(QCPGraph* graph, ScatterData::Kind kind, const QColor& colour, int slot)
{
    QColor fill = colour;
    switch (kind) {
    case ScatterData::Kind::Seed:
        // Edged in the background's colour: invisible on the plain plot, it sets a seed off from the
        // same-coloured k-ensemble it sits on (accuracy on few rows puts many exactly there).
        fill.setAlpha(180);
        graph->setScatterStyle(ExperimentMarkers::style(slot, 7, QPen(Qt::white, 1.0), fill));
        PlotTheme::mark(graph, PlotTheme::Ink::Halo);
        break;
    case ScatterData::Kind::KEnsemble:
        fill.setAlpha(90);
        graph->setScatterStyle(ExperimentMarkers::style(slot, 9, QPen(colour.darker(120), 1.0), fill));
        PlotTheme::markShade(graph, colour, 120);
        break;
    case ScatterData::Kind::FullEnsemble:
        graph->setScatterStyle(ExperimentMarkers::style(slot, 16, QPen(Qt::black, 1.5), colour));
        PlotTheme::mark(graph, PlotTheme::Ink::Text);
        break;
    }
}

// A running seed: a cross in its experiment's colour, so it never reads as a finished result.
void setRunningMarkers(QCPGraph* graph, const QColor& colour)
{
    graph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssPlus, QPen(colour, 1.5), Qt::NoBrush, kRunningSize));
}

// A line through the whole plot: test = intercept + slope · validation, in a theme's ink.
void addStraightLine(QCustomPlot* plot, double intercept, double slope, const QPen& pen, PlotTheme::Ink ink)
{
    auto* line = new QCPItemStraightLine(plot);
    line->point1->setCoords(0, intercept);
    line->point2->setCoords(1, intercept + slope);
    line->setPen(pen);
    PlotTheme::mark(line, ink);
}

} // namespace

ScatterPlotView::ScatterPlotView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("scatterPlot"));
    DashedPens::flattenGrids(m_plot);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ScoreTicker));
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ScoreTicker));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    // The legend gets a column of its own beside the plot: the best points sit in the top right
    // corner, where an inset legend would hide them.
    m_plot->legend->setVisible(true);
    // Legend entries are added by hand: adding and removing one per graph costs a layout pass each.
    m_plot->setAutoAddPlottableToLegend(false);
    auto* side = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 1, side);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, m_plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(m_plot)); // keeps the legend at the top
    side->setRowStretchFactor(0, 0.001);
    side->setMargins(QMargins(0, 0, kLegendRightMargin, 0)); // its frame's right edge stays on the widget
    // Correlations and notes above the plot, never on top of its points.
    m_caption = new QCPTextElement(m_plot);
    m_caption->setObjectName(QStringLiteral("correlations"));
    m_caption->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    m_caption->setFont(QFont(m_plot->font().family(), m_plot->font().pointSize()));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_caption);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_runningRedraw = new QTimer(this);
    m_runningRedraw->setSingleShot(true);
    m_runningRedraw->setInterval(kRunningRedrawMs);
    connect(m_runningRedraw, &QTimer::timeout, this, &ScatterPlotView::redrawRunning);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &ScatterPlotView::resetView);
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_userView = true; });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (event->buttons() & Qt::LeftButton)
            m_userView = true; // a drag pans
    });
    rebuild();
}

ExperimentColours ScatterPlotView::colours() const
{
    if (!m_colours.isEmpty())
        return m_colours;
    QStringList names;
    for (const ScatterData::Series& s : m_data.series)
        names << s.experiment;
    return ExperimentColours(names);
}

void ScatterPlotView::setData(ScatterData data)
{
    m_data = std::move(data);
    m_running.prune(m_data); // a finished seed's cross gives way to its point
    m_stale = true;
    if (isVisible())
        rebuild();
}

void ScatterPlotView::ensureBuilt()
{
    if (m_stale)
        rebuild();
}

void ScatterPlotView::showEvent(QShowEvent* event)
{
    ensureBuilt();
    QWidget::showEvent(event);
}

void ScatterPlotView::changeEvent(QEvent* event)
{
    // The palette changed (the system switched between light and dark): recolour, keep the rest.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        PlotTheme::fromPalette(palette()).apply(m_plot);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    QWidget::changeEvent(event);
}

void ScatterPlotView::rebuild()
{
    m_stale = false;
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_drawn.clear();
    m_runningGraphs.clear();
    m_selection = nullptr;
    m_selectionHalo = nullptr;

    labelAxes();
    // Kinds are drawn in order, so full ensembles lie on top of every seed.
    for (ScatterData::Kind kind :
         {ScatterData::Kind::KEnsemble, ScatterData::Kind::Seed, ScatterData::Kind::FullEnsemble})
        addMarkers(kind);
    addRunningMarkers();
    addExperimentLegend();
    addKindLegend();
    addReferenceLines();
    addCorrelationText();
    addSelectionGraph();
    showSelection(); // a live update keeps what the user selected
    PlotTheme::fromPalette(palette()).apply(m_plot);
    if (m_userView && hasPoints())
        m_plot->replot(); // and where the user zoomed to
    else
        resetView();
}

void ScatterPlotView::labelAxes()
{
    const QString metric = names::metricTitle(m_data.metric);
    const bool higher = m_data.higherIsBetter;
    m_plot->xAxis->setLabel(tr("validation %1 (better →)").arg(metric));
    m_plot->yAxis->setLabel(tr("test %1 (better ↑)").arg(metric));
    // Lower-is-better metrics run right to left and top to bottom, so better is always up and right.
    m_plot->xAxis->setRangeReversed(!higher && hasPoints());
    m_plot->yAxis->setRangeReversed(!higher && hasPoints());
}

void ScatterPlotView::addMarkers(ScatterData::Kind kind)
{
    // One graph per colour and marker kind, not per experiment: a replot's cost grows with the
    // number of graphs, and 100 experiments share the 10 colours anyway.
    for (int slot = 0; slot < ExperimentColours::kPaletteSize; ++slot) {
        std::vector<std::pair<int, int>> points = pointsOf(kind, slot);
        if (points.empty())
            continue;
        Drawn drawn{new MarkerGraph(m_plot->xAxis, m_plot->yAxis), kind, std::move(points)};
        drawn.graph->setLineStyle(QCPGraph::lsNone);
        setMarkers(drawn.graph, kind, ExperimentColours::palette(slot), slot);
        QVector<double> x, y;
        for (const auto& ref : drawn.points) {
            x << pointOf(ref).validation;
            y << pointOf(ref).test;
        }
        drawn.graph->setData(x, y, true);
        m_drawn.push_back(std::move(drawn));
    }
}

std::vector<std::pair<int, int>> ScatterPlotView::pointsOf(ScatterData::Kind kind, int slot) const
{
    const ExperimentColours palette = colours();
    std::vector<std::pair<int, int>> points;
    for (size_t s = 0; s < m_data.series.size(); ++s) {
        const ScatterData::Series& series = m_data.series[s];
        if (palette.slotOf(series.experiment) != slot)
            continue;
        for (size_t i = 0; i < series.points.size(); ++i) {
            const ScatterData::Point& p = series.points[i];
            if (p.kind == kind && std::isfinite(p.validation) && std::isfinite(p.test))
                points.push_back({static_cast<int>(s), static_cast<int>(i)});
        }
    }
    // QCPGraph finds the visible points by binary search over keys: they must be sorted.
    std::stable_sort(points.begin(), points.end(), [this](const auto& a, const auto& b) {
        return pointOf(a).validation < pointOf(b).validation;
    });
    return points;
}

void ScatterPlotView::addExperimentLegend()
{
    // One entry per experiment (the first few), drawn as its full-ensemble marker; an experiment
    // whose first seeds are still training, as their cross.
    const ExperimentColours palette = colours();
    QStringList names, entries;
    for (const ScatterData::Series& s : m_data.series) {
        names << s.experiment;
        // Its seed count beside its name: an all-seed ensemble of one seed is no ensemble.
        const auto seeds = std::count_if(s.points.begin(), s.points.end(), [](const ScatterData::Point& p) {
            return p.kind == ScatterData::Kind::Seed;
        });
        entries << tr("%1 (%2)").arg(s.experiment, countedNoun(static_cast<qlonglong>(seeds), tr("seed")));
    }
    const qsizetype withSeeds = names.size();
    m_trainingOnlyInLegend = m_running.trainingOnly(m_data);
    names << m_trainingOnlyInLegend;
    for (qsizetype i = 0; i < names.size() && i < qsizetype(kLegendExperiments); ++i) {
        QCPGraph* key = m_plot->addGraph();
        key->setLineStyle(QCPGraph::lsNone);
        if (i < withSeeds)
            setMarkers(key, ScatterData::Kind::FullEnsemble, palette.of(names[i]), palette.slotOf(names[i]));
        else
            setRunningMarkers(key, palette.of(names[i]));
        key->setName(i < withSeeds ? entries[i] : names[i]);
        key->addToLegend();
    }
    if (names.size() >
        qsizetype(kLegendExperiments)) { // a legend of 100 names helps nobody: hover names a point
        QCPGraph* more = m_plot->addGraph();
        more->setName(
            tr("… %n more (hover a point)", nullptr, static_cast<int>(names.size() - kLegendExperiments)));
        more->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
        more->setLineStyle(QCPGraph::lsNone);
        more->addToLegend();
    }
}

void ScatterPlotView::addKindLegend()
{
    // The three marker sizes, as circles in a mid grey that reads on light and dark plots alike.
    const std::pair<ScatterData::Kind, QString> kinds[] = {
        {ScatterData::Kind::Seed, tr("single seed")},
        {ScatterData::Kind::KEnsemble,
         m_data.kSampled ? tr("%1-seed ensemble (≤ %2 each)").arg(m_data.k).arg(m_data.subsetLimit)
                         : tr("%1-seed ensemble").arg(m_data.k)},
        {ScatterData::Kind::FullEnsemble, tr("all-seed ensemble")}};
    for (const auto& [kind, label] : kinds) {
        QCPGraph* key = m_plot->addGraph();
        key->setLineStyle(QCPGraph::lsNone);
        setMarkers(key, kind, QColor(0x909090), 0);
        key->setName(label);
        key->addToLegend();
    }
    if (!m_runningGraphs.empty()) {
        QCPGraph* key = m_plot->addGraph();
        key->setLineStyle(QCPGraph::lsNone);
        setRunningMarkers(key, QColor(0x909090));
        key->setName(tr("training seed (latest epoch)"));
        key->addToLegend();
    }
}

void ScatterPlotView::addReferenceLines()
{
    using Ink = PlotTheme::Ink;
    const PlotTheme theme = PlotTheme::fromPalette(palette());
    addStraightLine(m_plot, 0, 1, DashedPens::dotted(theme.ink(Ink::Muted), 1), Ink::Muted); // y = x
    if (m_data.seedTrend.isDefined()) // never a line through two or three points
        addStraightLine(m_plot, m_data.seedTrend.intercept, m_data.seedTrend.slope,
                        DashedPens::dashed(theme.ink(Ink::Faint), 1.5), Ink::Faint);
    if (m_data.ensembleTrend.isDefined())
        addStraightLine(m_plot, m_data.ensembleTrend.intercept, m_data.ensembleTrend.slope,
                        QPen(theme.ink(Ink::Strong), 2), Ink::Strong);
}

void ScatterPlotView::addCorrelationText()
{
    QString text;
    if (m_data.series.empty() && !m_runningGraphs.empty())
        text = tr("Seeds are training: each cross is a seed where its latest epoch scored.\n"
                  "It becomes a point when the seed finishes; its ensembles follow.");
    else if (m_data.series.empty()) // an empty plot says how to fill it
        text = tr("No finished seeds yet: choose an experiment and press Run (Ctrl+R).\n"
                  "Each seed appears here as it finishes, with its ensembles.");
    else // n and the interval: a correlation of a few points says so (docs/statistics.md)
        // The line is named only where it is drawn.
        // Seeds of several experiments are pooled: their r mixes the experiments' differences with
        // the seeds' noise, which the words say (each experiment's own r is in the table).
        // One experiment has one full ensemble: no line of ensembles to correlate.
        text = withMinusSigns(
                   tr("%4: Pearson %1, Spearman ρ %2%3")
                       .arg(m_data.seedTrend.correlation.pearsonText(),
                            Correlation::coefficientText(m_data.seedTrend.correlation.spearman),
                            m_data.seedTrend.isDefined() ? tr(" (dashed trend)") : QString(),
                            m_data.series.size() > 1
                                ? tr("single seeds (%1 experiments pooled)").arg(m_data.series.size())
                                : tr("single seeds")) +
                   (m_data.series.size() < 2
                        ? QString()
                        : tr("\nall-seed ensembles: Pearson %1, Spearman ρ %2%3")
                              .arg(m_data.ensembleTrend.correlation.pearsonText(),
                                   Correlation::coefficientText(m_data.ensembleTrend.correlation.spearman),
                                   m_data.ensembleTrend.isDefined() ? tr(" (solid trend)") : QString())))
                   // "(n = 5)" wraps as a whole in a narrow figure, never as "(n" over "= 5)".
                   .replace(QRegularExpression(QStringLiteral("\\bn = ")), QStringLiteral("n\u00a0=\u00a0"));
    // Experiments scored on other rows are left out, never silently.
    if (!m_data.otherGroups.isEmpty())
        text += QLatin1Char('\n') + m_data.otherGroupsNote();
    if (const QString shared = m_data.sharedPointsNote(); !shared.isEmpty())
        text += QLatin1Char('\n') + shared;
    m_caption->setText(text);
}

void ScatterPlotView::addSelectionGraph()
{
    // A red ring alone vanishes around a red experiment's marker: a wider ring of the background's
    // colour under it edges it on both sides, so it reads on any fill.
    const PlotTheme theme = PlotTheme::fromPalette(palette());
    const auto ring = [this, &theme](PlotTheme::Ink ink, double width) {
        QCPGraph* graph = m_plot->addGraph();
        graph->setProperty("exportHidden", true); // a mark for the screen, not for a paper
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(theme.ink(ink), width), Qt::NoBrush, kRingSize));
        PlotTheme::mark(graph, ink);
        return graph;
    };
    m_selectionHalo = ring(PlotTheme::Ink::Halo, kRingWidth + 2 * kHaloWidth);
    m_selection = ring(PlotTheme::Ink::Selection, kRingWidth);
}

namespace {

// The span [low, high] of values, widened by a margin so no marker sits on the frame.
QCPRange paddedSpan(double low, double high)
{
    if (!std::isfinite(low))
        return QCPRange(0, 1);
    const double margin = std::max((high - low) * 0.06, 1e-9 * std::max(1.0, std::abs(high)));
    return QCPRange(low - margin, high + margin);
}

} // namespace

void ScatterPlotView::resetView()
{
    m_userView = false;
    double xLow = std::numeric_limits<double>::infinity(), xHigh = -xLow, yLow = xLow, yHigh = -xLow;
    const auto include = [&](double validation, double test) {
        if (std::isfinite(validation) && std::isfinite(test)) {
            xLow = std::min(xLow, validation);
            xHigh = std::max(xHigh, validation);
            yLow = std::min(yLow, test);
            yHigh = std::max(yHigh, test);
        }
    };
    for (const ScatterData::Series& s : m_data.series)
        for (const ScatterData::Point& p : s.points)
            include(p.validation, p.test);
    // Running seeds decide the view only while nothing has finished: their early epochs would
    // squeeze the finished points into a corner.
    if (m_data.series.empty())
        for (const RunningSeedPoints::Point& p : m_running.drawn(m_data))
            include(p.validation, p.test);
    const QCPRange x = paddedSpan(xLow, xHigh), y = paddedSpan(yLow, yHigh);
    // One range for both axes keeps y = x the diagonal, so distances compare; but only while each
    // axis would still use at least half of it — else the data would sit in a corner of the plot.
    const QCPRange both(std::min(x.lower, y.lower), std::max(x.upper, y.upper));
    const bool equalScales = x.size() >= 0.5 * both.size() && y.size() >= 0.5 * both.size();
    m_plot->xAxis->setRange(equalScales ? both : x);
    m_plot->yAxis->setRange(equalScales ? both : y);
    m_plot->replot();
}

bool ScatterPlotView::hasEqualScales() const
{
    return m_plot->xAxis->range() == m_plot->yAxis->range();
}

int ScatterPlotView::plottedPoints(ScatterData::Kind kind)
{
    ensureBuilt();
    int n = 0;
    for (const Drawn& d : m_drawn)
        if (d.kind == kind)
            n += d.graph->dataCount();
    return n;
}

const ScatterData::Point& ScatterPlotView::pointOf(const std::pair<int, int>& ref) const
{
    return m_data.series[static_cast<size_t>(ref.first)].points[static_cast<size_t>(ref.second)];
}

QPointF ScatterPlotView::positionOf(const ScatterData::Point& point) const
{
    return {m_plot->xAxis->coordToPixel(point.validation), m_plot->yAxis->coordToPixel(point.test)};
}

const ScatterData::Point* ScatterPlotView::pointAt(const QPoint& position, QString* experiment) const
{
    const ScatterData::Point* best = nullptr;
    double bestDistance = kHitRadius;
    // Full ensembles are drawn on top, so they win a tie.
    for (auto it = m_drawn.rbegin(); it != m_drawn.rend(); ++it)
        for (const auto& ref : it->points) {
            const ScatterData::Point& p = pointOf(ref);
            const QPointF at = positionOf(p);
            const double distance = std::hypot(at.x() - position.x(), at.y() - position.y());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = &p;
                if (experiment)
                    *experiment = m_data.series[static_cast<size_t>(ref.first)].experiment;
            }
        }
    return best;
}

QString ScatterPlotView::describe(const QString& experiment, const ScatterData::Point& p) const
{
    const QString metric = names::metricTitle(m_data.metric);
    QString what;
    switch (p.kind) {
    case ScatterData::Kind::Seed:
        what = tr("seed %1").arg(p.seeds.front());
        break;
    case ScatterData::Kind::KEnsemble:
        what = tr("%1-seed ensemble of %2").arg(p.seeds.size()).arg(seedList(p.seeds));
        break;
    case ScatterData::Kind::FullEnsemble:
        what = tr("ensemble of all %1 seeds").arg(p.seeds.size());
        break;
    }
    return tr("%1 · %2\nvalidation %3 %4, test %3 %5")
        .arg(experiment, what, metric, formatNumber(p.validation, 5), formatNumber(p.test, 5));
}

void ScatterPlotView::selectPoint(const QString& experiment, const std::vector<quint64>& seeds)
{
    m_selectedExperiment = experiment;
    m_selectedSeeds = seeds;
    if (m_stale)
        return; // drawn with the next rebuild
    showSelection();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int ScatterPlotView::selectedPoints()
{
    ensureBuilt();
    return m_selection ? m_selection->dataCount() : 0;
}

void ScatterPlotView::showSelection()
{
    m_selection->data()->clear();
    for (const ScatterData::Series& s : m_data.series)
        if (s.experiment == m_selectedExperiment)
            for (const ScatterData::Point& p : s.points)
                if (m_selectedSeeds.empty() ? p.kind == ScatterData::Kind::FullEnsemble
                                            : p.seeds == m_selectedSeeds)
                    m_selection->addData(p.validation, p.test);
    m_selectionHalo->setData(m_selection->data());
}

bool ScatterPlotView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot &&
        (event->type() == QEvent::MouseMove || event->type() == QEvent::MouseButtonRelease)) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        QString experiment;
        const ScatterData::Point* p = pointAt(mouse->pos(), &experiment);
        if (event->type() == QEvent::MouseMove) {
            const QString running = p ? QString() : describeRunningAt(mouse->pos());
            if (p)
                QToolTip::showText(mouse->globalPosition().toPoint(), describe(experiment, *p), m_plot);
            else if (!running.isEmpty())
                QToolTip::showText(mouse->globalPosition().toPoint(), running, m_plot);
            else
                QToolTip::hideText();
        } else if (p && mouse->button() == Qt::LeftButton) {
            selectPoint(experiment, p->seeds);
            Q_EMIT pointClicked(experiment, p->seeds);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ScatterPlotView::showRunningSeed(const QString& experiment, quint64 seed, int epoch, double validation,
                                      double test)
{
    if (m_running.show(m_data, {experiment, seed, epoch, validation, test}) && !m_runningRedraw->isActive())
        m_runningRedraw->start();
}

void ScatterPlotView::endRunningSeed(const QString& experiment, quint64 seed, bool finished)
{
    if (m_running.end(m_data, experiment, seed, finished) && !m_runningRedraw->isActive())
        m_runningRedraw->start();
}

bool ScatterPlotView::hasPoints() const
{
    return !m_data.series.empty() || !runningSlots().empty(); // the graphs may not be built yet
}

std::vector<int> ScatterPlotView::runningSlots() const
{
    const ExperimentColours palette = colours();
    std::vector<int> slots;
    for (const RunningSeedPoints::Point& p : m_running.drawn(m_data))
        slots.push_back(palette.slotOf(p.experiment));
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    return slots;
}

void ScatterPlotView::addRunningMarkers()
{
    for (int slot : runningSlots()) {
        QCPGraph* graph = new MarkerGraph(m_plot->xAxis, m_plot->yAxis);
        graph->setLineStyle(QCPGraph::lsNone);
        setRunningMarkers(graph, ExperimentColours::palette(slot));
        m_runningGraphs[slot] = graph;
    }
    fillRunningGraphs();
}

void ScatterPlotView::fillRunningGraphs()
{
    const ExperimentColours palette = colours();
    std::map<int, std::pair<QVector<double>, QVector<double>>> points;  // slot → validation, test
    for (const RunningSeedPoints::Point& p : m_running.drawn(m_data)) { // sorted by validation
        auto& [x, y] = points[palette.slotOf(p.experiment)];
        x << p.validation;
        y << p.test;
    }
    for (const auto& [slot, xy] : points)
        m_runningGraphs.at(slot)->setData(xy.first, xy.second, true);
}

void ScatterPlotView::redrawRunning()
{
    if (!isVisible()) {
        m_stale = true; // drawn when shown
        return;
    }
    std::vector<int> drawn;
    for (const auto& [slot, graph] : m_runningGraphs)
        drawn.push_back(slot);
    // Other colours, or legend entries to add or remove: the whole plot again.
    if (m_stale || runningSlots() != drawn || m_running.trainingOnly(m_data) != m_trainingOnlyInLegend) {
        rebuild();
        return;
    }
    fillRunningGraphs();
    if (!m_userView && m_data.series.empty())
        resetView(); // the crosses alone decide the view, and they move
    else
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString ScatterPlotView::describeRunningAt(const QPoint& position) const
{
    QString found;
    double bestDistance = kHitRadius;
    for (const RunningSeedPoints::Point& p : m_running.drawn(m_data)) {
        const double distance = std::hypot(m_plot->xAxis->coordToPixel(p.validation) - position.x(),
                                           m_plot->yAxis->coordToPixel(p.test) - position.y());
        if (distance < bestDistance) {
            bestDistance = distance;
            found = tr("%1 · seed %2, training: epoch %3\nvalidation %4 %5, test %4 %6 (its final scores "
                       "replace these)")
                        .arg(p.experiment)
                        .arg(p.seed)
                        .arg(p.epoch)
                        .arg(names::metricTitle(m_data.metric), formatNumber(p.validation, 5),
                             formatNumber(p.test, 5));
        }
    }
    return found;
}

int ScatterPlotView::runningPoints()
{
    if (m_runningRedraw->isActive()) {
        m_runningRedraw->stop();
        redrawRunning();
    }
    ensureBuilt();
    int n = 0;
    for (const auto& [slot, graph] : m_runningGraphs)
        n += graph->dataCount();
    return n;
}

DataTable ScatterPlotView::dataTable() const
{
    return DataTable::scatter(m_data);
}

QString ScatterPlotView::caption() const
{
    return tr("Validation vs test (%1): single seeds (small), %2-seed ensembles (medium) and the "
              "ensemble of all seeds (large) of each experiment; dotted y = x, dashed trend of "
              "single seeds, solid trend of ensembles.")
               .arg(names::metricTitle(m_data.metric))
               .arg(m_data.k) +
           (m_data.otherGroups.isEmpty() ? QString()
                                         : QLatin1Char(' ') + m_data.otherGroupsNote() + QLatin1Char('.'));
}

} // namespace seedscape
