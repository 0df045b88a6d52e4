#pragma once

#include "experiment/experiment.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace seedscape {

class ExperimentEditor;

// "New experiment" and "Duplicate as variant": the editor in a dialog whose Create button only
// works while the form has no problems. The caller saves what experiment() returns.
class ExperimentDialog : public QDialog
{
    Q_OBJECT

public:
    ExperimentDialog(const QString& title, const QString& workspaceFolder, const QStringList& takenNames,
                     const Experiment& start, QWidget* parent = nullptr);

    ExperimentEditor* editor() const { return m_editor; }
    Experiment experiment() const;

    // "name-variant", or "name-variant-2", … : the first one not taken.
    static QString variantName(const QString& name, const QStringList& takenNames);
    // What the dialog starts from: for a variant, a copy of selected (required) under a variant
    // name; else the first free "experiment-N" on selected's data (a new experiment usually asks
    // another question of the same data), or on none, with early stopping on at
    // suggestedPatience(epochs) so that its seeds are scored with their best validation epoch.
    static Experiment startFrom(const Experiment* selected, bool variant, const QStringList& takenNames);
    // The early-stopping patience a new experiment of this many epochs starts with.
    static int suggestedPatience(int epochs);

    // While the patience is still the one suggested for the epochs, a change of the epochs
    // changes it to the one suggested for the new epochs. For a new experiment: a variant keeps
    // what its source had unless the user changes it.
    void setPatienceFollowsEpochs(bool follows) { m_patienceFollowsEpochs = follows; }

private:
    void followEpochs(const QString& epochsText);

    ExperimentEditor* m_editor;
    QDialogButtonBox* m_buttons;
    QLineEdit* m_epochs;
    QLineEdit* m_patience;
    bool m_patienceFollowsEpochs = false;
    int m_patienceEpochs; // the epochs the patience field was last suggested for
};

} // namespace seedscape
