#include "datasetimport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

namespace seedscape {

namespace {

constexpr qint64 kChunkBytes = 1 << 20; // data files can be large: never read whole

QString datasetsFolderName()
{
    return QStringLiteral("datasets");
}

// Whether two files hold the same bytes, read a chunk at a time.
bool sameBytes(const QString& a, const QString& b)
{
    QFile first(a), second(b);
    if (first.size() != second.size() || !first.open(QIODevice::ReadOnly) ||
        !second.open(QIODevice::ReadOnly))
        return false;
    while (!first.atEnd()) {
        const QByteArray chunk = first.read(kChunkBytes);
        if (chunk.isEmpty() || chunk != second.read(chunk.size()))
            return false;
    }
    return second.atEnd();
}

// NAME.csv, NAME-2.csv, NAME-3.csv, …
QString candidateName(const QFileInfo& source, int n)
{
    if (n == 1)
        return source.fileName();
    const QString suffix = source.suffix();
    const QString base = suffix.isEmpty() ? source.fileName() : source.completeBaseName();
    return suffix.isEmpty() ? QStringLiteral("%1-%2").arg(base).arg(n)
                            : QStringLiteral("%1-%2.%3").arg(base).arg(n).arg(suffix);
}

// Writes the bytes of source to the temporary file, left in place for the rename.
void copyToTemporary(const QString& source, QTemporaryFile& temporary)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        throw StorageError(QStringLiteral("%1: cannot read: %2").arg(source, in.errorString()));
    if (!temporary.open())
        throw StorageError(
            QStringLiteral("%1: cannot write: %2").arg(temporary.fileTemplate(), temporary.errorString()));
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(kChunkBytes);
        if (chunk.isEmpty() && !in.atEnd())
            throw StorageError(QStringLiteral("%1: cannot read: %2").arg(source, in.errorString()));
        if (temporary.write(chunk) != chunk.size())
            throw StorageError(
                QStringLiteral("%1: cannot write: %2").arg(temporary.fileName(), temporary.errorString()));
    }
    if (!temporary.flush())
        throw StorageError(
            QStringLiteral("%1: cannot write: %2").arg(temporary.fileName(), temporary.errorString()));
    temporary.close();
}

} // namespace

QString copyIntoWorkspace(const QString& workspace, const QString& file)
{
    const QFileInfo source(file);
    if (!source.isFile())
        throw StorageError(QStringLiteral("%1: no such file").arg(file));
    const QDir root(workspace);
    const QString inside = root.relativeFilePath(source.absoluteFilePath());
    if (!inside.startsWith(QStringLiteral("..")) && !QDir::isAbsolutePath(inside))
        return inside; // already part of the workspace

    const QString folder = root.filePath(datasetsFolderName());
    if (!QDir().mkpath(folder))
        throw StorageError(QStringLiteral("%1: cannot create the folder").arg(folder));
    QTemporaryFile temporary(QDir(folder).filePath(QStringLiteral(".import-XXXXXX.part")));
    bool copied = false;
    for (int n = 1;; ++n) {
        const QString name = candidateName(source, n);
        const QString target = QDir(folder).filePath(name);
        if (QFileInfo::exists(target)) {
            if (sameBytes(target, source.absoluteFilePath()))
                return datasetsFolderName() + QLatin1Char('/') + name;
            continue; // a different file: never replaced
        }
        if (!copied) {
            copyToTemporary(source.absoluteFilePath(), temporary);
            copied = true;
        }
        // QFile::rename never replaces an existing file: one that appeared meanwhile is kept.
        if (QFile::rename(temporary.fileName(), target)) {
            temporary.setAutoRemove(false);
            return datasetsFolderName() + QLatin1Char('/') + name;
        }
        if (!QFileInfo::exists(target))
            throw StorageError(QStringLiteral("%1: cannot save: %2").arg(target, temporary.errorString()));
        --n; // taken meanwhile: look at it again (it may hold the same bytes)
    }
}

} // namespace seedscape
