#pragma once

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

} // namespace seedscape
