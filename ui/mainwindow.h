#pragma once

#include <QMainWindow>

class QFileSystemWatcher;
class QLabel;
class QMenu;
class QTableView;
class QTabWidget;
class QTimer;

namespace seedscape {

class CsvPreviewModel;
class ExperimentTableModel;
class ScatterPlotView;

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
    QString datasetSummary() const;
    ScatterPlotView* scatterView() const { return m_scatter; }
    // Saves the scatter plot at its on-screen size; the format follows the file's extension.
    bool exportScatter(const QString& path, int dpi = 96);

private:
    void buildMenus();
    void showExperiment(int row);
    void chooseWorkspace();
    void openSampleWorkspace();
    void reloadWorkspace();
    void rememberRecent(const QString& folder);
    void rebuildRecentMenu();
    void watchResults();
    void refreshPlots();
    void chooseExportFile();

    QString m_workspacePath;
    ExperimentTableModel* m_experiments;
    CsvPreviewModel* m_preview;
    QTableView* m_experimentView;
    QTableView* m_previewView;
    QLabel* m_summary;
    QMenu* m_recentMenu = nullptr;
    QTabWidget* m_tabs;
    ScatterPlotView* m_scatter;
    QFileSystemWatcher* m_watcher;
    QTimer* m_refreshTimer; // coalesces bursts of file changes into one refresh
    int m_refreshGeneration = 0; // the newest refresh wins when several are in flight
};

} // namespace seedscape
