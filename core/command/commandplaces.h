#pragma once

#include <QString>

namespace seedscape {

// Where a command experiment's files are: the folder its workdir is relative to, the split parts
// its programs read, and one folder per seed run (SEED/output/ for the program, SEED/log.txt).
struct CommandPlaces
{
    QString workdirBase;
    QString partsFolder;
    QString runsFolder;

    bool isEmpty() const { return partsFolder.isEmpty(); }
};

} // namespace seedscape
