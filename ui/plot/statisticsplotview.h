#pragma once

#include "experimentcolours.h"
#include "plotpage.h"
#include "stats/experimentstatistics.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QCPTextElement;
class QCustomPlot;

namespace seedscape {

// The plots drawn from seed statistics, one experiment colour each (as in the scatter):
//  - Spread: single-seed validation (or test) scores per experiment as a strip (evenly spaced)
//    or a box plot, the mean with its Student-t 95% interval, and the all-seed ensemble as a diamond.
//  - EnsembleSize: mean validation score of k-ensembles against k = 1..N, with a min–max band.
// Better is up whatever the metric.
class StatisticsPlotView : public QWidget, public PlotPage
{
    Q_OBJECT

public:
    enum class Kind
    {
        Spread,
        EnsembleSize
    };

    enum class Style
    {
        Strip,
        Box
    };

    explicit StatisticsPlotView(Kind kind, QWidget* parent = nullptr);
    // Spread only: strip or box, validation or test scores (controls above the plot).
    void setStyle(Style style);
    void setShowTest(bool test);

    // Experiments of one comparison group: the one whose key is groupKey (the scatter's, led by the
    // selected experiment, which may have no seeds yet), else the first experiment's. Those scored on
    // other rows are left out and named under the plot and in the caption.
    void setData(std::vector<ExperimentStatistics> experiments, const QString& groupKey = {});
    // The selected experiment. Ensemble size: its curve is drawn over the others, and past
    // kBandsForAll experiments only its min–max band is (more bands overlap into one wash that
    // hides every curve). Takes effect at the next setData.
    void setHighlighted(const QString& experiment) { m_highlighted = experiment; }
    static constexpr size_t kBandsForAll = 3;
    const QStringList& otherGroups() const { return m_otherGroups; }
    const std::vector<ExperimentStatistics>& data() const { return m_experiments; }
    // The plot, redrawn first if new data arrived while it was hidden.
    QCustomPlot* plot() override
    {
        ensureBuilt();
        return m_plot;
    }
    QString name() const override;
    QWidget* widget() override { return this; }
    DataTable dataTable() const override;
    QString caption() const override;
    Kind kind() const { return m_kind; }
    // The workspace's experiments, for one colour per experiment in every view. Without it the
    // plotted experiments, sorted by name, decide.
    void setColours(ExperimentColours colours) { m_colours = std::move(colours); }
    int slotOf(const QString& experiment) const; // its palette slot: colour and marker shape

    // Seeds drawn as points (spread), or curve points drawn (ensemble size), over all experiments.
    int plottedPoints();
    int plottedBoxes(); // spread as a box plot: one box per experiment with seeds
    // Hidden views only remember new data; this draws it (showing the view does too).
    void ensureBuilt();

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override; // follows the palette: dark or light

private:
    void refresh(); // now when visible, else when next shown
    void rebuild();
    void drawSpread();
    QString
    otherGroupsNote() const; // "2 checked experiments with other data, split or metric left out: a, b"
    void setNote(const QString& text); // under the plot; none for ""

    void drawEnsembleSize();
    void drawStrip(double x, const std::vector<double>& scores, const QColor& colour);
    void drawBox(double x, const std::vector<double>& scores, const QColor& colour);

    Kind m_kind;
    ExperimentColours m_colours;
    QCustomPlot* m_plot;
    std::vector<ExperimentStatistics> m_experiments;
    Style m_style = Style::Strip;
    bool m_stale = false; // data changed since the last rebuild
    bool m_showTest = false;
    QComboBox* m_scoreChoice = nullptr;
    QComboBox* m_styleChoice = nullptr;
    QStringList m_otherGroups;       // experiments left out: other comparison groups
    QString m_highlighted;           // the selected experiment (ensemble size: on top, its band)
    QCPTextElement* m_key = nullptr; // under the plot: what the marks mean, and who is left out
};

} // namespace seedscape
