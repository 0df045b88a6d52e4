#pragma once

#include <QStringList>

// One function per seedscape-cli command. Each returns the exit code and throws UsageError,
// InputError or StorageError for a user error.
namespace seedscape::cli {

int checkCommand(const QStringList& args);
int sampleCommand(const QStringList& args);
int runCommand(const QStringList& args);
int rerunCommand(const QStringList& args);
int importCommand(const QStringList& args);
int statsCommand(const QStringList& args);
int plotCommand(const QStringList& args);
int reportCommand(const QStringList& args);
int submitCommand(const QStringList& args);
int jobsCommand(const QStringList& args);
int cancelJobCommand(const QStringList& args);
int slurmTaskCommand(const QStringList& args);
int renameCommand(const QStringList& args);
int deleteCommand(const QStringList& args);
int restoreCommand(const QStringList& args);
int studySourcesCommand(const QStringList& args);

} // namespace seedscape::cli
