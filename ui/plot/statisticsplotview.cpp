#include "statisticsplotview.h"

#include "common/countednoun.h"
#include "experiment/experimentnames.h"
#include "stats/comparisongroup.h"
#include "stats/scatterdata.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
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
#include <numeric>

namespace seedscape {

namespace {

constexpr double kStripWidth = 0.3; // of the space between two experiments
// Right of the strip, side by side: the mean with its interval, then the ensemble, so neither
// marker hides the other when the two scores are close.
constexpr double kMeanOffset = kStripWidth / 2 + 0.1, kEnsembleOffset = kMeanOffset + 0.14;
constexpr size_t kLegendExperiments = 12;

} // namespace

StatisticsPlotView::StatisticsPlotView(Kind kind, QWidget* parent)
    : QWidget(parent), m_kind(kind), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (kind == Kind::Spread) {
        // Which scores, and how: a strip shows every seed, a box summarises many.
        m_scoreChoice = new QComboBox;
        m_scoreChoice->setObjectName(QStringLiteral("spreadScores"));
        m_scoreChoice->addItems({tr("validation scores"), tr("test scores")});
        m_styleChoice = new QComboBox;
        m_styleChoice->setObjectName(QStringLiteral("spreadStyle"));
        m_styleChoice->addItems({tr("strip of seeds"), tr("box plot")});
        connect(m_scoreChoice, &QComboBox::activated, this, [this](int index) { setShowTest(index == 1); });
        connect(m_styleChoice, &QComboBox::activated, this,
                [this](int index) { setStyle(index == 1 ? Style::Box : Style::Strip); });
        auto* controls = new QHBoxLayout;
        controls->setContentsMargins(4, 2, 4, 0);
        controls->addWidget(new QLabel(tr("Show")));
        controls->addWidget(m_scoreChoice);
        controls->addWidget(new QLabel(tr("as")));
        controls->addWidget(m_styleChoice);
        controls->addStretch();
        layout->addLayout(controls);
    }
    layout->addWidget(m_plot);
    DashedPens::flattenGrids(m_plot);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ScoreTicker));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setAutoAddPlottableToLegend(false); // only named curves get an entry
    if (kind == Kind::EnsembleSize) {
        LegendUnderPlot::place(m_plot);
    }
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { rebuild(); });
    rebuild();
}

void StatisticsPlotView::setData(std::vector<ExperimentStatistics> experiments, const QString& groupKey)
{
    // Side by side only when scored on the same rows: the first experiment's comparison group, as in
    // the scatter; the others are named, never silently left out.
    std::vector<const ComparisonGroup*> groups;
    std::vector<Metric> metrics;
    for (const ExperimentStatistics& e : experiments) {
        groups.push_back(&e.group);
        metrics.push_back(e.metric);
    }
    const auto partition = ComparisonGroup::partition(groups, metrics);
    m_experiments.clear();
    m_otherGroups.clear();
    // The group shown: the one asked for (none of whose experiments may have seeds yet), else the first.
    size_t shown = groupKey.isEmpty() ? 0 : partition.size();
    for (size_t g = 0; g < partition.size() && shown == partition.size(); ++g)
        if (experiments[partition[g].front()].group.key == groupKey)
            shown = g;
    for (size_t g = 0; g < partition.size(); ++g)
        for (size_t i : partition[g]) {
            if (g == shown)
                m_experiments.push_back(std::move(experiments[i]));
            else
                m_otherGroups << experiments[i].name;
        }
    refresh();
}

QString StatisticsPlotView::otherGroupsNote() const
{
    if (m_otherGroups.isEmpty())
        return {};
    return tr("%1 with other data, split or metric left out: %2")
        .arg(countedNoun(m_otherGroups.size(), tr("checked experiment")),
             namesAndMore(m_otherGroups, ScatterData::kOtherGroupsNamed));
}

void StatisticsPlotView::setNote(const QString& text)
{
    // A row of its own under the plot: over the plot it would cover seeds.
    if (text.isEmpty()) {
        if (m_key)
            m_plot->plotLayout()->remove(m_key); // deletes it
        m_key = nullptr;
        m_plot->plotLayout()->simplify();
        return;
    }
    if (!m_key) {
        m_key = new QCPTextElement(m_plot);
        m_key->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
        m_key->setFont(m_plot->xAxis->labelFont());
        m_key->setMargins(QMargins(8, 4, 8, 0));
        // A row of its own, under the legend where there is one (the ensemble-size plot's).
        const int row = m_plot->plotLayout()->rowCount();
        m_plot->plotLayout()->addElement(row, 0, m_key);
        m_plot->plotLayout()->setRowStretchFactor(row, 0.001);
    }
    m_key->setText(text);
}

int StatisticsPlotView::slotOf(const QString& experiment) const
{
    if (!m_colours.isEmpty())
        return m_colours.slotOf(experiment);
    QStringList names;
    for (const ExperimentStatistics& e : m_experiments)
        names << e.name;
    return ExperimentColours(names).slotOf(experiment);
}

void StatisticsPlotView::refresh()
{
    m_stale = true;
    if (isVisible())
        rebuild();
}

void StatisticsPlotView::ensureBuilt()
{
    if (m_stale)
        rebuild();
}

void StatisticsPlotView::showEvent(QShowEvent* event)
{
    ensureBuilt();
    QWidget::showEvent(event);
}

int StatisticsPlotView::plottedPoints()
{
    ensureBuilt();
    int n = 0;
    for (int i = 0; i < m_plot->graphCount(); ++i)
        if (m_plot->graph(i)->property("counted").toBool())
            n += m_plot->graph(i)->dataCount();
    return n;
}

void StatisticsPlotView::changeEvent(QEvent* event)
{
    // The palette changed (the system switched between light and dark): recolour, keep the zoom.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        PlotTheme::fromPalette(palette()).apply(m_plot);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    QWidget::changeEvent(event);
}

void StatisticsPlotView::rebuild()
{
    m_stale = false;
    m_plot->clearGraphs();
    m_plot->clearPlottables();
    m_plot->clearItems();
    const bool higher = m_experiments.empty() || m_experiments.front().higherIsBetter;
    const QString metric =
        names::metricTitle(m_experiments.empty() ? Metric::Auto : m_experiments.front().metric);
    m_plot->yAxis->setLabel(
        tr("%1 %2 (better ↑)")
            .arg(m_showTest && m_kind == Kind::Spread ? tr("test") : tr("validation"), metric));
    m_plot->yAxis->setRangeReversed(!higher);
    if (m_kind == Kind::Spread)
        drawSpread();
    else
        drawEnsembleSize();
    rescaleAxesToData(m_plot);
    // A little room around the data.
    const QCPRange y = m_plot->yAxis->range();
    const double pad = std::max(y.size() * 0.08, 1e-9);
    m_plot->yAxis->setRange(y.lower - pad, y.upper + pad);
    if (m_kind == Kind::Spread)
        m_plot->xAxis->setRange(0.4, m_experiments.size() + 0.6);
    else { // curves keep off the side axes too
        const QCPRange x = m_plot->xAxis->range();
        const double xPad = std::max(x.size() * 0.04, 0.3);
        m_plot->xAxis->setRange(x.lower - xPad, x.upper + xPad);
    }
    PlotTheme::fromPalette(palette()).apply(m_plot);
    m_plot->replot();
}

void StatisticsPlotView::drawSpread()
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    m_plot->xAxis->setTicker(ticker);
    // Names are text: without the 'b' (beautiful powers) format QCustomPlot leaves "lr3e-4" alone
    // instead of drawing it as lr3·10⁻⁴.
    m_plot->xAxis->setNumberFormat(QStringLiteral("g"));
    m_plot->xAxis->setLabel(QString());
    const QColor ink = PlotTheme::fromPalette(palette()).text();
    for (size_t i = 0; i < m_experiments.size(); ++i) {
        const ExperimentStatistics& e = m_experiments[i];
        const double x = static_cast<double>(i + 1);
        // How many seeds each spread holds, under its name: one seed's strip looks like a steady model.
        ticker->addTick(x, tr("%1\nn = %2").arg(e.name).arg(e.seedCount()));
        const QColor colour = ExperimentColours::palette(slotOf(e.name));
        std::vector<double> scores;
        for (const ExperimentStatistics::SeedScore& s : e.seeds)
            scores.push_back(m_showTest ? s.test : s.validation);
        const Spread& spread = m_showTest ? e.test : e.validation;
        if (m_style == Style::Box)
            drawBox(x, scores, colour);
        else
            drawStrip(x, scores, colour);

        // The mean, its interval and the ensemble's outline in the theme's text colour.
        QCPGraph* mean = m_plot->addGraph();
        mean->setLineStyle(QCPGraph::lsNone);
        mean->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCrossSquare, QPen(ink, 1.5), Qt::NoBrush, 11));
        PlotTheme::mark(mean, PlotTheme::Ink::Text);
        mean->addData(x + kMeanOffset, spread.mean);
        if (std::isfinite(spread.ciLow)) {
            auto* interval = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
            interval->setDataPlottable(mean);
            interval->setPen(QPen(ink, 1.5));
            PlotTheme::mark(interval, PlotTheme::Ink::Text);
            interval->setData(QVector<double>{spread.mean - spread.ciLow},
                              QVector<double>{spread.ciHigh - spread.mean});
        }
        QCPGraph* ensemble = m_plot->addGraph();
        ensemble->setLineStyle(QCPGraph::lsNone);
        ensemble->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(ink, 1.5), colour, 14));
        PlotTheme::mark(ensemble, PlotTheme::Ink::Text);
        ensemble->setName(e.name); // (not in a legend: the axis names the experiments)
        ensemble->addData(x + kEnsembleOffset, m_showTest ? e.ensembleTest : e.ensembleValidation);
    }
    const QString key =
        m_style == Style::Box
            ? tr("box: quartiles and median, whiskers to the last seed within 1.5 IQR, dots beyond\n"
                 "⊠ with bar: mean and Student-t 95% interval · ◆: all-seed ensemble")
            : tr("dots: single seeds · ⊠ with bar: mean and Student-t 95% interval · ◆: all-seed "
                 "ensemble");
    setNote(m_otherGroups.isEmpty() ? key : key + QLatin1Char('\n') + otherGroupsNote());
}

void StatisticsPlotView::drawStrip(double x, const std::vector<double>& scores, const QColor& colour)
{
    QCPGraph* seeds = m_plot->addGraph();
    seeds->setProperty("counted", true);
    seeds->setLineStyle(QCPGraph::lsNone);
    QColor fill = colour;
    fill.setAlpha(170);
    seeds->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, fill, fill, 6));
    const int n = static_cast<int>(scores.size());
    for (int s = 0; s < n; ++s) // spread evenly across the strip, in the order seeds were stored
        seeds->addData(x - kStripWidth / 2 + (n > 1 ? kStripWidth * s / (n - 1) : kStripWidth / 2),
                       scores[s]);
}

void StatisticsPlotView::drawBox(double x, const std::vector<double>& scores, const QColor& colour)
{
    if (scores.empty())
        return;
    // Tukey's box: quartiles as numpy.percentile computes them, whiskers to the most extreme
    // scores within 1.5 IQR of the box, the rest drawn as outliers.
    const double q1 = Spread::percentile(scores, 25), median = Spread::percentile(scores, 50),
                 q3 = Spread::percentile(scores, 75);
    const double reach = 1.5 * (q3 - q1);
    double low = q1, high = q3;
    QVector<double> outliers;
    for (double v : scores) {
        if (v < q1 - reach || v > q3 + reach)
            outliers << v;
        else {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    }
    auto* box = new QCPStatisticalBox(m_plot->xAxis, m_plot->yAxis);
    box->setProperty("box", true);
    QColor fill = colour;
    fill.setAlpha(110);
    box->setBrush(fill);
    // The outline a shade of the fill, median and whiskers in the text colour (PlotTheme::apply).
    box->setPen(QPen(colour.darker(140), 1.3));
    box->setMedianPen(QPen(Qt::black, 2));
    PlotTheme::markShade(box, colour, 140);
    box->setWidth(kStripWidth);
    box->setOutlierStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 6));
    box->addData(x, low, q1, median, q3, high, outliers);
}

int StatisticsPlotView::plottedBoxes()
{
    ensureBuilt();
    int n = 0;
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        if (m_plot->plottable(i)->property("box").toBool())
            n += m_plot->plottable(i)->interface1D()->dataCount();
    return n;
}

void StatisticsPlotView::setStyle(Style style)
{
    m_style = style;
    if (m_styleChoice)
        m_styleChoice->setCurrentIndex(style == Style::Box ? 1 : 0);
    refresh();
}

void StatisticsPlotView::setShowTest(bool test)
{
    m_showTest = test;
    if (m_scoreChoice)
        m_scoreChoice->setCurrentIndex(test ? 1 : 0);
    refresh();
}

void StatisticsPlotView::drawEnsembleSize()
{
    QSharedPointer<CountTicker> sizes(new CountTicker);
    sizes->setAlwaysTicked(1);
    m_plot->xAxis->setTicker(sizes);
    const bool everyBand = m_experiments.size() <= kBandsForAll;
    const auto highlighted =
        std::find_if(m_experiments.begin(), m_experiments.end(),
                     [this](const ExperimentStatistics& e) { return e.name == m_highlighted; });
    m_plot->xAxis->setLabel(
        everyBand
            ? tr("ensemble size k (seeds averaged) — line: mean of the k-seed ensembles, band: their min–max")
        : highlighted != m_experiments.end()
            ? tr("ensemble size k (seeds averaged) — line: mean of the k-seed ensembles, band: %1's min–max")
                  .arg(m_highlighted)
            : tr("ensemble size k (seeds averaged) — line: mean of the k-seed ensembles"));
    m_plot->legend->setVisible(!m_experiments.empty());
    setNote(otherGroupsNote());
    // The highlighted experiment last, so its curve lies on top; the legend keeps the given order.
    std::vector<size_t> order(m_experiments.size());
    std::iota(order.begin(), order.end(), size_t(0));
    if (highlighted != m_experiments.end())
        std::rotate(order.begin() + (highlighted - m_experiments.begin()),
                    order.begin() + (highlighted - m_experiments.begin()) + 1, order.end());
    std::vector<QCPGraph*> means(m_experiments.size());
    for (size_t i : order) {
        const ExperimentStatistics& e = m_experiments[i];
        const bool isHighlighted = e.name == m_highlighted;
        const int slot = slotOf(e.name);
        const QColor colour = ExperimentColours::palette(slot);
        QCPGraph* low = m_plot->addGraph();
        QCPGraph* high = m_plot->addGraph();
        QCPGraph* mean = m_plot->addGraph();
        mean->setProperty("counted", true);
        for (const auto& point : e.sizeCurve) {
            low->addData(point.k, point.validationMin);
            high->addData(point.k, point.validationMax);
            mean->addData(point.k, point.validationMean);
        }
        QColor band = colour;
        band.setAlpha(45);
        low->setPen(Qt::NoPen);
        high->setPen(Qt::NoPen);
        if (everyBand || isHighlighted) {
            high->setBrush(band);
            high->setChannelFillGraph(low);
        }
        mean->setPen(QPen(colour, isHighlighted && !everyBand ? 3 : 2));
        // Its shape too: curves that cross stay apart in grey print.
        mean->setScatterStyle(ExperimentMarkers::style(slot, 8, QPen(colour, 1.0), colour));
        mean->setName(e.name);
        means[i] = mean;
    }
    for (size_t i = 0; i < means.size() && i < kLegendExperiments; ++i)
        means[i]->addToLegend();
}

QString StatisticsPlotView::name() const
{
    return m_kind == Kind::Spread ? QStringLiteral("spread") : QStringLiteral("ensemble-size");
}

DataTable StatisticsPlotView::dataTable() const
{
    return m_kind == Kind::Spread ? DataTable::spread(m_experiments) : DataTable::ensembleSize(m_experiments);
}

QString StatisticsPlotView::caption() const
{
    const QString caption =
        m_kind == Kind::Spread
            ? tr("Seed spread: each experiment's single-seed validation scores, their mean with the "
                 "Student-t 95% interval, and the all-seed ensemble (diamond).")
        : m_experiments.size() > kBandsForAll && !m_highlighted.isEmpty()
            ? tr("Ensemble size: mean validation score of k-seed ensembles for k = 1..N, with %1's "
                 "min–max band.")
                  .arg(m_highlighted)
            : tr("Ensemble size: mean validation score of k-seed ensembles for k = 1..N, with the "
                 "min–max band.");
    return m_otherGroups.isEmpty() ? caption
                                   : caption + QLatin1Char(' ') + otherGroupsNote() + QLatin1Char('.');
}

} // namespace seedscape
