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

    static constexpr int kMaxParallel = 256;

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
    // Throws InputError naming model.workdir or model.command[0] of experimentFile when the
    // working folder or the program is missing (workdir is taken from the file's folder).
    void requireRunnable(const QString& experimentFile) const;

    bool operator==(const CommandSpec&) const = default;
};

} // namespace seedscape
