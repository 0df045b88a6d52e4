#pragma once

#include "experiment/experiment.h"

#include <QDialog>

class QDialogButtonBox;

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
    // another question of the same data), or on none.
    static Experiment startFrom(const Experiment* selected, bool variant, const QStringList& takenNames);

private:
    ExperimentEditor* m_editor;
    QDialogButtonBox* m_buttons;
};

} // namespace seedscape
