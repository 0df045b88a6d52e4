#include "slurmclient.h"

#include "slurmerror.h"

#include <QProcess>
#include <QStandardPaths>

namespace seedscape {

namespace {

// "sbatch: error: Batch job submission failed: Invalid partition name specified" → the last part.
QString firstProblem(const QString& err)
{
    for (QString line : err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        line = line.trimmed();
        if (line.contains(QLatin1String("error")))
            return line.section(QStringLiteral("error: "), -1);
    }
    return err.trimmed().section(QLatin1Char('\n'), 0, 0);
}

} // namespace

SlurmClient::Output SlurmClient::run(const QString& program, const QStringList& args)
{
    QProcess process;
    process.start(program, args);
    Output output;
    if (!process.waitForStarted(kTimeoutMilliseconds))
        return output;
    output.ran = true;
    if (!process.waitForFinished(kTimeoutMilliseconds)) {
        process.kill();
        process.waitForFinished();
        output.err =
            QStringLiteral("%1 did not answer within %2 s").arg(program).arg(kTimeoutMilliseconds / 1000);
        return output;
    }
    output.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    output.out = QString::fromUtf8(process.readAllStandardOutput());
    output.err = QString::fromUtf8(process.readAllStandardError());
    return output;
}

bool SlurmClient::available(QString* missing)
{
    for (const char* tool : {"sbatch", "squeue", "scancel", "sinfo"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
            if (missing)
                *missing =
                    QStringLiteral("%1 is not on PATH: submitting needs Slurm's client commands (Debian: "
                                   "slurm-client) installed and configured for your cluster on this "
                                   "machine")
                        .arg(QLatin1String(tool));
            return false;
        }
    return true;
}

QString SlurmClient::submit(const QString& script, const QStringList& sbatchArgs)
{
    QString missing;
    if (!available(&missing))
        throw SlurmError(missing);
    const Output o = run(QStringLiteral("sbatch"),
                         QStringList{QStringLiteral("--parsable")} + sbatchArgs + QStringList{script});
    if (!o.ran)
        throw SlurmError(QStringLiteral("sbatch could not be started"));
    if (o.exitCode != 0)
        throw SlurmError(QStringLiteral("sbatch refused the job: %1").arg(firstProblem(o.err)));
    // --parsable prints "JOBID" or "JOBID;CLUSTER".
    const QString id = o.out.trimmed().section(QLatin1Char(';'), 0, 0);
    bool number = false;
    id.toULongLong(&number);
    if (!number)
        throw SlurmError(QStringLiteral("sbatch answered '%1', not a job id").arg(o.out.trimmed().left(200)));
    return id;
}

QStringList SlurmClient::partitions()
{
    const Output o =
        run(QStringLiteral("sinfo"), {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%P")});
    if (!o.ran || o.exitCode != 0)
        throw SlurmError(
            QStringLiteral("sinfo failed, so the cluster cannot be asked about its partitions: %1")
                .arg(firstProblem(o.err)));
    QStringList names;
    for (const QString& line : o.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QString name = line.trimmed();
        if (name.endsWith(QLatin1Char('*'))) // the default partition
            names.prepend(name.chopped(1));
        else if (!names.contains(name))
            names << name;
    }
    names.removeDuplicates();
    return names;
}

QStringList SlurmClient::nodeHosts(const QString& partition)
{
    QStringList args{QStringLiteral("-h"), QStringLiteral("-N"), QStringLiteral("-o"), QStringLiteral("%n")};
    if (!partition.isEmpty())
        args << QStringLiteral("-p") << partition;
    const Output o = run(QStringLiteral("sinfo"), args);
    QStringList hosts;
    if (o.ran && o.exitCode == 0)
        for (const QString& line : o.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            hosts << line.trimmed();
    hosts.removeDuplicates();
    return hosts;
}

std::optional<std::map<QString, SlurmClient::QueuedTask>> SlurmClient::queue(const QStringList& jobIds,
                                                                             QString* problem)
{
    std::map<QString, QueuedTask> tasks;
    if (jobIds.isEmpty())
        return tasks;
    // -r: one line per array task, pending ones included; %i is JOBID_TASK.
    const Output o = run(QStringLiteral("squeue"),
                         {QStringLiteral("-h"), QStringLiteral("-r"), QStringLiteral("-j"),
                          jobIds.join(QLatin1Char(',')), QStringLiteral("-o"), QStringLiteral("%i|%T|%r")});
    // squeue fails for job ids it has forgotten (finished long ago): that is an empty queue.
    if (!o.ran || (o.exitCode != 0 && !o.err.contains(QLatin1String("Invalid job id")))) {
        *problem = o.ran ? firstProblem(o.err) : QStringLiteral("squeue could not be started");
        return std::nullopt;
    }
    for (const QString& line : o.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList parts = line.trimmed().split(QLatin1Char('|'));
        if (parts.size() >= 2)
            tasks[parts[0]] = {parts[1], parts.value(2)};
    }
    return tasks;
}

void SlurmClient::cancel(const QString& jobId)
{
    QString missing;
    if (!available(&missing))
        throw SlurmError(missing);
    const Output o = run(QStringLiteral("scancel"), {jobId});
    if (!o.ran || o.exitCode != 0)
        throw SlurmError(QStringLiteral("scancel %1 failed: %2").arg(jobId, firstProblem(o.err)));
}

} // namespace seedscape
