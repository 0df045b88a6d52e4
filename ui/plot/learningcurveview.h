#pragma once

#include "experiment/experiment.h"
#include "experimentcolours.h"
#include "plotpage.h"
#include "stats/learningcurves.h"

#include <QWidget>

#include <map>
#include <set>
#include <utility>
#include <vector>

class QCheckBox;
class QCPGraph;
class QCustomPlot;
class QDoubleSpinBox;

namespace seedscape {

// Learning curves of several experiments overlaid, each in its workspace colour: the validation
// score per epoch of every stored seed (thin lines), their mean (thick, in the legend) and a
// min–max band across seeds; seeds stopped early simply end sooner. Seeds still training are drawn
// dashed and grow as their epochs end (addEpoch), without waiting for them to be stored; they are
// not in the mean or the band. Above the plot: smoothing (an exponential moving average, see
// CurveSmoother) and a log scale for y.
class LearningCurveView : public QWidget, public PlotPage
{
    Q_OBJECT

public:
    explicit LearningCurveView(QWidget* parent = nullptr);

    // The workspace's experiments, for the experiment's colour in every view (set before setData).
    void setColours(ExperimentColours colours) { m_colours = std::move(colours); }
    // The experiments to overlay, the selected one first: its metric names the y axis.
    void setData(std::vector<LearningCurves> experiments);
    void setData(const QString& experiment, Metric metric, std::vector<std::vector<double>> curves);

    // Smoothing weight w in [0, 0.95]: 0 draws the scores as they are.
    void setSmoothing(double weight);
    double smoothing() const;
    // A logarithmic y axis. Scores ≤ 0 have no place on it: those points are left out (the line
    // breaks there) and the axis label says how many.
    void setLogY(bool on);
    bool logY() const;
    int pointsLeftOut() const { return m_leftOut; } // on the log scale, the scores ≤ 0 not drawn

    QCustomPlot* plot() override;
    // Back to the range fitted to the curves after a zoom or pan (as a double click does).
    void resetView() override;
    bool canResetView() const override { return true; }
    QString name() const override { return QStringLiteral("curves"); }
    QWidget* widget() override { return this; }
    DataTable dataTable() const override; // the stored scores as they are, unsmoothed
    QString caption() const override;
    bool hasContent() const override;
    int seedLines() const; // the first experiment's stored seeds drawn
    const QString& experiment() const { return m_experiment; }
    const std::vector<LearningCurves>& experiments() const { return m_sets; }
    const std::vector<std::vector<double>>& curves() const; // the first experiment's
    // The first experiment's mean across seeds at each epoch that every seed reached, unsmoothed.
    const std::vector<double>& meanCurve() const { return m_mean; }
    // The thick mean line of an experiment as drawn (nullptr when not drawn).
    QCPGraph* meanGraph(const QString& experiment) const;
    // The dashed line of a seed still training (nullptr when there is none).
    QCPGraph* liveGraph(const QString& experiment, quint64 seed) const;

public Q_SLOTS:
    // A running seed's validation score after an epoch (1-based): extends its live curve.
    void addEpoch(const QString& experiment, quint64 seed, int epoch, double validationScore);
    // A seed has ended: its live curve goes at the next setData, which holds it if it was stored.
    void endSeed(const QString& experiment, quint64 seed);

protected:
    void changeEvent(QEvent* event) override; // follows the palette: dark or light

private:
    void rebuild();
    void scheduleReplot();
    void fitAxes();
    // How many epochs every seed with a curve reached: the mean and band stop there.
    static size_t everySeedReached(const LearningCurves& set);
    // " up to epoch 59, the last every seed reached" where some seed went on; empty otherwise.
    static QString untilEveryStopped(const LearningCurves& set);
    // Puts each experiment's marker shape along its mean line (several experiments overlaid).
    void markMeans(const ExperimentColours& colours);

    static constexpr int kMarkersAlongAMean = 8;
    static constexpr double kMeanMarkerSize = 8;

    QCustomPlot* m_plot;
    QDoubleSpinBox* m_smoothing;
    QCheckBox* m_logY;
    ExperimentColours m_colours;
    QString m_experiment;
    std::vector<LearningCurves> m_sets;
    std::vector<double> m_mean;
    using SeedKey = std::pair<QString, quint64>;
    std::map<SeedKey, std::vector<double>> m_live;
    std::set<SeedKey> m_ended; // live curves to drop at the next setData
    std::map<QString, QCPGraph*> m_meanGraphs;
    std::map<SeedKey, QCPGraph*> m_liveGraphs;
    int m_leftOut = 0;
    bool m_dirty = false;     // a live epoch arrived; the coalescing timer redraws
    bool m_userRange = false; // the user zoomed or panned: live epochs keep the range
};

} // namespace seedscape
