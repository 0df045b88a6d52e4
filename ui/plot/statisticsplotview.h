#pragma once

#include "stats/experimentstatistics.h"

#include <QWidget>

class QCustomPlot;

namespace seedscape {

// The plots drawn from seed statistics, one experiment colour each (as in the scatter):
//  - Spread: single-seed validation scores as a strip per experiment (deterministic jitter),
//    the mean with its Student-t 95% interval, and the all-seed ensemble as a diamond.
//  - EnsembleSize: mean validation score of k-ensembles against k = 1..N, with a min–max band.
// Better is up whatever the metric.
class StatisticsPlotView : public QWidget
{
    Q_OBJECT

public:
    enum class Kind
    {
        Spread,
        EnsembleSize
    };

    explicit StatisticsPlotView(Kind kind, QWidget* parent = nullptr);

    // Experiments of one metric (those of other metrics than the first are left out).
    void setData(std::vector<ExperimentStatistics> experiments);
    const std::vector<ExperimentStatistics>& data() const { return m_experiments; }
    QCustomPlot* plot() const { return m_plot; }
    Kind kind() const { return m_kind; }

    // Seeds drawn as points (spread), or curve points drawn (ensemble size), over all experiments.
    int plottedPoints() const;

private:
    void rebuild();
    void drawSpread();
    void drawEnsembleSize();

    Kind m_kind;
    QCustomPlot* m_plot;
    std::vector<ExperimentStatistics> m_experiments;
};

} // namespace seedscape
