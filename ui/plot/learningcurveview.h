#pragma once

#include "experiment/experiment.h"
#include "experimentcolours.h"
#include "plotpage.h"

#include <QWidget>

#include <vector>

class QCustomPlot;

namespace seedscape {

// Learning curves of one experiment: the validation score per epoch of every seed (thin lines),
// their mean (thick) and a min–max band across seeds. Seeds stopped early simply end sooner.
class LearningCurveView : public QWidget, public PlotPage
{
    Q_OBJECT

public:
    explicit LearningCurveView(QWidget* parent = nullptr);

    // The workspace's experiments, for the experiment's colour in every view (set before setData).
    void setColours(ExperimentColours colours) { m_colours = std::move(colours); }
    void setData(const QString& experiment, Metric metric, std::vector<std::vector<double>> curves);
    QCustomPlot* plot() override { return m_plot; }
    QString name() const override { return QStringLiteral("curves"); }
    QWidget* widget() override { return this; }
    DataTable dataTable() const override;
    QString caption() const override;
    bool hasContent() const override { return !m_curves.empty(); }
    int seedLines() const { return static_cast<int>(m_curves.size()); }
    const QString& experiment() const { return m_experiment; }
    const std::vector<std::vector<double>>& curves() const { return m_curves; }
    // The mean across seeds at each epoch (over the seeds that reached it).
    const std::vector<double>& meanCurve() const { return m_mean; }

private:
    void fitAxes();

    QCustomPlot* m_plot;
    ExperimentColours m_colours;
    QString m_experiment;
    std::vector<std::vector<double>> m_curves;
    std::vector<double> m_mean;
};

} // namespace seedscape
