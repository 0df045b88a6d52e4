#pragma once

#include <QObject>
#include <QSize>

#include <vector>

class QWidget;

namespace seedscape {

class ExperimentTableModel;
class PlotPage;

// The Export menu's work: a plot as drawn, the numbers behind it, the statistics of the checked
// experiments and the HTML report. Every file is written atomically; what happened (saved, or
// why not) goes out as message().
class ExportActions : public QObject
{
    Q_OBJECT

public:
    // pages: every plot page, in the report's order; dialogs open over window.
    ExportActions(const ExperimentTableModel* experiments, std::vector<PlotPage*> pages, QWidget* window);

    void setWorkspace(const QString& folder) { m_workspace = folder; }

    // The page's plot at a size in on-screen pixels (empty: as on screen); the format follows the
    // extension (.png at dpi, .svg, .pdf). Each export returns false, with a message, on failure.
    bool exportPlot(PlotPage* page, const QString& path, QSize size = {}, int dpi = 96);
    // The numbers behind the page's plot: .json gives JSON, anything else CSV.
    bool exportPlotData(const PlotPage* page, const QString& path);
    // CSV (the table) or JSON (as `stats --json`).
    bool exportStatistics(const QString& path);
    // One file, by its suffix: HTML with the plots embedded as SVG, or PDF (what `seedscape-cli
    // report` writes); the statistics, comparisons and settings of the checked experiments.
    bool exportReport(const QString& path);

    // Ask for a file, then export; a failure is also shown in a message box.
    void choosePlotFile(PlotPage* page);
    void choosePlotDataFile(const PlotPage* page);
    void chooseStatisticsFile();
    void chooseReportFile();

Q_SIGNALS:
    void message(const QString& text);

private:
    // fileName in the folder the last export went to (kept across sessions), else in the workspace.
    QString suggestedPath(const QString& fileName) const;
    static QString exportFolderKey();
    bool write(const QString& path, const QByteArray& bytes);
    bool saved(const QString& path);
    bool failed(const QString& reason);
    void warnIfFailed(bool ok);

    const ExperimentTableModel* m_experiments;
    std::vector<PlotPage*> m_pages;
    QWidget* m_window;
    QString m_workspace;
    QString m_lastMessage;
};

} // namespace seedscape
