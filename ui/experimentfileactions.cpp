#include "experimentfileactions.h"

#include "common/countednoun.h"
#include "common/storageerror.h"
#include "store/experimentmover.h"
#include "store/workspace.h"

#include <QDir>
#include <QInputDialog>
#include <QMessageBox>
#include <QWidget>

namespace seedscape {

ExperimentFileActions::ExperimentFileActions(QWidget* window, BusyCheck busy)
    : QObject(window), m_window(window), m_busy(std::move(busy))
{
    m_askName = [this](const QString& title, const QString& current,
                       const QString& problem) -> std::optional<QString> {
        bool ok = false;
        const QString label = problem.isEmpty() ? tr("New name:") : tr("%1\n\nNew name:").arg(problem);
        const QString name = QInputDialog::getText(m_window, title, label, QLineEdit::Normal, current, &ok);
        return ok ? std::optional<QString>(name) : std::nullopt;
    };
    m_confirm = [this](const QString& title, const QString& question) {
        return QMessageBox::question(m_window, title, question, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No) == QMessageBox::Yes;
    };
}

void ExperimentFileActions::setQuestions(AskName askName, Confirm confirm)
{
    m_askName = std::move(askName);
    m_confirm = std::move(confirm);
}

bool ExperimentFileActions::refuseWhenBusy(const QString& experiment)
{
    const QString busy = m_busy ? m_busy(experiment) : QString();
    if (!busy.isEmpty())
        Q_EMIT message(busy);
    return !busy.isEmpty();
}

bool ExperimentFileActions::askRename(const QString& experiment)
{
    if (experiment.isEmpty() || refuseWhenBusy(experiment))
        return false;
    QString proposed = experiment, problem;
    while (true) {
        const std::optional<QString> name = m_askName(tr("Rename %1").arg(experiment), proposed, problem);
        if (!name || name->trimmed() == experiment) {
            if (!problem.isEmpty()) // given up on: the reason stays in sight
                Q_EMIT message(problem);
            return false;
        }
        proposed = name->trimmed();
        if (refuseWhenBusy(experiment)) // a sweep or Slurm job that began while the name was asked for
            return false;
        problem = tryRename(experiment, proposed);
        if (problem.isEmpty())
            return true;
    }
}

bool ExperimentFileActions::askDelete(const QString& experiment, int storedSeeds)
{
    if (experiment.isEmpty() || refuseWhenBusy(experiment))
        return false;
    const QString deleted = QDir(m_workspace).filePath(ExperimentMover::deletedFolderName());
    const QString question =
        storedSeeds > 0 ? tr("Delete %1 and its %2? They are moved to %3, from where you can move them back.")
                              .arg(experiment, countedNoun(storedSeeds, tr("stored seed")), deleted)
                        : tr("Delete %1? Its file is moved to %2.").arg(experiment, deleted);
    if (!m_confirm(tr("Delete %1").arg(experiment), question))
        return false;
    return moveToDeleted(experiment);
}

bool ExperimentFileActions::rename(const QString& experiment, const QString& newName)
{
    if (refuseWhenBusy(experiment))
        return false;
    const QString problem = tryRename(experiment, newName);
    if (!problem.isEmpty())
        Q_EMIT message(problem);
    return problem.isEmpty();
}

QString ExperimentFileActions::tryRename(const QString& experiment, const QString& newName)
{
    try {
        ExperimentMover(Workspace(m_workspace)).rename(experiment, newName);
    } catch (const StorageError& e) {
        return tr("Not renamed: %1").arg(e.message());
    }
    Q_EMIT renamed(experiment, newName);
    Q_EMIT message(tr("Renamed %1 to %2, with its results.").arg(experiment, newName));
    return {};
}

bool ExperimentFileActions::moveToDeleted(const QString& experiment)
{
    if (refuseWhenBusy(experiment))
        return false;
    QString aside;
    try {
        aside = ExperimentMover(Workspace(m_workspace)).moveToDeleted(experiment);
    } catch (const StorageError& e) {
        Q_EMIT message(tr("Not deleted: %1").arg(e.message()));
        return false;
    }
    Q_EMIT deleted(experiment);
    Q_EMIT message(tr("Deleted %1: its file and results are in %2.").arg(experiment, aside));
    return true;
}

} // namespace seedscape
