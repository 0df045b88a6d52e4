#pragma once

#include <QString>

#include <stdexcept>

namespace seedscape {

// A problem with the cluster or the submission that the user can fix (Slurm missing, sbatch's
// rejection, a workspace the nodes cannot see): seedscape-cli exits 1 with the message.
class SlurmError : public std::runtime_error
{
public:
    explicit SlurmError(const QString& message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

} // namespace seedscape
