// seedscape-cli submit, jobs, cancel-job and slurm-task: sweeps as Slurm job arrays
// (docs/slurm.md).
#include "clioptions.h"
#include "commands.h"

#include "common/inputerror.h"
#include "data/preparedata.h"
#include "experiment/experimentreader.h"
#include "experiment/experimentvalidator.h"
#include "slurm/slurmclient.h"
#include "slurm/slurmerror.h"
#include "slurm/slurmjobstatus.h"
#include "slurm/slurmsubmitter.h"
#include "slurm/slurmtaskrunner.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <iostream>

namespace seedscape::cli {

namespace {

std::atomic<bool> g_stopTask{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

void onSlurmSignal(int)
{
    g_stopTask = true;
}

Workspace existingWorkspace(const CliOptions& options)
{
    const QString folder = options.required(QStringLiteral("--workspace"));
    if (!QFileInfo(folder).isDir())
        throw InputError({folder}, QStringLiteral("no such workspace folder"));
    return Workspace(folder);
}

// The seedscape-cli beside this one: what the tasks run on the nodes.
QString thisCli()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/seedscape-cli");
}

} // namespace

int submitCommand(const QStringList& args)
{
    const CliOptions options(args,
                             {QStringLiteral("--workspace"), QStringLiteral("--seeds"),
                              QStringLiteral("--partition"), QStringLiteral("--time"),
                              QStringLiteral("--cpus-per-task"), QStringLiteral("--gpus-per-task"),
                              QStringLiteral("--max-parallel"), QStringLiteral("--seeds-per-task")},
                             {}, {QStringLiteral("--sbatch-arg")});
    if (options.positional().size() != 1)
        throw UsageError(QStringLiteral("submit takes one experiment file"));
    const QString file = options.positional().front();
    const Experiment fromFile = ExperimentReader::readFile(file);
    const int wanted = static_cast<int>(
        options.integer(QStringLiteral("--seeds"), fromFile.seeds.count, 1, ExperimentValidator::kMaxSeeds));
    SlurmOptions slurm;
    slurm.partition = options.value(QStringLiteral("--partition"));
    slurm.time = options.value(QStringLiteral("--time"));
    slurm.cpusPerTask = static_cast<int>(options.integer(QStringLiteral("--cpus-per-task"), 0, 1, 4096));
    slurm.gpusPerTask = static_cast<int>(options.integer(QStringLiteral("--gpus-per-task"), 0, 1, 64));
    slurm.maxParallel = static_cast<int>(options.integer(QStringLiteral("--max-parallel"), 0, 1, 1000000));
    slurm.seedsPerTask = static_cast<int>(options.integer(QStringLiteral("--seeds-per-task"), 0, 1, 100000));
    slurm.sbatchArgs = options.values(QStringLiteral("--sbatch-arg"));
    // Before the workspace changes: Slurm, the partition, what the nodes can see, the program.
    SlurmSubmitter::requireReady(options.required(QStringLiteral("--workspace")), slurm, thisCli());
    if (fromFile.isCommand())
        fromFile.model.command.requireRunnable(file);

    // As run: the data's task and the file's name checked before the file joins the workspace.
    Workspace::prepareDataOfFile(fromFile, file);
    const Workspace workspace(options.required(QStringLiteral("--workspace")));
    workspace.requireNameOfFile(file, fromFile.name);
    const Experiment e = workspace.add(fromFile, QFileInfo(file).absolutePath());
    auto data = std::make_shared<const PreparedData>(workspace.prepareData(e));
    for (const QString& warning : data->dataset.warnings)
        std::cerr << "warning: " << warning.toStdString() << std::endl;
    const SlurmSubmitter submitter(workspace, e, data);
    const std::optional<SlurmJob> job = submitter.submit(wanted, slurm, thisCli());
    if (!job) {
        const SlurmSubmitter::Plan p = submitter.plan(wanted);
        std::cerr << e.name.toStdString() << ": nothing to submit: " << p.finished << " finished seeds and "
                  << p.inFlight << " in jobs still queued or running make " << wanted << std::endl;
        return 0;
    }
    std::cerr << e.name.toStdString() << ": submitted " << counted(job->seedCount(), "seed") << " as job "
              << job->jobId.toStdString() << " ("
              << counted(static_cast<long long>(job->tasks.size()), "array task") << ", "
              << counted(static_cast<long long>(job->tasks.front().size()), "seed") << " per task); files in "
              << job->folder.toStdString() << std::endl;
    std::cout << job->jobId.toStdString() << std::endl;
    return 0;
}

int jobsCommand(const QStringList& args)
{
    const CliOptions options(args, {QStringLiteral("--workspace")}, {QStringLiteral("--json")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("jobs takes only --workspace and --json"));
    const Workspace workspace = existingWorkspace(options);
    QString queueProblem;
    QStringList unreadable;
    const std::vector<SlurmJobStatus::Job> jobs =
        SlurmJobStatus::of(workspace.path(), &queueProblem, &unreadable);
    for (const QString& problem : unreadable)
        std::cerr << "warning: " << problem.toStdString()
                  << "; its job is not shown (if it still runs, squeue lists it)" << std::endl;
    if (!queueProblem.isEmpty())
        std::cerr << "warning: squeue failed (" << queueProblem.toStdString()
                  << "); tasks that have not ended are shown as unknown" << std::endl;
    if (options.flag(QStringLiteral("--json"))) {
        nlohmann::ordered_json out = {{"format", 1}, {"jobs", nlohmann::ordered_json::array()}};
        for (const SlurmJobStatus::Job& j : jobs) {
            nlohmann::ordered_json tasks = nlohmann::ordered_json::array();
            for (const SlurmJobStatus::Task& t : j.tasks)
                tasks.push_back({{"task", t.task},
                                 {"seeds", t.seeds},
                                 {"state", t.state.toStdString()},
                                 {"reason", t.reason.toStdString()},
                                 {"finished_seeds", t.finishedSeeds},
                                 {"failed_seeds", t.failedSeeds}});
            out["jobs"].push_back(
                {{"job_id", j.job.jobId.toStdString()},
                 {"experiment", j.job.experiment.toStdString()},
                 {"state", j.state().toStdString()},
                 {"submitted_at", j.job.submittedAt.toString(Qt::ISODateWithMs).toStdString()},
                 {"folder", j.job.folder.toStdString()},
                 {"engine", j.job.engine.toStdString()},
                 {"seeds", j.job.seedCount()},
                 {"tasks", tasks}});
        }
        std::cout << out.dump(2) << std::endl;
        return 0;
    }
    if (jobs.empty())
        std::cout << "no Slurm jobs in " << workspace.path().toStdString() << std::endl;
    for (const SlurmJobStatus::Job& j : jobs) {
        std::cout
            << "job " << j.job.jobId.toStdString() << "  " << j.job.experiment.toStdString() << "  "
            << j.state().toStdString() << "  submitted "
            << j.job.submittedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString()
            << "  " << counted(j.job.seedCount(), "seed") << " in "
            << counted(static_cast<long long>(j.tasks.size()), "task") << ":";
        for (const char* s : {"pending", "running", "finished", "failed", "cancelled", "unknown"})
            if (const int n = j.count(QString::fromLatin1(s)))
                std::cout << " " << n << " " << s;
        std::cout << std::endl;
        for (const SlurmJobStatus::Task& t : j.tasks)
            if (!t.reason.isEmpty() ||
                (t.state != QLatin1String("finished") && t.state != QLatin1String("pending")))
                std::cout << "  task " << t.task << ": " << t.state.toStdString()
                          << (t.reason.isEmpty() ? std::string() : " (" + t.reason.toStdString() + ")")
                          << ", " << t.finishedSeeds << "/" << t.seeds.size() << " seeds finished"
                          << std::endl;
    }
    return 0;
}

int cancelJobCommand(const QStringList& args)
{
    const CliOptions options(args, {QStringLiteral("--workspace"), QStringLiteral("--job")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("cancel-job takes only --workspace and --job"));
    const Workspace workspace = existingWorkspace(options);
    const QString id = options.required(QStringLiteral("--job"));
    for (SlurmJob& job : SlurmJob::readAll(workspace.path()))
        if (job.jobId == id) {
            SlurmClient::cancel(id);
            job.cancelledAt = QDateTime::currentDateTimeUtc();
            job.write();
            std::cerr << "cancelled job " << id.toStdString() << " of " << job.experiment.toStdString()
                      << "; its finished seeds stay in the workspace" << std::endl;
            return 0;
        }
    throw InputError(
        {workspace.path()},
        QStringLiteral("the workspace has no submitted job %1 (see seedscape-cli jobs)").arg(id));
}

int slurmTaskCommand(const QStringList& args)
{
    const CliOptions options(
        args, {QStringLiteral("--workspace"), QStringLiteral("--job-folder"), QStringLiteral("--task")});
    const Workspace workspace = existingWorkspace(options);
    const int task = static_cast<int>(options.integer(
        QStringLiteral("--task"), qEnvironmentVariableIntValue("SLURM_ARRAY_TASK_ID"), 0, 10000000));
    // Slurm ends a task with SIGTERM (scancel, time limit, preemption), SIGKILL a little later.
    std::signal(SIGTERM, onSlurmSignal);
    std::signal(SIGINT, onSlurmSignal);
    SlurmTaskRunner runner(workspace, options.required(QStringLiteral("--job-folder")), task);
    const int code = runner.run(g_stopTask, [](const SeedResult& r) {
        std::cerr << "seed " << r.seed
                  << (r.isFinished() ? " finished" : " failed: " + r.failureReason.toStdString())
                  << std::endl;
    });
    const SlurmTaskRecord& record = runner.record();
    std::cerr << "task " << task << ": " << record.state.toStdString()
              << (record.reason.isEmpty() ? std::string() : ": " + record.reason.toStdString()) << std::endl;
    return code;
}

} // namespace seedscape::cli
