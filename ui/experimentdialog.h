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
    // "experiment-1", or "experiment-2", … : the first one not taken.
    static QString freshName(const QStringList& takenNames);

private:
    ExperimentEditor* m_editor;
    QDialogButtonBox* m_buttons;
};

} // namespace seedscape
