#include "slurmsubmitter.h"

#include "batchscript.h"
#include "slurmclient.h"
#include "slurmerror.h"

#include "common/atomicfile.h"
#include "experiment/experimentfingerprint.h"
#include "store/experimentlabels.h"
#include "store/labelsfile.h"
#include "store/resultstore.h"
#include "store/storeddefinition.h"
#include "sweep/sweeprunner.h"
#include "train/batchedseedtrainer.h"

#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

#include <deque>

#include <sys/vfs.h>

namespace seedscape {

namespace {

constexpr long kTmpfsMagic = 0x01021994;
constexpr long kRamfsMagic = 0x858458f6;

// Where a path lives only on this machine: a memory file system or a machine's scratch folder.
QString localOnlyPlace(const QString& path)
{
    // The path may not exist yet (a new workspace): its nearest existing folder tells.
    QFileInfo existing(QFileInfo(path).absoluteFilePath());
    while (!existing.exists() && existing.absoluteFilePath() != QLatin1String("/"))
        existing = QFileInfo(existing.absolutePath());
    const QString canonical = existing.canonicalFilePath();
    for (const char* local : {"/tmp", "/var/tmp", "/dev/shm", "/run"})
        if (canonical == QLatin1String(local) ||
            canonical.startsWith(QLatin1String(local) + QLatin1Char('/')))
            return QString::fromLatin1(local);
    struct statfs fs;
    if (statfs(QFile::encodeName(canonical).constData(), &fs) == 0 &&
        (static_cast<long>(fs.f_type) == kTmpfsMagic || static_cast<long>(fs.f_type) == kRamfsMagic))
        return QStringLiteral("a memory file system (tmpfs)");
    return {};
}

} // namespace

SlurmSubmitter::SlurmSubmitter(const Workspace& workspace, const Experiment& experiment,
                               std::shared_ptr<const PreparedData> data, TrainingEngine engine)
    : m_workspace(workspace), m_experiment(experiment), m_data(std::move(data)),
      m_resultsFolder(workspace.resultsFolder(experiment.name))
{
    // This engine plans the tasks (its name, its groups); the device is resolved where a task runs,
    // so a GPU experiment is submitted from a login node that has none.
    Experiment planned = m_experiment;
    planned.device = DeviceSpec::cpu();
    m_engine = SeedEngine::create(planned, m_data, engine, workspace.commandPlaces(experiment.name));
    StoredDefinition::checkComparable(m_experiment, m_resultsFolder, m_engine->programFiles());
}

void SlurmSubmitter::requireVisibleToNodes(const QString& path, const QString& what, const QString& partition)
{
    const QString place = localOnlyPlace(path);
    if (place.isEmpty())
        return;
    const QString here = QSysInfo::machineHostName().section(QLatin1Char('.'), 0, 0);
    QStringList others;
    // Without a partition the job goes to the default one (listed first).
    const QString target = partition.isEmpty() ? SlurmClient::partitions().value(0) : partition;
    for (const QString& host : SlurmClient::nodeHosts(target))
        if (host.section(QLatin1Char('.'), 0, 0) != here && host != QLatin1String("localhost"))
            others << host;
    if (others.isEmpty()) // every node is this machine: it sees its own folders
        return;
    throw SlurmError(
        QStringLiteral("%1 %2 is on %3, which only this machine sees, but the tasks run on %4; put it "
                       "on a file system every node mounts at the same path (your home or project "
                       "folder on NFS, Lustre, GPFS or BeeGFS) and check with: srun%5 ls %2")
            .arg(what, QFileInfo(path).absoluteFilePath(), place,
                 others.mid(0, 5).join(QStringLiteral(", ")) +
                     (others.size() > 5 ? QStringLiteral(", …") : QString()),
                 partition.isEmpty() ? QString() : QStringLiteral(" -p ") + partition));
}

std::set<quint64> SlurmSubmitter::seedsInFlight() const
{
    std::vector<SlurmJob> jobs;
    QStringList ids;
    QStringList unreadable;
    std::vector<SlurmJob> all = SlurmJob::readAll(m_workspace.path(), &unreadable);
    // A job of this experiment whose record is damaged may still be training seeds: uncounted, they
    // would come on top of a new submission's.
    for (const QString& problem : unreadable)
        if (problem.startsWith(m_resultsFolder + QStringLiteral("/slurm/")) &&
            QFileInfo::exists(problem.section(QStringLiteral(": "), 0, 0))) // none: nothing was submitted
            throw SlurmError(
                QStringLiteral("%1; so the seeds of its job cannot be counted. Once that job has "
                               "ended (squeue), move its folder out of %2/slurm")
                    .arg(problem, m_resultsFolder));
    for (SlurmJob& job : all)
        if (job.experiment == m_experiment.name && !job.jobId.isEmpty() && !job.cancelledAt.isValid()) {
            ids << job.jobId;
            jobs.push_back(std::move(job));
        }
    std::set<quint64> seeds;
    if (ids.isEmpty())
        return seeds;
    QString problem;
    const auto queue = SlurmClient::queue(ids, &problem);
    if (!queue)
        throw SlurmError(
            QStringLiteral("squeue failed, so the seeds of earlier jobs cannot be counted: %1").arg(problem));
    for (const SlurmJob& job : jobs)
        for (size_t t = 0; t < job.tasks.size(); ++t)
            if (queue->count(QStringLiteral("%1_%2").arg(job.jobId).arg(t)))
                seeds.insert(job.tasks[t].begin(), job.tasks[t].end());
    return seeds;
}

SlurmSubmitter::Plan SlurmSubmitter::plan(int wanted) const
{
    const ResultStore store(m_resultsFolder);
    Plan p;
    p.finished = store.finishedCount();
    std::set<quint64> flying = seedsInFlight();
    for (quint64 seed : store.recordedSeeds())
        flying.erase(seed);
    p.inFlight = static_cast<int>(flying.size());
    p.toSubmit = std::max(0, wanted - p.finished - p.inFlight);
    return p;
}

int SlurmSubmitter::seedsPerTask(const SeedEngine& engine, const SlurmOptions& options,
                                 const DeviceSpec& device)
{
    // A task with a GPU trains its seeds as one GPU group: hundreds cost about what one does.
    const bool gpuTask =
        engine.maxGroupSize() > 1 && options.gpusPerTask > 0 && device.kind != DeviceSpec::Kind::Cpu;
    const int group = gpuTask ? BatchedSeedTrainer::kMaxGpuGroupSize : engine.maxGroupSize();
    if (options.seedsPerTask > 0)
        return group > 1 ? std::min(options.seedsPerTask, group) : options.seedsPerTask;
    return group > 1 ? std::min(gpuTask ? kGpuSeedsPerTask : kBatchedSeedsPerTask, group) : 1;
}

void SlurmSubmitter::requireReady(const QString& workspaceFolder, const SlurmOptions& options,
                                  const QString& cli)
{
    QString missing;
    if (!SlurmClient::available(&missing))
        throw SlurmError(missing);
    if (!options.partition.isEmpty()) {
        const QStringList partitions = SlurmClient::partitions();
        if (!partitions.contains(options.partition))
            throw SlurmError(QStringLiteral("the cluster has no partition \"%1\"; it has: %2")
                                 .arg(options.partition, partitions.join(QStringLiteral(", "))));
    }
    requireVisibleToNodes(workspaceFolder, QStringLiteral("the workspace"), options.partition);
    requireVisibleToNodes(cli, QStringLiteral("seedscape-cli"), options.partition);
}

std::optional<SlurmJob> SlurmSubmitter::submit(int wanted, const SlurmOptions& options,
                                               const QString& cli) const
{
    requireReady(m_workspace.path(), options, cli);

    // Counting first: seeds of jobs still queued are on their way.
    const Plan p = plan(wanted);
    if (p.toSubmit == 0)
        return std::nullopt;
    // The truth and the definition beside the seeds, as a local sweep writes them.
    const ExperimentLabels labels = ExperimentLabels::fromData(*m_data, m_engine->metric());
    LabelsFile::requireUnchanged(labels, m_resultsFolder, m_experiment.name, m_experiment.dataset.path);
    LabelsFile::write(labels, m_resultsFolder);
    StoredDefinition::write(m_experiment, m_resultsFolder);

    // Seeds drawn now and recorded with the job: a requeued task trains the same ones.
    const ResultStore store(m_resultsFolder);
    std::set<quint64> used = store.recordedSeeds();
    const std::set<quint64> flying = seedsInFlight();
    used.insert(flying.begin(), flying.end());
    std::deque<quint64> listed;
    for (quint64 seed : m_experiment.seeds.list)
        if (!used.count(seed))
            listed.push_back(seed);
    std::vector<quint64> seeds;
    while (static_cast<int>(seeds.size()) < p.toSubmit) {
        quint64 seed;
        if (!listed.empty()) {
            seed = listed.front();
            listed.pop_front();
        } else {
            do
                seed = SweepRunner::freshSeed();
            while (used.count(seed));
        }
        used.insert(seed);
        seeds.push_back(seed);
    }

    SlurmJob job;
    job.folder = m_resultsFolder + QStringLiteral("/slurm/") + SlurmJob::newSubmissionName();
    job.experiment = m_experiment.name;
    job.fingerprint = experimentFingerprint(m_experiment);
    job.programFiles = m_engine->programFiles();
    job.engine = m_engine->name();
    job.options = options;
    job.cli = QFileInfo(cli).absoluteFilePath();
    job.submittedAt = QDateTime::currentDateTimeUtc();
    const int perTask = seedsPerTask(*m_engine, options, m_experiment.device);
    for (size_t i = 0; i < seeds.size(); i += static_cast<size_t>(perTask))
        job.tasks.emplace_back(
            seeds.begin() + static_cast<qsizetype>(i),
            seeds.begin() + static_cast<qsizetype>(std::min(seeds.size(), i + static_cast<size_t>(perTask))));
    if (!QDir().mkpath(job.folder))
        throw StorageError(QStringLiteral("%1: cannot create the submission folder").arg(job.folder));
    try {
        job.write();
        AtomicFile::write(job.scriptFile(), BatchScript::text(job, m_workspace.path()).toUtf8());
        QFile(job.scriptFile()).setPermissions(QFile::permissions(job.scriptFile()) | QFile::ExeOwner);
        job.jobId = SlurmClient::submit(job.scriptFile(),
                                        QStringList{BatchScript::outputArgument(job)} + options.sbatchArgs);
    } catch (...) {
        QDir(job.folder).removeRecursively(); // nothing was submitted: nothing to remember
        throw;
    }
    job.write();
    return job;
}

} // namespace seedscape
