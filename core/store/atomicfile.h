#pragma once

#include <QByteArray>
#include <QString>

#include <stdexcept>

namespace seedscape {

// A file could not be written (permissions, a full disk): the message names the file.
class StorageError : public std::runtime_error
{
public:
    explicit StorageError(const QString& message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

// Every save in Seedscape goes through here: the bytes go to a temporary file in the same folder,
// are flushed to disk, and replace the target by a rename, so a crash or a kill at any moment
// leaves either the old file or the new one, never a mix.
class AtomicFile
{
public:
    static void write(const QString& path, const QByteArray& bytes);
};

} // namespace seedscape
