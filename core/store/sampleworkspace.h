#pragma once

#include <QString>

namespace seedscape {

// The built-in sample data (four real datasets and an example experiment for each), compiled into
// the program so that a new user can run something at once.
class SampleWorkspace
{
public:
    // Fills folder with datasets/ and the example experiments; existing files are left alone.
    // Returns the number of experiments the workspace then has. Throws StorageError.
    static int create(const QString& folder);
    // The folder a first start uses: ~/.local/share/seedscape/sample-workspace on Linux.
    static QString defaultFolder();
};

} // namespace seedscape
