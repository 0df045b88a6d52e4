#pragma once

#include "experimentcolours.h"
#include "plotpage.h"
#include "runningseedpoints.h"
#include "stats/scatterdata.h"

#include <QWidget>

#include <map>

class QCustomPlot;
class QCPGraph;
class QCPTextElement;
class QTimer;

namespace seedscape {

// The validation-vs-test scatter: single seeds small, k-ensembles larger, each full ensemble
// largest, one colour per experiment; the y = x line; trend lines and correlations for single
// seeds and for ensembles. Axes run so that better is up and right whatever the metric.
// Hover names a point, a click selects it, the wheel zooms, dragging pans, a double click resets.
// The view draws data it is given and owns none of the results (PlotJuggler's adapter).
class ScatterPlotView : public QWidget, public PlotPage
{
    Q_OBJECT

public:
    explicit ScatterPlotView(QWidget* parent = nullptr);

    void setData(ScatterData data);
    const ScatterData& data() const { return m_data; }
    // The plot, redrawn first if new data arrived while it was hidden.
    QCustomPlot* plot() override
    {
        ensureBuilt();
        return m_plot;
    }
    QString name() const override { return QStringLiteral("scatter"); }
    QWidget* widget() override { return this; }
    DataTable dataTable() const override;
    QString caption() const override;
    // Hidden views only remember new data; this draws it (showing the view does too).
    void ensureBuilt();

    // Points drawn of one kind, over every experiment.
    int plottedPoints(ScatterData::Kind kind);
    // The point under a widget position (within a few pixels), if any.
    const ScatterData::Point* pointAt(const QPoint& position, QString* experiment = nullptr) const;
    // Screen position of a point, for tests and for selection.
    QPointF positionOf(const ScatterData::Point& point) const;
    // A line of text describing a point: what the tooltip shows.
    QString describe(const QString& experiment, const ScatterData::Point& point) const;

    // Rings a point: the one of these seeds (a seed or an ensemble), or with no seeds the
    // experiment's full ensemble. The selection survives live updates.
    void selectPoint(const QString& experiment, const std::vector<quint64>& seeds);
    int selectedPoints(); // points ringed now (0 or 1, more only for identical ensembles)
    const std::vector<quint64>& selectedSeeds() const { return m_selectedSeeds; } // empty: full ensemble
    // Fits the axes to the data: one range for both while neither axis would use under half of it
    // (y = x stays the diagonal), else each axis its own; y = x is drawn wherever it crosses.
    // A view zoomed or panned by hand is given up for the fitted one (as a double click does).
    void resetView() override;
    bool canResetView() const override { return true; }
    bool hasEqualScales() const;

    // Seeds still training, drawn as crosses where their latest epoch scored: a batched group's seeds
    // all end together, and the plot would stay empty until then. Only the plotted comparison
    // group's experiments (its series and awaitingSeeds) are drawn; a burst of epochs is drawn at
    // once, a moment later. endRunningSeed removes one: its stored seed arrives with new data.
    void showRunningSeed(const QString& experiment, quint64 seed, int epoch, double validation, double test);
    // finished: its point is kept until data with the stored seed arrives (no gap in the plot).
    void endRunningSeed(const QString& experiment, quint64 seed, bool finished);
    int runningPoints(); // drawn now (after the pending redraw)
    // A line of text describing the running seed at a position in the plot; empty when none is there.
    QString describeRunningAt(const QPoint& position) const;

    // The workspace's experiments, for one colour per experiment in every view. Without it the
    // plotted experiments, sorted by name, decide.
    void setColours(ExperimentColours colours) { m_colours = std::move(colours); }
    QColor colourOf(const QString& experiment) const { return colours().of(experiment); }

Q_SIGNALS:
    void pointClicked(const QString& experiment, const std::vector<quint64>& seeds);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override; // follows the palette: dark or light

private:
    void rebuild(); // the steps below, in drawing order
    void labelAxes();
    void addMarkers(ScatterData::Kind kind); // one graph per colour
    void addExperimentLegend();              // legend entries for the first experiments
    void addKindLegend();                    // legend entries for the three marker sizes
    void addReferenceLines();                // y = x and the two trend lines
    void addCorrelationText();               // or, with no data yet, how to get some
    void addSelectionGraph();
    void showSelection();
    void addRunningMarkers();              // one graph per colour of the running seeds drawn
    void fillRunningGraphs();              // their crosses, where the latest epochs put them
    void redrawRunning();                  // moves them, or rebuilds when their colours or the legend change
    std::vector<int> runningSlots() const; // the colours of the running seeds drawn, ascending
    bool hasPoints() const;                // anything to draw: finished points or running ones

    QCustomPlot* m_plot;
    ScatterData m_data;
    struct Drawn
    {
        QCPGraph* graph;
        ScatterData::Kind kind;
        std::vector<std::pair<int, int>> points; // graph data index → (series, point index in it)
    };
    const ScatterData::Point& pointOf(const std::pair<int, int>& ref) const;
    // The finite points of one kind drawn in one colour, sorted by validation score.
    std::vector<std::pair<int, int>> pointsOf(ScatterData::Kind kind, int slot) const;
    ExperimentColours colours() const;
    ExperimentColours m_colours;
    std::vector<Drawn> m_drawn;
    QCPGraph* m_selection = nullptr;
    QCPGraph* m_selectionHalo = nullptr; // under m_selection, sharing its data
    QCPTextElement* m_caption;           // correlations and notes, in a row of their own above the plot
    bool m_stale = false;                // data changed since the last rebuild
    bool m_userView = false;             // zoomed or panned by hand: live updates keep the view
    QString m_selectedExperiment;
    std::vector<quint64> m_selectedSeeds;
    RunningSeedPoints m_running;
    std::map<int, QCPGraph*> m_runningGraphs; // colour slot → its crosses
    QStringList m_trainingOnlyInLegend;
    QTimer* m_runningRedraw; // coalesces a burst of epochs (a group of seeds ends each together)
};

} // namespace seedscape
