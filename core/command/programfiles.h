#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace seedscape {

struct CommandSpec;

// The files a command experiment's command names (its script, a configuration file it passes),
// each with a hash of its contents. Every seed records the hashes it ran with, so that seeds of an
// edited program never join the seeds of the one before (docs/command-experiments.md, "When the
// program changes"). A file is named when an argument, or the value of an `--option=value`
// argument, is the path of an existing file, relative to the working folder or absolute; the
// program itself when it is named with a '/'. Installed software (under /usr, /bin, /lib, /etc)
// and arguments with placeholders are not: they are not the experiment's own code. The files that
// `model.watch` names (CommandSpec::watchedFiles) join them: the modules the script imports.
class ProgramFiles
{
public:
    ProgramFiles() = default;
    explicit ProgramFiles(QMap<QString, QString> hashes) : m_hashes(std::move(hashes)) {}

    // The files spec's command names, its workdir taken from workdirBase (see CommandSpec).
    static ProgramFiles read(const CommandSpec& spec, const QString& workdirBase);

    // Name as the command gives it → 16 hex digits: FNV-1a of the contents (of the size and
    // modification time for a file over kLargeFileBytes, which is not read whole).
    const QMap<QString, QString>& hashes() const { return m_hashes; }
    bool isEmpty() const { return m_hashes.isEmpty(); }
    // The names in `before` whose file differs or is gone. A file that is new (added to a watched
    // folder, or watched since) is not a change: `before` cannot say it ran another version of it,
    // and code that starts using a new file is an edit of a file `before` has. So nothing has changed
    // since an empty `before` (a record or job from before program files were kept).
    QStringList changedSince(const ProgramFiles& before) const;

    static constexpr qint64 kLargeFileBytes = 64LL << 20;

    bool operator==(const ProgramFiles&) const = default;

private:
    QMap<QString, QString> m_hashes;
};

} // namespace seedscape
