#include "learningcurveview.h"

#include "common/countednoun.h"
#include "experiment/experimentnames.h"
#include "stats/curvesmoother.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include "countticker.h"
#include "dashedpens.h"
#include "datarangefit.h"
#include "experimentmarkers.h"
#include "legendunderplot.h"
#include "plottheme.h"
#include "qcustomplot_include.h"
#include "scoreticker.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

namespace {

constexpr int kReplotMs = 40; // live epochs arriving together are drawn once

// Adds one curve's finite points (and, on a log axis, only its positive ones) to a graph;
// a left-out point becomes a gap. Returns the points left out for being ≤ 0.
int addPoints(QCPGraph* graph, const std::vector<double>& values, bool logY)
{
    int leftOut = 0;
    QVector<double> x, y;
    for (size_t e = 0; e < values.size(); ++e) {
        const double v = values[e];
        if (!std::isfinite(v))
            continue;
        x << static_cast<double>(e + 1);
        if (logY && v <= 0) {
            ++leftOut;
            y << qQNaN(); // QCustomPlot breaks the line at NaN
        } else {
            y << v;
        }
    }
    graph->setData(x, y, true);
    return leftOut;
}

} // namespace

LearningCurveView::LearningCurveView(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_smoothing(new QDoubleSpinBox(this)),
      m_logY(new QCheckBox(tr("Log scale (y)"), this))
{
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(6, 4, 6, 0);
    auto* smoothingLabel = new QLabel(tr("Smoothing:"), this);
    m_smoothing->setObjectName(QStringLiteral("curveSmoothing"));
    m_smoothing->setRange(0.0, 0.95);
    m_smoothing->setSingleStep(0.05);
    m_smoothing->setDecimals(2);
    m_smoothing->setSpecialValueText(tr("off"));
    m_smoothing->setToolTip(tr("Exponential moving average of each seed's curve: each epoch's "
                               "point is w × the previous point + (1 − w) × its score."));
    smoothingLabel->setBuddy(m_smoothing);
    m_logY->setObjectName(QStringLiteral("curveLogY"));
    m_logY->setToolTip(tr("Scores ≤ 0 cannot be drawn on a log scale and are left out."));
    controls->addWidget(smoothingLabel);
    controls->addWidget(m_smoothing);
    controls->addSpacing(12);
    controls->addWidget(m_logY);
    controls->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(controls);
    layout->addWidget(m_plot);
    DashedPens::flattenGrids(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->xAxis->setLabel(tr("epoch"));
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new CountTicker));
    m_plot->legend->setVisible(false);
    // Inside, ten experiments' entries covered the last epochs, the part one looks at.
    LegendUnderPlot::place(m_plot);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &LearningCurveView::resetView);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() == Qt::LeftButton) // a drag; a right click opens the menu
            m_userRange = true;
    });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_userRange = true; });
    PlotTheme::fromPalette(palette()).apply(m_plot);
    connect(m_smoothing, &QDoubleSpinBox::valueChanged, this, [this] { rebuild(); });
    connect(m_logY, &QCheckBox::toggled, this, [this] {
        m_userRange = false; // the old range means nothing on the other scale
        rebuild();
    });
}

void LearningCurveView::changeEvent(QEvent* event)
{
    // The palette changed (the system switched between light and dark): recolour, keep the zoom.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        PlotTheme::fromPalette(palette()).apply(m_plot);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    QWidget::changeEvent(event);
}

void LearningCurveView::setData(const QString& experiment, Metric metric,
                                std::vector<std::vector<double>> curves)
{
    LearningCurves set;
    set.experiment = experiment;
    set.metric = metric;
    set.curves = std::move(curves);
    std::vector<LearningCurves> sets;
    sets.push_back(std::move(set));
    setData(std::move(sets));
}

void LearningCurveView::setData(std::vector<LearningCurves> experiments)
{
    const QString first = experiments.empty() ? QString() : experiments.front().experiment;
    if (first != m_experiment)
        m_userRange = false;
    m_experiment = first;
    m_sets = std::move(experiments);
    for (const SeedKey& key : m_ended)
        m_live.erase(key);
    m_ended.clear();
    rebuild();
}

void LearningCurveView::addEpoch(const QString& experiment, quint64 seed, int epoch, double validationScore)
{
    if (epoch < 1)
        return;
    std::vector<double>& curve = m_live[{experiment, seed}];
    if (curve.size() < static_cast<size_t>(epoch))
        curve.resize(static_cast<size_t>(epoch), NAN);
    curve[static_cast<size_t>(epoch - 1)] = validationScore;
    scheduleReplot();
}

void LearningCurveView::endSeed(const QString& experiment, quint64 seed)
{
    if (m_live.count({experiment, seed}))
        m_ended.insert({experiment, seed});
}

void LearningCurveView::setSmoothing(double weight)
{
    m_smoothing->setValue(weight);
}

double LearningCurveView::smoothing() const
{
    return m_smoothing->value();
}

void LearningCurveView::setLogY(bool on)
{
    m_logY->setChecked(on);
}

bool LearningCurveView::logY() const
{
    return m_logY->isChecked();
}

void LearningCurveView::scheduleReplot()
{
    if (m_dirty)
        return;
    m_dirty = true;
    QTimer::singleShot(kReplotMs, this, [this] {
        if (m_dirty)
            rebuild();
    });
}

QCustomPlot* LearningCurveView::plot()
{
    if (m_dirty)
        rebuild();
    return m_plot;
}

void LearningCurveView::rebuild()
{
    m_dirty = false;
    m_plot->clearGraphs();
    m_meanGraphs.clear();
    m_liveGraphs.clear();
    m_mean.clear();
    m_leftOut = 0;
    const bool logY = m_logY->isChecked();
    const double weight = m_smoothing->value();
    // Nothing stored yet: no metric to name ("score"), rather than claiming one.
    const Metric metric = m_sets.empty() ? Metric::Auto : m_sets.front().metric;
    m_plot->yAxis->setLabel(tr("validation %1 (better ↑)").arg(names::metricTitle(metric)));
    m_plot->yAxis->setRangeReversed(!higherIsBetter(metric));
    // QCustomPlot fits a log axis on the side of zero its range is on: make that the positive side.
    if (logY && m_plot->yAxis->range().lower <= 0)
        m_plot->yAxis->setRange(1e-6, 1);
    m_plot->yAxis->setScaleType(logY ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logY)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ScoreTicker));

    const ExperimentColours fallback = [&] {
        QStringList names;
        for (const LearningCurves& set : m_sets)
            names << set.experiment;
        return ExperimentColours(names);
    }();
    const ExperimentColours& colours = m_colours.isEmpty() ? fallback : m_colours;
    m_plot->legend->clearItems();
    int drawnSets = 0;
    for (const LearningCurves& set : m_sets) {
        // Beside the selected experiment, one with no finished seed (every one failed) and none
        // training has nothing to draw: a legend entry "(0 seeds)" would only cover the curves.
        const bool anyTraining = std::any_of(m_live.begin(), m_live.end(), [&](const auto& live) {
            return live.first.first == set.experiment && !m_ended.count(live.first);
        });
        if (&set != &m_sets.front() && set.curves.empty() && !anyTraining)
            continue;
        ++drawnSets;
        std::vector<std::vector<double>> smoothed;
        for (const auto& c : set.curves)
            smoothed.push_back(CurveSmoother::smooth(c, weight));
        // Mean and band only over the epochs that every seed with a curve reached. Past the first
        // early stop they would average the seeds still training, which are not a sample of all
        // (late epochs of a few slow seeds would read as "train longer"); their own lines go on.
        const size_t epochs = everySeedReached(set);
        std::vector<double> mean(epochs, NAN), low(epochs, NAN), high(epochs, NAN), rawMean(epochs, NAN);
        for (size_t e = 0; e < epochs; ++e) {
            double sum = 0, rawSum = 0, lo = INFINITY, hi = -INFINITY;
            int n = 0;
            for (size_t s = 0; s < smoothed.size(); ++s)
                if (e < smoothed[s].size() && std::isfinite(smoothed[s][e])) {
                    sum += smoothed[s][e];
                    rawSum += set.curves[s][e];
                    lo = std::min(lo, smoothed[s][e]);
                    hi = std::max(hi, smoothed[s][e]);
                    ++n;
                }
            if (n == 0)
                continue;
            mean[e] = sum / n;
            rawMean[e] = rawSum / n;
            low[e] = lo;
            high[e] = hi;
        }
        if (&set == &m_sets.front())
            m_mean = rawMean;

        const QColor colour = colours.of(set.experiment);
        QColor band = colour, line = colour;
        band.setAlpha(m_sets.size() > 1 ? 25 : 40);
        line.setAlpha(m_sets.size() > 1 ? 70 : 90);
        QCPGraph* lower = m_plot->addGraph();
        QCPGraph* upper = m_plot->addGraph();
        addPoints(lower, low, logY);
        addPoints(upper, high, logY);
        for (QCPGraph* g : {lower, upper}) {
            g->setPen(Qt::NoPen);
            g->removeFromLegend();
        }
        upper->setBrush(band);
        upper->setChannelFillGraph(lower);
        for (const auto& c : smoothed) {
            QCPGraph* seed = m_plot->addGraph();
            seed->setPen(QPen(line, 1));
            seed->removeFromLegend();
            m_leftOut += addPoints(seed, c, logY);
        }
        QCPGraph* average = m_plot->addGraph();
        const auto training = std::count_if(m_live.begin(), m_live.end(), [&](const auto& live) {
            return live.first.first == set.experiment && !m_ended.count(live.first);
        });
        QString name = tr("%1 (%2").arg(set.experiment,
                                        countedNoun(static_cast<qlonglong>(set.curves.size()), tr("seed")));
        if (training > 0)
            name += tr(", %n training", nullptr, static_cast<int>(training));
        average->setName(name + QLatin1Char(')'));
        // Darker than the seeds' lines on a light plot, lighter on a dark one: the mean stands out.
        average->setPen(QPen(PlotTheme::fromPalette(palette()).shade(colour, 130), 2.5));
        PlotTheme::markShade(average, colour, 130);
        addPoints(average, mean, logY);
        m_meanGraphs[set.experiment] = average;
    }
    // Seeds still training, after the stored ones so they are drawn on top.
    int live = 0;
    for (const auto& [key, curve] : m_live) {
        const bool shown = std::any_of(m_sets.begin(), m_sets.end(),
                                       [&](const LearningCurves& s) { return s.experiment == key.first; });
        if (!shown)
            continue; // another comparison group, or unchecked
        QCPGraph* graph = m_plot->addGraph();
        QPen pen(colours.of(key.first), 1.5, Qt::DashLine);
        graph->setPen(pen);
        graph->removeFromLegend();
        m_leftOut += addPoints(graph, CurveSmoother::smooth(curve, weight), logY);
        m_liveGraphs[key] = graph;
        ++live;
    }
    m_plot->legend->setVisible(drawnSets > 1);
    if (drawnSets > 1)
        markMeans(colours);

    // Imported predictions (and programs that report no progress) have no per-epoch scores: the
    // empty plot says why rather than showing bare axes.
    const bool noEpochs = std::none_of(m_sets.begin(), m_sets.end(), [](const LearningCurves& s) {
        return std::any_of(s.curves.begin(), s.curves.end(), [](const auto& c) { return !c.empty(); });
    });
    QString label;
    if (!m_sets.empty() && noEpochs && live == 0) // short: the label must fit a small export
        label = m_sets.size() == 1
                    ? tr("no learning curves: no score per epoch recorded for %1").arg(m_experiment)
                    : tr("no learning curves: no score per epoch recorded for these %n experiments", nullptr,
                         static_cast<int>(m_sets.size()));
    else if (drawnSets == 1)
        label =
            tr("epoch — %1: %2, mean (thick) and min–max band%3")
                .arg(m_experiment, countedNoun(seedLines(), tr("seed")), untilEveryStopped(m_sets.front()));
    else if (!m_sets.empty())
        label =
            tr("epoch — %1: each seed (thin), mean (thick) and min–max band%2")
                .arg(countedNoun(drawnSets, tr("experiment")),
                     std::any_of(m_sets.begin(), m_sets.end(),
                                 [](const LearningCurves& set) { return !untilEveryStopped(set).isEmpty(); })
                         ? tr(" while all its seeds train")
                         : QString());
    else if (live == 0)
        label = tr("epoch — no finished seeds to draw yet");
    else
        label = tr("epoch");
    if (live > 0)
        label += tr("; %1 training (dashed)").arg(countedNoun(live, tr("seed")));
    if (weight > 0)
        label += tr("; smoothed (EMA %1)").arg(weight, 0, 'f', 2);
    if (m_leftOut > 0)
        label += tr("; %1 ≤ 0 left out of the log scale").arg(countedNoun(m_leftOut, tr("score")));
    m_plot->xAxis->setLabel(label);
    PlotTheme::fromPalette(palette()).apply(m_plot);
    if (m_userRange)
        m_plot->replot();
    else
        fitAxes();
}

void LearningCurveView::resetView()
{
    m_userRange = false;
    fitAxes();
}

void LearningCurveView::fitAxes()
{
    // Fitted to the data with a margin all round, so no curve runs along an axis.
    rescaleAxesToData(m_plot);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        const QCPRange r = axis->range();
        if (axis->scaleType() == QCPAxis::stLogarithmic && r.lower > 0) {
            const double factor = std::pow(r.upper / r.lower, 0.05);
            axis->setRange(r.lower / std::max(factor, 1.01), r.upper * std::max(factor, 1.01));
            continue;
        }
        const double pad = std::max(r.size() * 0.05, 1e-9 * std::max(1.0, std::abs(r.upper)));
        axis->setRange(r.lower - pad, r.upper + pad);
    }
    m_plot->replot();
}

bool LearningCurveView::hasContent() const
{
    return std::any_of(m_sets.begin(), m_sets.end(),
                       [](const LearningCurves& s) { return !s.curves.empty(); });
}

size_t LearningCurveView::everySeedReached(const LearningCurves& set)
{
    size_t shortest = 0;
    bool any = false;
    for (const auto& c : set.curves)
        if (!c.empty()) { // imported seeds have no curve
            shortest = any ? std::min(shortest, c.size()) : c.size();
            any = true;
        }
    return shortest;
}

QString LearningCurveView::untilEveryStopped(const LearningCurves& set)
{
    const size_t shortest = everySeedReached(set);
    const bool longer = std::any_of(set.curves.begin(), set.curves.end(),
                                    [shortest](const auto& c) { return c.size() > shortest; });
    return longer ? tr(" up to epoch %1, the last every seed reached").arg(shortest) : QString();
}

int LearningCurveView::seedLines() const
{
    return static_cast<int>(curves().size());
}

const std::vector<std::vector<double>>& LearningCurveView::curves() const
{
    static const std::vector<std::vector<double>> none;
    return m_sets.empty() ? none : m_sets.front().curves;
}

// Overlaid experiments differ by colour alone, which fails in grey print and for colour-blind
// readers: each mean line carries its experiment's marker shape, about eight along it, and so does
// its legend entry, as in the scatter.
void LearningCurveView::markMeans(const ExperimentColours& colours)
{
    for (const auto& [experiment, graph] : m_meanGraphs) {
        const int epochs = graph->dataCount();
        graph->setScatterSkip(std::max(0, epochs / kMarkersAlongAMean - 1));
        graph->setScatterStyle(ExperimentMarkers::style(colours.slotOf(experiment), kMeanMarkerSize,
                                                        QPen(graph->pen().color(), 1.5),
                                                        colours.of(experiment)));
    }
}

QCPGraph* LearningCurveView::meanGraph(const QString& experiment) const
{
    const auto found = m_meanGraphs.find(experiment);
    return found == m_meanGraphs.end() ? nullptr : found->second;
}

QCPGraph* LearningCurveView::liveGraph(const QString& experiment, quint64 seed) const
{
    const auto found = m_liveGraphs.find({experiment, seed});
    return found == m_liveGraphs.end() ? nullptr : found->second;
}

DataTable LearningCurveView::dataTable() const
{
    DataTable table;
    for (const LearningCurves& s : m_sets) {
        DataTable one = DataTable::learningCurves(s.experiment, s.curves);
        table.columns = one.columns;
        for (auto& row : one.rows)
            table.rows.push_back(std::move(row));
    }
    if (table.columns.isEmpty())
        table = DataTable::learningCurves(m_experiment, {});
    return table;
}

QString LearningCurveView::caption() const
{
    QStringList names;
    for (const LearningCurves& s : m_sets)
        names << s.experiment;
    return tr("Learning curves of %1: validation score per epoch of every seed, each experiment's "
              "mean and min–max band up to the last epoch all its seeds reached.")
        .arg(names.join(QStringLiteral(", ")));
}

} // namespace seedscape
