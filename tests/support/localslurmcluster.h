#pragma once

#include <QString>

namespace seedscape::testsupport {

// A real one-node Slurm cluster for a test (tests/slurm/localcluster.sh: munged, slurmctld and
// slurmd with their own key, configuration and ports in folder), started by the constructor and
// stopped, every daemon of it, by the destructor. While it runs, SLURM_CONF points Slurm's
// commands, in this process and the programs it starts, at it.
class LocalSlurmCluster
{
public:
    enum class State
    {
        Running,
        NotInstalled, // Slurm's daemons are missing here: the test should skip
        Failed,       // see problem()
    };

    explicit LocalSlurmCluster(const QString& folder);
    ~LocalSlurmCluster();
    LocalSlurmCluster(const LocalSlurmCluster&) = delete;
    LocalSlurmCluster& operator=(const LocalSlurmCluster&) = delete;

    State state() const { return m_state; }
    QString problem() const { return m_problem; }
    // The daemons' log lines that mention text (a job id), for a failing test's message.
    QString logLines(const QString& text) const;

private:
    QString m_folder;
    State m_state = State::Failed;
    QString m_problem;
};

} // namespace seedscape::testsupport
