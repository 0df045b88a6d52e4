#pragma once

#include "stats/datatable.h"

#include <QString>

class QCustomPlot;
class QWidget;

namespace seedscape {

// A tab of the window that shows one plot: what the exports and the report need of it, so the
// window picks the current plot by its page instead of by comparing names.
class PlotPage
{
public:
    virtual ~PlotPage() = default;

    virtual QString name() const = 0;        // a word for file names: scatter, spread, ensemble-size, curves
    virtual QWidget* widget() = 0;           // the tab's widget
    virtual QCustomPlot* plot() = 0;         // the plot as drawn (redrawn first if it is stale)
    virtual DataTable dataTable() const = 0; // the numbers behind the plot
    virtual QString caption() const = 0;     // what the plot shows, for the report
    virtual bool hasContent() const { return true; } // the report leaves out empty pages
    // Plots the user can zoom and drag go back to the view fitted to their data.
    virtual bool canResetView() const { return false; }
    virtual void resetView() {}
};

} // namespace seedscape
