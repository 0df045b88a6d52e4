#pragma once

#include "slurmjob.h"

#include <QString>

namespace seedscape {

// The batch script of a submission (submit.sh in its folder): one Slurm job array whose task I
// runs `seedscape-cli slurm-task` for the seeds job.json gives task I. The options the user chose
// are #SBATCH lines, so the script says how it was submitted; the output files (task-%a.out), whose
// path may hold spaces, go on sbatch's command line (outputArgument).
class BatchScript
{
public:
    static QString text(const SlurmJob& job, const QString& workspaceFolder);
    static QString outputArgument(const SlurmJob& job);
    // A word for a shell: quoted unless it is plain.
    static QString shellQuoted(const QString& word);
};

} // namespace seedscape
