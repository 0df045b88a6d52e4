#pragma once

#include <QString>

#include <memory>

namespace seedscape {

class ExperimentLock;
class Workspace;

// Renames and deletes experiments with everything stored for them. Neither ever loses a seed:
// a rename writes the new file, moves results/OLD to results/NEW in one rename(2) and only then
// removes the old file (a crash in between leaves both files, the results under one of them); a
// delete moves the file and the results into WORKSPACE/deleted/, from where they can be put back.
// Both refuse while a sweep of the experiment holds its lock, and hold it themselves while they
// move; a move that fails is undone. Errors throw StorageError, naming what to do.
// An imported experiment (predictions made elsewhere) has no file, only results/NAME: its folder
// alone moves.
class ExperimentMover
{
public:
    explicit ExperimentMover(const Workspace& workspace);

    void rename(const QString& name, const QString& newName) const;
    // Returns the folder the experiment was moved to: deleted/NAME-yyyyMMdd-hhmmss.
    QString moveToDeleted(const QString& name) const;

    static QString deletedFolderName(); // "deleted"
    // Whether the workspace has an experiment of this name: its file, or an imported one's results.
    bool exists(const QString& name) const;

private:
    // The experiment's sweep lock, taken (nullptr when it has no results folder); throws when a
    // sweep holds it.
    std::unique_ptr<ExperimentLock> lockOutSweeps(const QString& name) const;
    void carryColour(const QString& name, const QString& newName) const;

    const Workspace& m_workspace;
};

} // namespace seedscape
