#pragma once

#include "common/storageerror.h"

#include <QByteArray>
#include <QString>

namespace seedscape {

// Every save in Seedscape goes through here: the bytes go to a temporary file in the same folder,
// are synced to disk, and replace the target by a rename, so a crash or a kill at any moment
// leaves either the old file or the new one, never a mix. Throws StorageError, naming the file and
// the system's reason, when any step fails (a full disk: "No space left on device"); the old file
// is then left as it was.
class AtomicFile
{
public:
    static void write(const QString& path, const QByteArray& bytes);
};

} // namespace seedscape
