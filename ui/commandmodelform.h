#pragma once

#include "experiment/commandspec.h"
#include "experiment/experimentvalidator.h"
#include "formfields.h"

#include <QObject>

#include <functional>
#include <optional>
#include <vector>

class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace seedscape {

// The fields of a command experiment's model ("Your program", docs/interfaces.md, "Command
// experiments"): the command line in one field, split into arguments as a shell would but without
// running one (QProcess::splitCommand) and shown joined back with quotes; the working folder with a
// folder picker; the seeds run at once; the timeout; the files and folders watched besides the
// command's own (split and joined as the command line is). The editor lays the rows out in its Model
// section, so that their labels line up with the built-in model's.
class CommandModelForm : public QObject
{
    Q_OBJECT

public:
    // Wraps an input with the label that shows its problems (the editor's, by field path).
    using WithProblem = std::function<QWidget*(QWidget* input, const QString& field)>;
    // Asks for a folder, starting at start; empty when the user cancels.
    using FolderChooser = std::function<QString(QWidget* parent, const QString& start)>;

    CommandModelForm(QWidget* owner, const WithProblem& withProblem);

    // The rows to lay out: label, field path and input (wrapped with its problem label).
    const std::vector<FormRow>& rows() const { return m_rows; }
    // Where a relative working folder starts: the experiment file's folder, i.e. the workspace.
    void setBaseFolder(const QString& folder) { m_base = folder; }
    void setCommand(const CommandSpec& command);
    CommandSpec read() const;
    // Why the program cannot run: the working folder is missing, the program is not an executable
    // file there or on PATH (CommandSpec::findProgram), or a watched path cannot be watched
    // (CommandSpec::watchProblem). An empty command is the validator's to name.
    std::optional<FieldProblem> runnableProblem(const CommandSpec& command) const;

    void setFolderChooser(FolderChooser chooser) { m_chooseFolder = std::move(chooser); }
    // The picker, opening in the folder chosen last (RememberedFolder); inside the base folder the
    // path is kept relative.
    void chooseWorkdir();

Q_SIGNALS:
    void edited(); // by the user, not by setCommand

private:
    QWidget* m_owner;
    QString m_base;
    QLineEdit* m_command;
    QLineEdit* m_workdir;
    QSpinBox* m_parallel;
    QDoubleSpinBox* m_timeout;
    QLineEdit* m_watch;
    std::vector<FormRow> m_rows;
    FolderChooser m_chooseFolder;
};

} // namespace seedscape
