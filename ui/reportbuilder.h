#pragma once

#include "report/htmlreport.h"

#include <QCoreApplication>

#include <vector>

namespace seedscape {

class ExperimentTableModel;
class PlotPage;

// Gathers the one-file HTML report from what the window shows: the plot pages as SVG figures
// (empty pages left out) and the statistics and definitions of the checked experiments.
class ReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(ReportBuilder)

public:
    static constexpr int kFigureWidth = 880, kFigureHeight = 520; // each figure, in pixels at 96 dpi

    // path only names the file in errors. Throws StorageError when a figure cannot be drawn.
    static HtmlReport build(const QString& workspaceFolder, const ExperimentTableModel& experiments,
                            const std::vector<PlotPage*>& pages, const QString& path);
    // The same without a window: statistics and definitions as given (what `seedscape-cli report` uses).
    static HtmlReport build(const QString& workspaceFolder, WorkspaceStatistics statistics,
                            std::vector<Experiment> definitions, const std::vector<PlotPage*>& pages,
                            const QString& path);
};

} // namespace seedscape
