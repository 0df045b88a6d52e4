#include "slurmtaskrunner.h"

#include "slurmerror.h"

#include "common/inputerror.h"
#include "experiment/experimentfingerprint.h"
#include "store/labelsfile.h"
#include "store/resultstore.h"
#include "train/seedengine.h"

#include <QCoreApplication>
#include <QSysInfo>

namespace seedscape {

SlurmTaskRunner::SlurmTaskRunner(const Workspace& workspace, QString jobFolder, int task)
    : m_workspace(workspace), m_job(SlurmJob::read(jobFolder)), m_task(task)
{
    if (task < 0 || task >= static_cast<int>(m_job.tasks.size()))
        throw SlurmError(QStringLiteral("job %1 has tasks 0 to %2, not %3")
                             .arg(m_job.folder)
                             .arg(m_job.tasks.size() - 1)
                             .arg(task));
    m_record.task = task;
    m_record.host = QSysInfo::machineHostName();
    m_record.pid = QCoreApplication::applicationPid();
    m_record.restarts = qEnvironmentVariableIntValue("SLURM_RESTART_COUNT");
    m_record.startedAt = QDateTime::currentDateTimeUtc();
}

void SlurmTaskRunner::finish(const QString& state, const QString& reason)
{
    m_record.state = state;
    m_record.reason = reason;
    m_record.endedAt = QDateTime::currentDateTimeUtc();
    m_record.write(m_job.taskRecordFile(m_task));
}

int SlurmTaskRunner::run(const std::atomic<bool>& cancel,
                         const std::function<void(const SeedResult&)>& seedEnded)
{
    m_record.state = QStringLiteral("running");
    m_record.write(m_job.taskRecordFile(m_task));

    const Experiment e = m_workspace.experiment(m_job.experiment);
    if (experimentFingerprint(e) != m_job.fingerprint) {
        finish(QStringLiteral("failed"),
               QStringLiteral("the experiment changed after the job was submitted; its seeds would mix two "
                              "definitions"));
        return 1;
    }
    if (const QStringList changed =
            ProgramFiles::read(e.model.command, m_workspace.commandPlaces(e.name).workdirBase)
                .changedSince(m_job.programFiles);
        !changed.isEmpty()) { // never for a job from before they were recorded: it has none
        finish(QStringLiteral("failed"),
               QStringLiteral("%1 changed after the job was submitted; its seeds would mix two programs")
                   .arg(changed.join(QStringLiteral(", "))));
        return 1;
    }
    const QString resultsFolder = m_workspace.resultsFolder(e.name);
    const ResultStore store(resultsFolder);
    const std::set<quint64> stored = store.recordedSeeds();
    std::vector<quint64> seeds;
    for (quint64 seed : m_job.tasks[static_cast<size_t>(m_task)])
        if (!stored.count(seed))
            seeds.push_back(seed);
    m_record.skippedSeeds = static_cast<int>(m_job.tasks[static_cast<size_t>(m_task)].size() - seeds.size());
    if (seeds.empty()) {
        finish(QStringLiteral("finished"), QStringLiteral("every seed was stored already"));
        return 0;
    }

    std::vector<SeedResult> results;
    try {
        auto data = std::make_shared<const PreparedData>(m_workspace.prepareData(e));
        const auto engine = SeedEngine::named(m_job.engine, e, data, m_workspace.commandPlaces(e.name));
        // The data edited after submitting: these seeds would be scored against other truth.
        LabelsFile::requireUnchanged(ExperimentLabels::fromData(*data, engine->metric()), resultsFolder,
                                     e.name, e.dataset.path, true);
        TrainingControl control;
        control.cancel = &cancel;
        // One train() call per group the engine takes, each seed stored as soon as its call ends.
        const size_t group = static_cast<size_t>(std::max(1, engine->maxGroupSize()));
        QString lastFailure;
        for (size_t i = 0; i < seeds.size() && !cancel; i += group) {
            const std::vector<quint64> part(seeds.begin() + static_cast<qsizetype>(i),
                                            seeds.begin() +
                                                static_cast<qsizetype>(std::min(seeds.size(), i + group)));
            for (const SeedResult& r : engine->train(part, control)) {
                if (r.status == SeedStatus::Cancelled)
                    continue;
                store.save(r);
                if (r.isFinished()) {
                    ++m_record.finishedSeeds;
                } else {
                    ++m_record.failedSeeds;
                    lastFailure = QStringLiteral("seed %1: %2").arg(r.seed).arg(r.failureReason);
                }
                if (seedEnded)
                    seedEnded(r);
            }
        }
        if (cancel) {
            finish(QStringLiteral("cancelled"),
                   QStringLiteral("stopped by Slurm (scancel, time limit or preemption) after %1 of %2 seeds")
                       .arg(m_record.finishedSeeds + m_record.failedSeeds)
                       .arg(seeds.size()));
            return 1;
        }
        if (m_record.failedSeeds > 0) {
            finish(QStringLiteral("failed"), QStringLiteral("%1 of %2 seeds failed (last: %3)")
                                                 .arg(m_record.failedSeeds)
                                                 .arg(seeds.size())
                                                 .arg(lastFailure));
            return 1;
        }
    } catch (const InputError& e) {
        finish(QStringLiteral("failed"), e.message());
        return 1;
    } catch (const std::exception& e) {
        finish(QStringLiteral("failed"), QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0));
        return 1;
    }
    finish(QStringLiteral("finished"), {});
    return 0;
}

} // namespace seedscape
