#include "programfiles.h"

#include "common/fnv1a.h"
#include "experiment/commandspec.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace seedscape {

namespace {

// Installed software: an interpreter such as /usr/bin/python3 (or a virtual environment's link to
// it) changes with the system's updates, not with the experiment.
bool isInstalledSoftware(const QString& canonicalPath)
{
    static const QStringList folders{QStringLiteral("/usr/"),   QStringLiteral("/bin/"),
                                     QStringLiteral("/sbin/"),  QStringLiteral("/lib/"),
                                     QStringLiteral("/lib32/"), QStringLiteral("/lib64/"),
                                     QStringLiteral("/etc/"),   QStringLiteral("/proc/"),
                                     QStringLiteral("/sys/"),   QStringLiteral("/dev/")};
    for (const QString& folder : folders)
        if (canonicalPath.startsWith(folder))
            return true;
    return false;
}

QString contentHash(const QFileInfo& info)
{
    if (info.size() > ProgramFiles::kLargeFileBytes)
        return fnv1a64(QStringLiteral("%1 bytes, modified %2")
                           .arg(info.size())
                           .arg(info.lastModified().toMSecsSinceEpoch())
                           .toUtf8());
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unreadable");
    return fnv1a64(file.readAll());
}

} // namespace

ProgramFiles ProgramFiles::read(const CommandSpec& spec, const QString& workdirBase)
{
    const QDir workdir(spec.resolvedWorkdir(workdirBase));
    QMap<QString, QString> hashes;
    const auto consider = [&](const QString& name) {
        if (name.isEmpty() || name.contains(QLatin1Char('{'))) // a placeholder: not a file of its own
            return;
        const QFileInfo info(workdir.absoluteFilePath(name));
        if (!info.isFile() || isInstalledSoftware(info.canonicalFilePath()))
            return;
        hashes.insert(name, contentHash(info));
    };
    for (qsizetype i = 0; i < spec.command.size(); ++i) {
        const QString& argument = spec.command[i];
        // The program is taken from PATH unless it is named with a '/' (CommandSpec::findProgram).
        if (i == 0 && !argument.contains(QLatin1Char('/')))
            continue;
        consider(argument);
        if (i > 0 && argument.startsWith(QLatin1Char('-')) && argument.contains(QLatin1Char('=')))
            consider(argument.section(QLatin1Char('='), 1));
    }
    // Watched files are the user's own choice: hashed wherever they are.
    const QString workdirPath = workdir.path();
    for (qsizetype i = 0; i < spec.watch.size(); ++i)
        for (const QString& name : spec.watchedFiles(i, workdirPath))
            hashes.insert(name, contentHash(QFileInfo(workdir.absoluteFilePath(name))));
    return ProgramFiles(hashes);
}

QStringList ProgramFiles::changedSince(const ProgramFiles& before) const
{
    QStringList changed;
    for (auto it = before.m_hashes.cbegin(); it != before.m_hashes.cend(); ++it)
        if (m_hashes.value(it.key()) != it.value())
            changed << it.key();
    return changed;
}

} // namespace seedscape
