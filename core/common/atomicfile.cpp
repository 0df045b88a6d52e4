#include "atomicfile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace seedscape {

void AtomicFile::write(const QString& path, const QByteArray& bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        throw StorageError(QStringLiteral("%1: cannot create the folder %2").arg(path, info.absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw StorageError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        throw StorageError(QStringLiteral("%1: cannot write: %2").arg(path, reason));
    }
    if (!file.commit())
        throw StorageError(QStringLiteral("%1: cannot save: %2").arg(path, file.errorString()));
}

} // namespace seedscape
