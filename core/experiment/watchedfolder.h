#pragma once

#include <QString>
#include <QStringList>

namespace seedscape {

// The files of a folder that a command experiment's `model.watch` hashes with its program
// (docs/command-experiments.md, "When the program changes"): code and configuration files, by
// extension, so that the logs, checkpoints and data a program writes beside its code (which change
// with every seed) are not taken for an edit of the program. Hidden entries (.git, .venv) and
// __pycache__ are skipped, and links to folders are not followed.
class WatchedFolder
{
public:
    // The files under folder, as paths relative to it, each folder's entries by name; at most limit of them,
    // and *tooMany says there were more (or so many entries that counting them would take too long).
    static QStringList files(const QString& folder, int limit, bool* tooMany);
    // Whether a file with this name is code or configuration: .py, .yaml, .json, .sh, .cpp, …
    static bool isProgramFile(const QString& fileName);
    static QStringList extensions();
};

} // namespace seedscape
