#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace seedscape {

// A command experiment's model: the user's own training program, run once per seed
// (docs/interfaces.md, "Command experiments").
struct CommandSpec
{
    QStringList command;       // the program and its arguments, no shell; may hold placeholders
    QString workdir;           // relative to the experiment file's folder; empty: that folder
    int parallel = 1;          // seeds running at once
    double timeoutMinutes = 0; // 0: none
    // More files or folders of the program (the modules it imports, its configuration), relative to
    // workdir or absolute: their contents join the files the command names in each seed's record
    // (ProgramFiles), so that an edit to them is not mixed in either. Not part of what a seed means.
    QStringList watch;

    static constexpr int kMaxParallel = 256;
    // A watched folder with more files than this is refused: hashing it before every seed would
    // cost more than a seed of a small program, and it is more likely data than code.
    static constexpr int kMaxWatchedFiles = 2000;

    // The folder the program starts in.
    QString resolvedWorkdir(const QString& baseDir) const;
    // The arguments with every {name} replaced by values[name] (seed, train, val, test, output).
    QStringList expanded(const QMap<QString, QString>& values) const;
    // The first placeholder in argument that is not a known one, e.g. "{epochs}".
    static std::optional<QString> unknownPlaceholder(const QString& argument);
    static QStringList placeholders(); // seed, train, val, test, output

    // The program's executable file: a name with a '/' taken from workdir, any other searched on
    // PATH. Empty when there is none; *problem then says what was looked for.
    static QString findProgram(const QString& program, const QString& workdir, QString* problem);
    // Why watch[index] cannot be watched: it does not exist, it is a folder that holds the
    // workspace (whose results change with every seed) or more than kMaxWatchedFiles of the files a
    // folder contributes (ProgramFiles). Empty when it can.
    QString watchProblem(qsizetype index, const QString& workdir, const QString& workspace) const;
    // The files watch[index] stands for, named as watch[index] names them (relative to workdir, or
    // absolute): the file itself, or a folder's code and configuration files (WatchedFolder).
    // *tooMany says the folder holds more than kMaxWatchedFiles of them; the list then stops there.
    QStringList watchedFiles(qsizetype index, const QString& workdir, bool* tooMany = nullptr) const;
    // Throws InputError naming model.workdir, model.command[0] or model.watch[i] of experimentFile
    // when the working folder, the program or a watched path is missing or refused (workdir is taken
    // from the file's folder, which is the workspace).
    void requireRunnable(const QString& experimentFile) const;

    bool operator==(const CommandSpec&) const = default;
};

} // namespace seedscape
