#pragma once

#include "experiment/experiment.h"
#include "experiment/experimentvalidator.h"

#include <QSet>
#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSplitter;
class QTableView;

namespace seedscape {

class CommandModelForm;
class CsvPreviewModel;
class DataChecker;
class DataLoader;
class DatasetPicker;
class FormFields;
struct FormRow;
struct CsvTable;

// A form with every field of the experiment file, checked as the user types with the rules and
// messages of the file reader (ExperimentValidator), plus the data itself: the file must exist,
// hold the target and the split column, and load for the chosen task. The data preview shows the
// first rows with the detected type of each column; the task drop-down names the inferred task.
// The file is read on a pool thread (DataLoader): until its answer arrives the form is not valid
// (isCheckingData()), and the columns, preview and data problems follow a moment later.
// Model → "Your program" (a command experiment, CommandModelForm) hides the built-in model's,
// training and seed-source fields and checks that the program can run.
// Each input's objectName is its path in the file ("training.lr"), its message label's that path
// plus ".problem", so tests and scripts can find them. Each row's label says what the field is in
// words ("Learning rate") with the path as its tooltip (FormFields). When problems appear, after an
// edit or when an experiment is shown, the form scrolls to the first of them.
class ExperimentEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ExperimentEditor(QWidget* parent = nullptr);

    // Relative dataset paths are read from this folder; names in takenNames are refused.
    void setWorkspace(const QString& folder, const QStringList& takenNames);
    void setExperiment(const Experiment& experiment);
    void setNameEditable(bool editable);
    // A further rule of whoever uses the editor (e.g. "stored seeds belong to other settings"). Its
    // problem counts in problems() and isValid() but the form does not show it: the rule's owner does.
    void setExtraRule(std::function<std::optional<FieldProblem>(const Experiment&)> rule);
    void recheck(); // the extra rule's answer may have changed
    // Tags and notes saved by the Notes tab: kept for the next save, the form (and any edit in it)
    // left as it is.
    void keepNotes(const QStringList& tags, const QString& notes);

    // The experiment in the form, when it has no problems.
    std::optional<Experiment> experiment() const;
    // The experiment in the form when the extra rule's problem is its only one (and the data is checked).
    std::optional<Experiment> experimentDespiteExtraRule() const;
    // The extra rule's answer for the form as it is.
    const std::optional<FieldProblem>& extraProblem() const { return m_extraProblem; }
    const std::vector<FieldProblem>& problems() const { return m_problems; }
    bool isValid() const { return m_problems.empty() && !isCheckingData(); }
    bool isCheckingData() const; // the data is being read
    // A problem found while a field is typed in is not shown yet: it is once the focus moves.
    bool holdsBackAProblem() const;
    // The task DatasetLoader infers for the chosen target (Task::Auto when the data cannot load).
    Task inferredTask() const;
    CsvPreviewModel* previewModel() const { return m_preview; }
    CommandModelForm* commandForm() const { return m_commandForm; }
    DatasetPicker* datasetPicker() const { return m_datasetPicker; }

Q_SIGNALS:
    void changed();       // after every edit, with problems() up to date
    void heldBackShown(); // the problems that waited for the typing to end are shown

private:
    // Building the form, in the constructor's order.
    void connectLoader();
    void createDataFields(); // the name and the dataset
    void createModelFields();
    void createTrainingFields();
    void createSeedFields(); // metric, seeds and device
    QWidget* buildForm();    // the scrolling form, one group per part of the file
    QWidget* buildPathRow(); // the file's path and its "Choose…" button
    QWidget* buildVaryRow(); // what the seeds vary
    FormRow checkedRow(const QString& label, const QString& field, QWidget* input);
    QGroupBox* dataSection(QWidget* pathRow);
    QGroupBox* modelSection();
    QGroupBox* trainingSection();
    QGroupBox* seedSection(QWidget* vary);
    QWidget* buildPreview(); // the data summary above the preview table
    void connectFields();    // every edit revalidates; a few fields enable others
    void showModelType();    // the fields of the chosen model, the others hidden

    QLineEdit* addLine(const QString& field, const QString& toolTip);
    QComboBox* addCombo(const QString& field, const QStringList& words);
    QWidget* withProblem(QWidget* input, const QString& field);
    void browseDataset();
    void reloadData();                       // the file, its columns and the preview
    void showColumns(const CsvTable* table); // nullptr: the file has none to offer
    void showDataCheck();                    // the data checker's answer: summary, inferred task, problems
    void showDataSummary();                  // the data's rows and split, and a warning of few rows
    void revalidate();
    Experiment readForm(std::vector<FieldProblem>* problems) const;
    void showProblems();
    void revealFirstProblem(const QSet<QString>& fields); // scrolls the form to it

    QString m_workspace;
    QStringList m_takenNames;
    std::function<std::optional<FieldProblem>(const Experiment&)> m_extraRule;
    bool m_filling = false; // setExperiment in progress: one revalidation at its end
    std::optional<Experiment> m_current;
    // Not fields of the form (the Notes tab edits them): kept as given, so a save keeps them.
    QStringList m_tags;
    QString m_notes;
    std::vector<FieldProblem> m_problems; // the extra rule's, if any, last
    std::optional<FieldProblem> m_extraProblem;
    bool m_revealAllProblems = false; // an experiment was just shown: its first problem is scrolled to

    FormFields* m_fields;
    DatasetPicker* m_datasetPicker;
    QSplitter* m_splitter = nullptr;
    QScrollArea* m_scroll = nullptr;

    QLineEdit* m_name;
    QLineEdit* m_path;
    QComboBox* m_target;
    QComboBox* m_task;
    QComboBox* m_missing;
    QComboBox* m_splitColumn; // item 0: fractions and a split seed
    QLineEdit* m_validation;
    QLineEdit* m_test;
    QLineEdit* m_splitSeed;
    QComboBox* m_modelType; // item 0: the built-in MLP, 1: your program
    CommandModelForm* m_commandForm;
    QFormLayout* m_modelForm = nullptr;
    QFormLayout* m_seedForm = nullptr;
    QGroupBox* m_trainingBox = nullptr;
    std::vector<QWidget*> m_mlpRows; // fields of the Model section that only the MLP has
    QWidget* m_varyRow = nullptr;
    QLineEdit* m_hidden;
    QComboBox* m_activation;
    QLineEdit* m_dropout;
    QCheckBox* m_layerNorm;
    QComboBox* m_optimizer;
    QLineEdit* m_lr;
    QLineEdit* m_weightDecay;
    QLineEdit* m_momentum;
    QLineEdit* m_batchSize;
    QLineEdit* m_epochs;
    QComboBox* m_schedule;
    QLineEdit* m_patience;
    QComboBox* m_metric;
    QLineEdit* m_seedCount;
    QCheckBox* m_varyInit;
    QCheckBox* m_varyOrder;
    QCheckBox* m_varyDropout;
    QLineEdit* m_seedList;
    QComboBox* m_device;

    CsvPreviewModel* m_preview;
    QTableView* m_previewView;
    QLabel* m_dataSummary;
    DataLoader* m_loader;
    QString m_loadedFile;       // the file the columns and preview come from
    bool m_keepChoices = false; // target and split column were set for this file: keep them
    DataChecker* m_dataChecker;
};

} // namespace seedscape
