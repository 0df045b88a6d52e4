#pragma once

#include "experiment/experimentvalidator.h"

#include <QWidget>

#include <optional>
#include <set>

class QFrame;
class QLabel;
class QPushButton;
class QTimer;

namespace seedscape {

class ExperimentEditor;
class SweepController;
struct WorkspaceEntry;

// The Definition tab: the selected experiment in the editor, each valid change saved a moment
// after typing stops (invalid ones never). Over an experiment with stored or running seeds only
// changes that keep its fingerprint (seed count, seed list, data path) are saved, so a results
// folder never mixes two definitions. Any other change shows a bar ("This change makes the 3
// stored seeds incomparable") offering to make a variant with it (a new experiment file holding
// the edited definition, the shown one put back as its file is) or to discard it.
class DefinitionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DefinitionPanel(const SweepController* sweeps, QWidget* parent = nullptr);

    ExperimentEditor* editor() const { return m_editor; }
    // Shows an experiment of the workspace (none for nullptr); an edit of the previous one still
    // waiting for its autosave is saved first.
    void showEntry(const QString& workspaceFolder, const WorkspaceEntry* entry);
    // Saves a waiting edit now (before the window closes or another workspace opens).
    void saveNow();
    bool hasWaitingEdit() const;
    // What the shown experiment's file holds.
    const std::optional<Experiment>& saved() const { return m_saved; }
    // The shown experiment's file changed only in its tags or notes (the Notes tab saved them):
    // take them without reloading the form, so an edit being typed here is not lost. False when
    // anything else differs (then show the entry again).
    bool takeNotes(const Experiment& fromFile);

Q_SIGNALS:
    void experimentSaved(const Experiment& experiment);
    // "Make a variant with this change" saved the edited definition as the new experiment name
    // (NAME-variant, …); the shown one is unchanged. The window selects the new one.
    void variantCreated(const QString& name);
    // "Restore the experiment file" wrote back the file of a trained experiment that had lost it.
    void fileRestored(const QString& name);

private:
    QWidget* buildVariantBar();
    std::optional<FieldProblem> keepsStoredSeedsComparable(const Experiment& edited) const;
    void countStoredSeeds(); // on a pool thread: the results folder is not read here
    void edited();
    void save();
    void showVariantBar(); // when the edit breaks the stored seeds' comparability
    void makeVariant();
    void discardChange();
    void restoreFile();

    const SweepController* m_sweeps;
    QString m_workspace;
    ExperimentEditor* m_editor;
    QLabel* m_status;
    QFrame* m_variantBar;
    QLabel* m_variantMessage;
    QPushButton* m_makeVariant;
    QPushButton* m_restoreFile; // shown for a trained experiment whose file is missing
    QString m_missingFile;      // that experiment's name
    QTimer* m_autosave;
    std::optional<Experiment> m_saved;
    std::optional<std::set<quint64>> m_storedSeeds; // finished ones of the shown experiment; unknown until read
    int m_count = 0;                                // the newest count wins
};

} // namespace seedscape
