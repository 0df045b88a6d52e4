#pragma once

#include <QObject>

class QDialog;
class QMenu;
class QWidget;

namespace seedscape {

class ExperimentFileActions;
class ExperimentListPanel;
class ExperimentTableModel;
class SlurmController;
class SweepController;

// The Experiment menu and the experiments table's context menu: new, duplicate as variant, edit
// the definition or the notes, compare settings, study randomness sources, rename, delete, show in
// folder, run. Each acts on the selected experiment; renaming and deleting go through ExperimentFileActions
// and are refused while a sweep here or a Slurm job still uses the experiment. What the window does itself
// (open a dialog, switch tabs, run) it is asked for by signal.
class ExperimentActions : public QObject
{
    Q_OBJECT

public:
    ExperimentActions(QWidget* window, ExperimentListPanel* list, const ExperimentTableModel* experiments,
                      const SweepController* sweeps, const SlurmController* slurm);

    void setWorkspace(const QString& folder);
    // Fills the Experiment menu, and the table's context menu with the same actions.
    void addTo(QMenu* menu);
    ExperimentFileActions* files() const { return m_files; }
    // Compare settings…: the checked experiments side by side (or, with fewer than two checked,
    // the selected one and the next), opened without waiting for it; nullptr with fewer than two.
    QDialog* openSettingsDiff();
    // Study randomness sources: writes the named experiment's variants that each vary one source of
    // randomness (RandomnessStudy) and says so with studyCreated; false (and message) when it cannot.
    bool createRandomnessStudy(const QString& name);

Q_SIGNALS:
    void newRequested(bool variant);
    void runRequested();
    void definitionRequested();
    void notesRequested();
    void message(const QString& text);
    void studyCreated(const QString& base, const QStringList& variants); // the window runs them

private:
    // Why the experiment's files cannot move now, or "".
    QString busyWith(const QString& experiment) const;
    void revealFolder(const QString& experiment);

    QWidget* m_window;
    ExperimentListPanel* m_list;
    const ExperimentTableModel* m_experiments;
    const SweepController* m_sweeps;
    const SlurmController* m_slurm;
    ExperimentFileActions* m_files;
    QString m_workspace;
};

} // namespace seedscape
