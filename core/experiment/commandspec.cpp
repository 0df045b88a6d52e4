#include "commandspec.h"

#include "watchedfolder.h"

#include "common/inputerror.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace seedscape {

namespace {

const QRegularExpression& placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{([^{}]*)\\}"));
    return pattern;
}

} // namespace

QStringList CommandSpec::placeholders()
{
    return {QStringLiteral("seed"), QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("test"),
            QStringLiteral("output")};
}

QString CommandSpec::resolvedWorkdir(const QString& baseDir) const
{
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(workdir.isEmpty() ? QStringLiteral(".") : workdir));
}

QStringList CommandSpec::expanded(const QMap<QString, QString>& values) const
{
    QStringList arguments;
    for (const QString& argument : command) {
        QString out;
        qsizetype from = 0;
        for (auto it = placeholderPattern().globalMatch(argument); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += argument.mid(from, m.capturedStart() - from);
            out += values.value(m.captured(1), m.captured(0));
            from = m.capturedEnd();
        }
        arguments << out + argument.mid(from);
    }
    return arguments;
}

std::optional<QString> CommandSpec::unknownPlaceholder(const QString& argument)
{
    for (auto it = placeholderPattern().globalMatch(argument); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!placeholders().contains(m.captured(1)))
            return m.captured(0);
    }
    return std::nullopt;
}

QString CommandSpec::findProgram(const QString& program, const QString& workdir, QString* problem)
{
    const auto executable = [](const QString& path) {
        const QFileInfo info(path);
        return info.isFile() && info.isExecutable();
    };
    if (program.contains(QLatin1Char('/'))) {
        const QString path = QDir::cleanPath(QDir(workdir).absoluteFilePath(program));
        if (executable(path))
            return path;
        *problem = QFileInfo(path).isFile()
                       ? QStringLiteral("%1 is not executable (chmod +x it, or run it through its "
                                        "interpreter, e.g. [\"python3\", \"%2\"])")
                             .arg(path, program)
                       : QStringLiteral("%1 does not exist").arg(path);
        return {};
    }
    const QStringList path = qEnvironmentVariable("PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString& folder : path)
        if (executable(folder + QLatin1Char('/') + program))
            return QDir::cleanPath(folder + QLatin1Char('/') + program);
    *problem = QStringLiteral("no program \"%1\" on PATH (%2)")
                   .arg(program, InputError::excerpt(path.join(QLatin1Char(':')), 160));
    return {};
}

QStringList CommandSpec::watchedFiles(qsizetype index, const QString& workdir, bool* tooMany) const
{
    if (tooMany)
        *tooMany = false;
    const QString& entry = watch[index];
    const QFileInfo info(QDir(workdir).absoluteFilePath(entry));
    if (info.isFile())
        return {entry};
    if (!info.isDir())
        return {};
    QStringList files = WatchedFolder::files(info.filePath(), kMaxWatchedFiles, tooMany);
    for (QString& file : files)
        file = QDir::cleanPath(entry + QLatin1Char('/') + file);
    return files;
}

QString CommandSpec::watchProblem(qsizetype index, const QString& workdir, const QString& workspace) const
{
    const QString path = QDir::cleanPath(QDir(workdir).absoluteFilePath(watch[index]));
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("%1 does not exist").arg(path);
    if (!info.isDir())
        return {};
    const QString folder = info.canonicalFilePath();
    const QString workspaceFolder = QFileInfo(workspace).canonicalFilePath();
    if (workspaceFolder == folder || workspaceFolder.startsWith(folder + QLatin1Char('/')))
        return QStringLiteral("the folder %1 holds the workspace, whose results change with every seed; "
                              "watch the files or folders of your code instead")
            .arg(path);
    bool tooMany = false;
    const QStringList files = watchedFiles(index, workdir, &tooMany);
    if (tooMany)
        return QStringLiteral("the folder %1 holds more than %2 code and configuration files (or entries "
                              "to look through); watch the folders of your code instead")
            .arg(path)
            .arg(kMaxWatchedFiles);
    if (files.isEmpty())
        return QStringLiteral("the folder %1 holds no code or configuration files (.py, .yaml, .json, .sh, "
                              ".cpp and the like, known by their extension)")
            .arg(path);
    return {};
}

void CommandSpec::requireRunnable(const QString& experimentFile) const
{
    const QString folder = resolvedWorkdir(QFileInfo(experimentFile).absolutePath());
    if (!QFileInfo(folder).isDir())
        throw InputError({experimentFile, 0, {}, QStringLiteral("model.workdir")},
                         QStringLiteral("the working folder %1 does not exist").arg(folder));
    QString problem;
    if (command.isEmpty() || findProgram(command.front(), folder, &problem).isEmpty())
        throw InputError({experimentFile, 0, {}, QStringLiteral("model.command[0]")},
                         command.isEmpty() ? QStringLiteral("names no program") : problem);
    for (qsizetype i = 0; i < watch.size(); ++i)
        if (const QString watchedProblem = watchProblem(i, folder, QFileInfo(experimentFile).absolutePath());
            !watchedProblem.isEmpty())
            throw InputError({experimentFile, 0, {}, QStringLiteral("model.watch[%1]").arg(i)},
                             watchedProblem);
}

} // namespace seedscape
