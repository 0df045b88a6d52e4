#include "experimentmover.h"

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "experiment/experimentvalidator.h"
#include "experimentcolourfile.h"
#include "experimentlock.h"
#include "workspace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace seedscape {

namespace {

void moveOrThrow(const QString& from, const QString& to)
{
    if (!QDir().rename(from, to))
        throw StorageError(
            QStringLiteral("%1: cannot move it to %2 (check the folder's permissions)").arg(from, to));
}

} // namespace

ExperimentMover::ExperimentMover(const Workspace& workspace) : m_workspace(workspace) {}

QString ExperimentMover::deletedFolderName()
{
    return QStringLiteral("deleted");
}

std::unique_ptr<ExperimentLock> ExperimentMover::lockOutSweeps(const QString& name) const
{
    if (!QFileInfo(m_workspace.resultsFolder(name)).isDir())
        return nullptr;
    auto lock = std::make_unique<ExperimentLock>(m_workspace.resultsFolder(name));
    if (!lock->tryLock()) {
        const QString holder = lock->holder();
        throw StorageError(
            QStringLiteral("%1: a sweep of this experiment is running%2; cancel it first")
                .arg(name, holder.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(holder)));
    }
    return lock;
}

void ExperimentMover::rename(const QString& name, const QString& newName) const
{
    if (newName == name)
        return;
    if (const auto problem = ExperimentValidator::validateName(newName))
        throw StorageError(QStringLiteral("The new name %1").arg(problem->message));
    if (const auto problem = Workspace::nameProblem(newName))
        throw StorageError(QStringLiteral("The new name %1").arg(*problem));
    // Two names that differ only in case are one file on some file systems: refused everywhere.
    for (const QString& other : m_workspace.takenNames())
        if (other != name && other.compare(newName, Qt::CaseInsensitive) == 0)
            throw StorageError(
                other == newName
                    ? QStringLiteral("The workspace already has an experiment named %1.").arg(other)
                    : QStringLiteral(
                          "The workspace already has an experiment named %1, and names that differ "
                          "only in case count as one (they are one file on some systems).")
                          .arg(other));
    if (QFileInfo::exists(m_workspace.experimentFile(newName)) ||
        QFileInfo::exists(m_workspace.resultsFolder(newName)))
        throw StorageError(QStringLiteral("%1 already exists; choose another name or move it away first")
                               .arg(QFileInfo::exists(m_workspace.experimentFile(newName))
                                        ? m_workspace.experimentFile(newName)
                                        : m_workspace.resultsFolder(newName)));
    if (!exists(name))
        throw StorageError(QStringLiteral("%1: no such experiment").arg(m_workspace.experimentFile(name)));
    const QString results = m_workspace.resultsFolder(name);
    if (!QFileInfo::exists(m_workspace.experimentFile(name))) { // imported: its results are all of it
        const std::unique_ptr<ExperimentLock> lock = lockOutSweeps(name);
        moveOrThrow(results, m_workspace.resultsFolder(newName));
        carryColour(name, newName);
        return;
    }
    Experiment experiment;
    try {
        experiment = m_workspace.experiment(name);
    } catch (const InputError& e) {
        throw StorageError(QStringLiteral("Cannot rename %1: %2").arg(name, e.message()));
    }
    // Held until the results have moved (the lock file moves with them): no sweep starts meanwhile.
    const std::unique_ptr<ExperimentLock> lock = lockOutSweeps(name);

    experiment.name = newName;
    m_workspace.save(experiment);
    if (QFileInfo(results).isDir()) {
        try {
            moveOrThrow(results, m_workspace.resultsFolder(newName));
        } catch (const StorageError&) {
            QFile::remove(m_workspace.experimentFile(newName)); // as it was: one experiment, its results
            throw;
        }
    }
    if (!QFile::remove(m_workspace.experimentFile(name)))
        throw StorageError(QStringLiteral("%1: cannot remove the old file; the experiment and its results "
                                          "are now %2, remove the old file by hand")
                               .arg(m_workspace.experimentFile(name), newName));
    carryColour(name, newName);
}

void ExperimentMover::carryColour(const QString& name, const QString& newName) const
{
    // The renamed experiment keeps its colour in every view; a damaged colours file is left to
    // the next update, which replaces it.
    try {
        ExperimentColourFile::Slots slots = ExperimentColourFile::read(m_workspace.path());
        const auto it = slots.find(name);
        if (it == slots.end())
            return;
        const int slot = it->second;
        slots.erase(it);
        slots[newName] = slot;
        ExperimentColourFile::write(m_workspace.path(), slots);
    } catch (const InputError&) {
    }
}

QString ExperimentMover::moveToDeleted(const QString& name) const
{
    const QString file = m_workspace.experimentFile(name);
    if (!exists(name))
        throw StorageError(QStringLiteral("%1: no such experiment").arg(file));
    const bool hasFile = QFileInfo::exists(file); // an imported experiment has none
    const std::unique_ptr<ExperimentLock> lock = lockOutSweeps(name);
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString target = QStringLiteral("%1/%2/%3-%4").arg(m_workspace.path(), deletedFolderName(), name, stamp);
    for (int n = 2; QFileInfo::exists(target); ++n)
        target =
            QStringLiteral("%1/%2/%3-%4-%5").arg(m_workspace.path(), deletedFolderName(), name, stamp).arg(n);
    if (!QDir().mkpath(target + QStringLiteral("/results")))
        throw StorageError(QStringLiteral("%1: cannot create the folder").arg(target));
    const QString fileAside = target + QLatin1Char('/') + QFileInfo(file).fileName();
    if (hasFile)
        moveOrThrow(file, fileAside);
    const QString results = m_workspace.resultsFolder(name);
    if (QFileInfo(results).isDir()) {
        try {
            moveOrThrow(results, target + QStringLiteral("/results/") + name);
        } catch (const StorageError&) {
            if (hasFile)
                QDir().rename(fileAside, file); // as it was: the experiment stays, with its results
            throw;
        }
    }
    return target;
}

bool ExperimentMover::exists(const QString& name) const
{
    // A name that cannot be an experiment's ("../programs") names no folder of the workspace.
    if (ExperimentValidator::validateName(name) || Workspace::nameProblem(name))
        return false;
    return QFileInfo::exists(m_workspace.experimentFile(name)) || m_workspace.isImported(name);
}

} // namespace seedscape
