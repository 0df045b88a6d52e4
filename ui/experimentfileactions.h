#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace seedscape {

// Rename and Delete of the Experiment menu and the table's context menu: asks (a name, a
// confirmation), then moves the experiment's files with ExperimentMover. The questions are hooks
// so tests can answer them; by default they are dialogs over the window.
class ExperimentFileActions : public QObject
{
    Q_OBJECT

public:
    // problem: why the name given last was refused ("" the first time); the question shows it and
    // offers that name again, to be corrected rather than typed anew.
    using AskName = std::function<std::optional<QString>(const QString& title, const QString& current,
                                                         const QString& problem)>;
    using Confirm = std::function<bool(const QString& title, const QString& question)>;
    // Why an experiment cannot be moved now (a sweep of this window or a Slurm job still uses
    // it), or an empty string.
    using BusyCheck = std::function<QString(const QString& experiment)>;

    ExperimentFileActions(QWidget* window, BusyCheck busy);

    void setWorkspace(const QString& folder) { m_workspace = folder; }
    void setQuestions(AskName askName, Confirm confirm);

    // Ask, then act; false when refused, cancelled or failed (the reason goes to message()). A name
    // the workspace refuses (taken, not a valid name) is asked for again, with the reason.
    bool askRename(const QString& experiment);
    bool askDelete(const QString& experiment, int storedSeeds);
    // Act without asking.
    bool rename(const QString& experiment, const QString& newName);
    bool moveToDeleted(const QString& experiment);

Q_SIGNALS:
    void renamed(const QString& oldName, const QString& newName);
    void deleted(const QString& experiment);
    void message(const QString& text);

private:
    bool refuseWhenBusy(const QString& experiment);
    // Renames, or says why not ("" when renamed).
    QString tryRename(const QString& experiment, const QString& newName);

    QWidget* m_window;
    BusyCheck m_busy;
    QString m_workspace;
    AskName m_askName;
    Confirm m_confirm;
};

} // namespace seedscape
