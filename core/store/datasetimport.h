#pragma once

#include "common/storageerror.h"

#include <QString>

namespace seedscape {

// Brings a data file chosen outside the workspace into WORKSPACE/datasets/, so that a workspace
// holds its own data and can be moved or shared as one folder. The copy is atomic (a temporary
// file renamed into place without replacing anything), keeps the file's name when it is free,
// else takes NAME-2.csv, NAME-3.csv, …; a file with the same bytes already there is reused
// instead of copied again. A file already inside the workspace is not copied.
// Returns the path to store in the experiment, relative to the workspace ("datasets/NAME.csv").
// Throws StorageError when the file cannot be read or the copy cannot be written.
QString copyIntoWorkspace(const QString& workspace, const QString& file);

} // namespace seedscape
