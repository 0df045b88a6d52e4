#include "batchscript.h"

#include <QRegularExpression>

namespace seedscape {

QString BatchScript::shellQuoted(const QString& word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString BatchScript::outputArgument(const SlurmJob& job)
{
    // sbatch expands %j, %a … anywhere in the name: a '%' of the folder (a workspace "runs-50%")
    // must stay itself, or every task dies before it starts, unable to open its output file.
    QString folder = job.folder;
    folder.replace(QLatin1Char('%'), QStringLiteral("%%"));
    return QStringLiteral("--output=") + folder + QStringLiteral("/task-%a.out");
}

QString BatchScript::text(const SlurmJob& job, const QString& workspaceFolder)
{
    const SlurmOptions& o = job.options;
    QString array = QStringLiteral("0-%1").arg(job.tasks.size() - 1);
    if (o.maxParallel > 0)
        array += QStringLiteral("%%1").arg(o.maxParallel);
    QStringList lines{
        QStringLiteral("#!/bin/sh"),
        QStringLiteral("# Seedscape: %1 seeds of experiment \"%2\" in %3 array tasks (seeds per task: "
                       "job.json beside this script).")
            .arg(job.seedCount())
            .arg(job.experiment)
            .arg(job.tasks.size()),
        QStringLiteral("#SBATCH --job-name=%1")
            .arg(shellQuoted(QStringLiteral("seedscape:") + job.experiment)),
        QStringLiteral("#SBATCH --array=%1").arg(array),
        // A task ended by preemption or a node failure comes back and skips what it stored.
        QStringLiteral("#SBATCH --requeue")};
    if (!o.partition.isEmpty())
        lines << QStringLiteral("#SBATCH --partition=%1").arg(o.partition);
    if (!o.time.isEmpty())
        lines << QStringLiteral("#SBATCH --time=%1").arg(o.time);
    if (o.cpusPerTask > 0)
        lines << QStringLiteral("#SBATCH --cpus-per-task=%1").arg(o.cpusPerTask);
    if (o.gpusPerTask > 0)
        lines << QStringLiteral("#SBATCH --gpus-per-task=%1").arg(o.gpusPerTask);
    lines << QStringLiteral("exec %1 slurm-task --workspace %2 --job-folder %3")
                 .arg(shellQuoted(job.cli), shellQuoted(workspaceFolder), shellQuoted(job.folder));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace seedscape
