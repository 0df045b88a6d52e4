#include "learningcurveview.h"

#include "experiment/experimentnames.h"

#include <QVBoxLayout>

#include "dashedpens.h"
#include "qcustomplot_include.h"

#include <cmath>

namespace seedscape {

LearningCurveView::LearningCurveView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    DashedPens::flattenGrids(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->xAxis->setLabel(tr("epoch"));
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { fitAxes(); });
}

void LearningCurveView::setData(const QString& experiment, Metric metric,
                                std::vector<std::vector<double>> curves)
{
    m_experiment = experiment;
    m_curves = std::move(curves);
    m_plot->clearGraphs();
    const bool higher = higherIsBetter(metric);
    m_plot->yAxis->setLabel(tr("validation %1 (better ↑)").arg(names::metric(metric).toUpper()));
    m_plot->yAxis->setRangeReversed(!higher);

    size_t epochs = 0;
    for (const auto& c : m_curves)
        epochs = std::max(epochs, c.size());
    m_mean.assign(epochs, 0.0);
    QVector<double> x, mean, low, high;
    for (size_t e = 0; e < epochs; ++e) {
        double sum = 0, lo = INFINITY, hi = -INFINITY;
        int n = 0;
        for (const auto& c : m_curves)
            if (e < c.size() && std::isfinite(c[e])) {
                sum += c[e];
                lo = std::min(lo, c[e]);
                hi = std::max(hi, c[e]);
                ++n;
            }
        if (n == 0)
            continue;
        m_mean[e] = sum / n;
        x << static_cast<double>(e + 1);
        mean << m_mean[e];
        low << lo;
        high << hi;
    }
    QCPGraph* lower = m_plot->addGraph();
    QCPGraph* upper = m_plot->addGraph();
    lower->setData(x, low, true);
    upper->setData(x, high, true);
    lower->setPen(Qt::NoPen);
    upper->setPen(Qt::NoPen);
    const QColor colour = (m_colours.isEmpty() ? ExperimentColours({experiment}) : m_colours).of(experiment);
    QColor band = colour, line = colour;
    band.setAlpha(40);
    line.setAlpha(90);
    upper->setBrush(band);
    upper->setChannelFillGraph(lower);
    for (const auto& c : m_curves) {
        QCPGraph* seed = m_plot->addGraph();
        seed->setPen(QPen(line, 1));
        for (size_t e = 0; e < c.size(); ++e)
            if (std::isfinite(c[e]))
                seed->addData(static_cast<double>(e + 1), c[e]);
    }
    QCPGraph* average = m_plot->addGraph();
    average->setPen(QPen(colour.darker(130), 2.5));
    average->setData(x, mean, true);
    m_plot->xAxis->setLabel(tr("epoch — %1: %n seed(s), mean (thick) and min–max band", nullptr,
                               static_cast<int>(m_curves.size()))
                                .arg(experiment));
    fitAxes();
}

void LearningCurveView::fitAxes()
{
    // Fitted to the data with a margin all round, so no curve runs along an axis.
    m_plot->rescaleAxes();
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        const QCPRange r = axis->range();
        const double pad = std::max(r.size() * 0.05, 1e-9 * std::max(1.0, std::abs(r.upper)));
        axis->setRange(r.lower - pad, r.upper + pad);
    }
    m_plot->replot();
}

DataTable LearningCurveView::dataTable() const
{
    return DataTable::learningCurves(m_experiment, m_curves);
}

QString LearningCurveView::caption() const
{
    return tr("Learning curves of %1: validation score per epoch of every seed, their mean "
              "and min–max band.")
        .arg(m_experiment);
}

} // namespace seedscape
