#include "processprobe.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace seedscape::testsupport {

QByteArray fileContents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

char processState(qint64 pid)
{
    const QByteArray stat = fileContents(QStringLiteral("/proc/%1/stat").arg(pid));
    // "PID (name) S …": the name may hold spaces and parentheses, so the state follows the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    return close > 0 && close + 2 < stat.size() ? stat.at(close + 2) : '?';
}

bool processAlive(qint64 pid)
{
    const char state = processState(pid);
    return state != '?' && state != 'Z';
}

QList<qint64> pidFilesIn(const QString& folder)
{
    QList<qint64> pids;
    for (const QString& name : QDir(folder).entryList(QDir::Files))
        pids << name.toLongLong();
    return pids;
}

ProgramOutput runProgram(const QString& program, const QStringList& args, const QProcessEnvironment& env)
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(program, args);
    ProgramOutput r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

ProgramOutput runCli(const QStringList& args, const QProcessEnvironment& env)
{
    return runProgram(QStringLiteral(SEEDSCAPE_CLI), args, env);
}

} // namespace seedscape::testsupport
