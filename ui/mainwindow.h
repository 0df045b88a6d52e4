#pragma once

#include "experiment/experiment.h"
#include "stats/experimentstatistics.h"

#include <QMainWindow>
#include <QSet>

#include <optional>

class QAction;
class QCustomPlot;
class QFileSystemWatcher;
class QLabel;
class QSortFilterProxyModel;
class QMenu;
class QTableView;
class QTabWidget;
class QTimer;

namespace seedscape {

class CsvPreviewModel;
class DefinitionPanel;
class ExperimentDialog;
class ExperimentEditor;
class ExperimentTableModel;
class ScatterPlotView;
class SeedTableModel;
class StatisticsPlotView;
class LearningCurveView;
class ProgressStrip;
class RunQueueView;
class SweepController;
struct WorkspaceSnapshot;

// The explorer window: the workspace's experiments and, for the selected one, its data.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Opens a workspace folder; returns false (and says why in the status bar) when it cannot.
    bool openWorkspace(const QString& folder);
    QString workspacePath() const { return m_workspacePath; }

    ExperimentTableModel* experimentModel() const { return m_experiments; }
    CsvPreviewModel* previewModel() const { return m_preview; }
    SeedTableModel* seedModel() const { return m_seeds; }
    QString datasetSummary() const;
    ScatterPlotView* scatterView() const { return m_scatter; }
    StatisticsPlotView* spreadView() const { return m_spread; }
    StatisticsPlotView* ensembleSizeView() const { return m_ensembleSize; }
    LearningCurveView* learningCurveView() const { return m_learningCurves; }
    SweepController* sweeps() const { return m_sweeps; }
    RunQueueView* runQueue() const { return m_runQueue; }
    // The Definition tab: the selected experiment's settings, saved as they are edited.
    ExperimentEditor* definitionEditor() const;
    // Opens the New experiment (or, with variant, the Duplicate as variant) dialog without
    // waiting for it; Create saves the experiment into the workspace and selects it.
    ExperimentDialog* openExperimentDialog(bool variant);
    // Saves a new experiment into the workspace and selects it; false (with the reason in the
    // status bar) if it cannot.
    bool addExperiment(const Experiment& experiment);
    void selectExperiment(const QString& name);
    // Trains the experiment at a table row (or every readable experiment, for -1) until it has its
    // seeds.count finished seeds. Returns false, with the reason in the status bar, if it cannot.
    bool runExperiments(int row);
    // The plot of the current tab (the scatter on tabs without a plot), and a word for file names.
    QCustomPlot* currentPlot() const;
    QString currentPlotName() const; // scatter, spread, ensemble-size or curves
    // Exports write atomically and return false, with the reason in the status bar, if they cannot.
    // The current plot as drawn, at a size in on-screen pixels (empty: as on screen); the format
    // follows the extension (.png at dpi, .svg, .pdf).
    bool exportPlot(const QString& path, QSize size = {}, int dpi = 96);
    // The numbers behind the current plot: .json gives JSON, anything else CSV.
    bool exportPlotData(const QString& path);
    // The statistics of the checked experiments: CSV (the table) or JSON (as `stats --json`).
    bool exportStatistics(const QString& path);
    // One HTML file: the four plots (SVG, embedded) and the statistics of the checked experiments.
    bool exportReport(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void showExperiment(int row);
    void chooseWorkspace();
    void openSampleWorkspace();
    void reloadWorkspace();
    void chooseNewWorkspace();
    void rescanExperiments(); // re-reads the experiment files, keeping the selection
    void showDefinition(int row);
    void rememberRecent(const QString& folder);
    void rebuildRecentMenu();
    void watchResults();
    void refreshPlots();
    void showSnapshot(WorkspaceSnapshot snapshot);
    void chooseExportFile();
    void chooseExportDataFile(bool statistics);
    void chooseReportFile();
    std::vector<ExperimentStatistics> checkedStatistics() const; // table order
    bool writeExport(const QString& path, const QByteArray& bytes);
    void showSweepProgress();
    int selectedRow() const; // the model row of the current experiment, or -1
    // A click on a plotted point: select its experiment, and its seed when it is one.
    void selectPoint(const QString& experiment, const std::vector<quint64>& seeds);

    QString m_workspacePath;
    ExperimentTableModel* m_experiments;
    CsvPreviewModel* m_preview;
    QSortFilterProxyModel* m_sortedExperiments;
    SeedTableModel* m_seeds;
    QSortFilterProxyModel* m_sortedSeeds;
    QTableView* m_seedView;
    QTableView* m_experimentView;
    QTableView* m_previewView;
    QLabel* m_summary;
    QMenu* m_recentMenu = nullptr;
    QTabWidget* m_tabs;
    ScatterPlotView* m_scatter;
    StatisticsPlotView* m_spread;
    StatisticsPlotView* m_ensembleSize;
    LearningCurveView* m_learningCurves;
    QFileSystemWatcher* m_watcher;
    QTimer* m_refreshTimer;      // coalesces bursts of file changes into one refresh
    int m_refreshGeneration = 0; // the newest refresh wins when several are in flight
    SweepController* m_sweeps;
    ProgressStrip* m_sweepProgress;
    RunQueueView* m_runQueue;
    QTimer* m_progressTimer; // epochs end by the hundred a second: redraw progress at most every 40 ms
    QLabel* m_sweepLabel;
    QAction* m_runAction = nullptr;
    QAction* m_runAllAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_cancelAction = nullptr;
    DefinitionPanel* m_definition;
    bool m_rescanPending = false; // an experiment file changed on disk
};

} // namespace seedscape
