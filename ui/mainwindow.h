#pragma once

#include <QMainWindow>

class QLabel;
class QMenu;
class QTableView;

namespace seedscape {

class CsvPreviewModel;
class ExperimentTableModel;

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

private:
    void buildMenus();
    void showExperiment(int row);
    void chooseWorkspace();
    void openSampleWorkspace();
    void reloadWorkspace();
    void rememberRecent(const QString& folder);
    void rebuildRecentMenu();

    QString m_workspacePath;
    ExperimentTableModel* m_experiments;
    CsvPreviewModel* m_preview;
    QTableView* m_experimentView;
    QTableView* m_previewView;
    QLabel* m_summary;
    QMenu* m_recentMenu = nullptr;
};

} // namespace seedscape
