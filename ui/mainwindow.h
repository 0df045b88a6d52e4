#pragma once

#include "experiment/experiment.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <vector>

class QDialog;
class QDockWidget;
class QMenu;
class QSplitter;
class QTabWidget;

namespace seedscape {

class CsvPreviewModel;
class DatasetPanel;
class DefinitionPanel;
class ExperimentActions;
class ExperimentDialog;
class ExperimentEditor;
class ExperimentFileActions;
class ExperimentListPanel;
class ExperimentTableLayout;
class ExperimentTableModel;
class ExportActions;
class PlotPage;
class ScatterPlotView;
class SeedTableModel;
class SeedsPanel;
class ComparePanel;
class SlurmController;
class SlurmSubmitDialog;
class StatisticsPlotView;
class LearningCurveView;
class NotesPanel;
class RunQueueView;
class SweepController;
class SweepStatus;
class WorkspaceMenu;
class WorkspaceWatcher;
struct WorkspaceEntry;
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
    // The filter box, the table and its context menu.
    ExperimentListPanel* experimentList() const { return m_list; }
    // The Notes tab: the selected experiment's tags and notes.
    NotesPanel* notesPanel() const { return m_notes; }
    // Rename… and Delete… (their questions can be answered by tests).
    ExperimentFileActions* fileActions() const;
    // The Data tab: filled from a pool thread a moment after an experiment is selected.
    CsvPreviewModel* previewModel() const;
    SeedTableModel* seedModel() const;
    // The Seeds tab: the seed table and the current seed's reason, stderr lines and log.
    SeedsPanel* seedsPanel() const { return m_seedsPanel; }
    ComparePanel* comparePanel() const { return m_compare; }
    ExperimentActions* experimentActions() const { return m_experimentActions; }
    QString datasetSummary() const;
    ScatterPlotView* scatterView() const { return m_scatter; }
    StatisticsPlotView* spreadView() const { return m_spread; }
    StatisticsPlotView* ensembleSizeView() const { return m_ensembleSize; }
    LearningCurveView* learningCurveView() const { return m_learningCurves; }
    SweepController* sweeps() const { return m_sweeps; }
    RunQueueView* runQueue() const;
    // Submits to Slurm and polls the workspace's jobs (the Runs panel lists them).
    SlurmController* slurm() const { return m_slurm; }
    // Run → Submit to Slurm…: opens the dialog for the selected experiment without waiting for it.
    // nullptr when there is none, or when Slurm's commands are missing: then a message box (opened,
    // not waited for) says what is missing.
    SlurmSubmitDialog* openSlurmDialog();
    // The Definition tab: the selected experiment's settings, saved as they are edited.
    ExperimentEditor* definitionEditor() const;
    // Opens the New experiment (or, with variant, the Duplicate as variant) dialog without
    // waiting for it; Create saves the experiment into the workspace and selects it.
    ExperimentDialog* openExperimentDialog(bool variant);
    // Saves a new experiment into the workspace and selects it; false (with the reason in the
    // status bar) if it cannot.
    bool addExperiment(const Experiment& experiment);
    void selectExperiment(const QString& name);
    QString selectedExperiment() const;
    // Experiment → Compare settings…: the checked experiments side by side, opened without
    // waiting for it.
    QDialog* openSettingsDiff();
    // Trains the experiment at a table row (or every readable experiment, for -1) until it has its
    // seeds.count finished seeds. Returns false, with the reason in the status bar, if it cannot.
    bool runExperiments(int row);
    // Run → Cancel: asks first when seeds are training (see setCancelConfirmation), then cancels.
    void cancelSweep();
    // Asks whether to end the running seeds; true cancels. By default a message box; tests replace it.
    void setCancelConfirmation(std::function<bool(const QString& question)> confirm);
    // After a cancelled sweep: trains the same experiments again, until each has its seeds.
    bool runAgain();
    // The Runs panel: shown while something runs, hidden when nothing does; View → Runs panel.
    QDockWidget* runsDock() const;
    // Help → About and Help → Getting started, opened without waiting for them.
    QDialog* openAbout();
    QDialog* openGettingStarted();
    // The page of the current tab (the scatter on tabs without a plot), and its name.
    PlotPage* currentPage() const;
    QString currentPlotName() const; // scatter, spread, ensemble-size or curves
    // The exports of the Export menu (see ExportActions), on the current plot; each returns false,
    // with the reason in the status bar, if it cannot write.
    bool exportPlot(const QString& path, QSize size = {}, int dpi = 96);
    bool exportPlotData(const QString& path);
    bool exportStatistics(const QString& path);
    bool exportReport(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildTabs();
    void buildMenus();
    void showExperiment(int row); // the Data tab
    void showDefinition(int row);
    void rescanExperiments(); // re-reads the experiment files, keeping the selection
    void runRandomnessStudy(QString base, QStringList variants);
    void offerKnownTags(); // the Notes tab completes the workspace's tags
    void showSnapshot(WorkspaceSnapshot snapshot);
    int selectedRow() const;                      // the model row of the current experiment, or -1
    const WorkspaceEntry* entryAt(int row) const; // nullptr for no row
    // A click on a plotted point: select its experiment, and its seed when it is one.
    void selectPoint(const QString& experiment, const std::vector<quint64>& seeds);
    void showSlurmJobs();
    void experimentRenamed(const QString& oldName, const QString& newName);
    void saveHidden();
    // Window geometry, docks, splitter, columns, selection and tab, per workspace (WindowMemory).
    void saveWorkspaceState() const;
    // True when it selected the experiment remembered from last time.
    bool restoreWorkspaceState();
    // A workspace's first look: its first experiment with results rather than an empty plot.
    void selectFirstWithSeeds();

    QString m_workspacePath;
    ExperimentTableModel* m_experiments;
    ExperimentListPanel* m_list;
    ExperimentTableLayout* m_tableLayout = nullptr; // the table's height and column widths
    SeedsPanel* m_seedsPanel;
    ComparePanel* m_compare;
    QTabWidget* m_tabs;
    QSplitter* m_splitter;
    ScatterPlotView* m_scatter;
    StatisticsPlotView* m_spread;
    StatisticsPlotView* m_ensembleSize;
    LearningCurveView* m_learningCurves;
    WorkspaceWatcher* m_watcher;
    SweepController* m_sweeps;
    SweepStatus* m_sweepStatus;
    DatasetPanel* m_data;
    DefinitionPanel* m_definition;
    NotesPanel* m_notes;
    WorkspaceMenu* m_workspaceMenu;
    ExportActions* m_exports;
    SlurmController* m_slurm;
    ExperimentActions* m_experimentActions; // after m_sweeps and m_slurm, which it is given
    std::function<bool(const QString&)> m_confirmCancel;
    bool m_revealJobs = false; // show the Runs dock once jobs on their way are listed
    // Opened with no remembered selection and nothing chosen since: the first statistics may move
    // the selection from a row without seeds to the first with.
    bool m_firstLook = false;
};

} // namespace seedscape
