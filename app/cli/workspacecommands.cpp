// seedscape-cli rename, delete, restore and study-sources: what the window's Rename, Delete, Restore
// the experiment file and Study randomness sources do, for scripts and servers.
#include "clioptions.h"
#include "commands.h"

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "experiment/experimentvalidator.h"
#include "slurm/slurmjobstatus.h"
#include "stats/randomnessstudy.h"
#include "store/experimentmover.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>

#include <iostream>

namespace seedscape::cli {

namespace {

// The workspace that --workspace names; the folder must exist.
Workspace existingWorkspace(const CliOptions& options)
{
    const QString folder = options.required(QStringLiteral("--workspace"));
    if (!QFileInfo(folder).isDir())
        throw InputError({folder}, QStringLiteral("no such workspace folder"));
    return Workspace(folder);
}

// The workspace and the experiment that --workspace and --experiment name; it must be there.
std::pair<Workspace, QString> namedExperiment(const CliOptions& options)
{
    Workspace workspace = existingWorkspace(options);
    const QString name = options.required(QStringLiteral("--experiment"));
    if (!ExperimentMover(workspace).exists(name)) // a file, or an imported experiment's results
        throw workspace.noSuchExperiment(name);
    return {workspace, name};
}

// A Slurm job of the experiment that may still store seeds would store them under the old name (or
// into the deleted folder): refused, as in the window. Sweeps on this machine are refused by the
// experiment's lock (ExperimentMover).
void refuseWhileSlurmTrains(const Workspace& workspace, const QString& name)
{
    if (!QFileInfo(workspace.resultsFolder(name) + QStringLiteral("/slurm")).isDir())
        return;
    QString queueProblem;
    for (const SlurmJobStatus::Job& job : SlurmJobStatus::of(workspace.path(), &queueProblem))
        if (job.job.experiment == name && !job.ended())
            throw StorageError(
                QStringLiteral(
                    "%1: Slurm job %2 is %3%4; wait for it or cancel it first (seedscape-cli cancel-job)")
                    .arg(name, job.job.jobId, job.state(),
                         queueProblem.isEmpty() ? QString()
                                                : QStringLiteral(" (squeue failed: %1)").arg(queueProblem)));
}

int storedSeeds(const Workspace& workspace, const QString& name)
{
    return static_cast<int>(ResultStore(workspace.resultsFolder(name)).recordedSeeds().size());
}

} // namespace

int renameCommand(const QStringList& args)
{
    const CliOptions options(
        args, {QStringLiteral("--workspace"), QStringLiteral("--experiment"), QStringLiteral("--to")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("rename takes only --workspace, --experiment and --to"));
    const auto [workspace, name] = namedExperiment(options);
    const QString newName = options.required(QStringLiteral("--to"));
    refuseWhileSlurmTrains(workspace, name);
    const int seeds = storedSeeds(workspace, name);
    ExperimentMover(workspace).rename(name, newName);
    std::cerr << "renamed " << name.toStdString() << " to " << newName.toStdString() << " with its " << seeds
              << " stored seed" << (seeds == 1 ? "" : "s") << std::endl;
    return 0;
}

int deleteCommand(const QStringList& args)
{
    const CliOptions options(args, {QStringLiteral("--workspace"), QStringLiteral("--experiment")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("delete takes only --workspace and --experiment"));
    const auto [workspace, name] = namedExperiment(options);
    refuseWhileSlurmTrains(workspace, name);
    const int seeds = storedSeeds(workspace, name);
    const QString aside = ExperimentMover(workspace).moveToDeleted(name);
    std::cerr << "moved " << name.toStdString() << " and its " << seeds << " stored seed"
              << (seeds == 1 ? "" : "s") << " to " << QDir::toNativeSeparators(aside).toStdString()
              << "; move them back to restore it" << std::endl;
    return 0;
}

int restoreCommand(const QStringList& args)
{
    const CliOptions options(args, {QStringLiteral("--workspace"), QStringLiteral("--experiment")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("restore takes only --workspace and --experiment"));
    const Workspace workspace = existingWorkspace(options);
    const QString name = options.required(QStringLiteral("--experiment"));
    workspace.restoreExperimentFile(name);
    const int seeds = storedSeeds(workspace, name);
    std::cerr << "restored " << QDir::toNativeSeparators(workspace.experimentFile(name)).toStdString()
              << " from the definition its " << seeds << " stored seed" << (seeds == 1 ? " was" : "s were")
              << " trained with" << std::endl;
    return 0;
}

int studySourcesCommand(const QStringList& args)
{
    const CliOptions options(args, {QStringLiteral("--workspace"), QStringLiteral("--experiment")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("study-sources takes only --workspace and --experiment"));
    const Workspace workspace = existingWorkspace(options);
    const QString name = options.required(QStringLiteral("--experiment"));
    const Experiment base = workspace.definedExperiment(name, QStringLiteral("whose sources could vary"));
    if (RandomnessStudy::sources(base).isEmpty())
        throw InputError(
            {workspace.experimentFile(name), 0, {}, QStringLiteral("model.type")},
            QStringLiteral("a command experiment's program owns its randomness: vary its sources in "
                           "the program"));
    // Paths on stdout, one per line, for a script to run; what happened on stderr.
    const QStringList sources = RandomnessStudy::sources(base);
    const std::vector<Experiment> variants = RandomnessStudy::variants(base, workspace.takenNames());
    for (const Experiment& variant : variants) // all or nothing: a name too long writes none
        if (const auto problem = ExperimentValidator::validateName(variant.name))
            throw InputError({workspace.experimentFile(variant.name), 0, {}, QStringLiteral("name")},
                             problem->message);
    for (size_t i = 0; i < variants.size(); ++i) { // one per source, in the order of sources
        workspace.save(variants[i]);
        std::cout << QDir::toNativeSeparators(workspace.experimentFile(variants[i].name)).toStdString()
                  << std::endl;
        std::cerr << "wrote " << variants[i].name.toStdString() << ": its seeds vary only in "
                  << sources[static_cast<int>(i)].toStdString() << std::endl;
    }
    std::cerr << "train each with: seedscape-cli run FILE --workspace "
              << QDir::toNativeSeparators(workspace.path()).toStdString()
              << "; the report's \"Where the spread comes from\" sets their spreads beside "
              << name.toStdString() << "'s" << std::endl;
    return 0;
}

} // namespace seedscape::cli
