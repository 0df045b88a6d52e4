// seedscape-cli run and rerun: seed sweeps and the exact re-run of one recorded seed.
#include "clioptions.h"
#include "commands.h"

#include "command/childprocess.h"
#include "common/inputerror.h"
#include "experiment/experimentfingerprint.h"
#include "experiment/experimentnames.h"
#include "experiment/experimentreader.h"
#include "experiment/experimentvalidator.h"
#include "experiment/resourceestimate.h"
#include "store/checkpointfile.h"
#include "store/experimentlabels.h"
#include "store/experimentlock.h"
#include "store/experimentresults.h"
#include "store/labelsfile.h"
#include "store/resultstore.h"
#include "store/storeddefinition.h"
#include "store/workspace.h"
#include "sweep/sweeprunner.h"
#include "train/computedevice.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <iostream>
#include <mutex>

namespace seedscape::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int)
{
    g_interrupted = 1;
}

TrainingEngine parseEngine(const QString& word)
{
    if (word.isEmpty() || word == QLatin1String("automatic"))
        return TrainingEngine::Automatic;
    if (word == QLatin1String("batched"))
        return TrainingEngine::Batched;
    if (word == QLatin1String("per-seed"))
        return TrainingEngine::PerSeed;
    throw UsageError(
        QStringLiteral("option --engine: '%1' is not one of automatic, batched, per-seed").arg(word));
}

nlohmann::json scoreOrNull(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

// Progress on stderr: one line per ended seed, and a line on the running seeds every few seconds.
class ProgressPrinter
{
public:
    ProgressPrinter(Metric metric, int wanted, int alreadyFinished)
        : m_metric(names::metric(metric).toStdString()), m_wanted(wanted), m_finished(alreadyFinished)
    {
        m_sinceLastLine.start();
    }

    void epoch(const QString& experiment, const EpochProgress& p)
    {
        std::lock_guard lock(m_mutex);
        if (m_sinceLastLine.elapsed() < 5000)
            return;
        m_sinceLastLine.restart();
        std::cerr << experiment.toStdString() << ": seed " << p.seed << " at epoch " << p.epoch;
        if (p.epochs > 0) // a command experiment's program may not say how many there will be
            std::cerr << "/" << p.epochs;
        std::cerr << ", val " << m_metric << " " << p.validationScore << std::endl;
    }

    void ended(const QString& experiment, const SeedResult& r)
    {
        std::lock_guard lock(m_mutex);
        m_sinceLastLine.restart();
        std::cerr << experiment.toStdString() << ": seed " << r.seed;
        if (r.isFinished()) {
            ++m_finished;
            if (!r.warnings.isEmpty())
                ++m_warned;
            std::cerr << " finished: val " << m_metric << " " << r.validationScore << ", test " << m_metric
                      << " " << r.testScore << " ("
                      << QString::number(r.durationSeconds, 'f', 1).toStdString() << " s) [" << m_finished
                      << "/" << m_wanted << "]" << std::endl;
            for (const QString& warning : r.warnings)
                std::cerr << "    warning: " << warning.toStdString() << std::endl;
            if (!r.warnings.isEmpty() && !r.logFile.isEmpty())
                std::cerr << "    log: " << r.logFile.toStdString() << std::endl;
        } else {
            if (r.failureEpoch > 0)
                std::cerr << " failed at epoch " << r.failureEpoch;
            else
                std::cerr << " failed";
            std::cerr << ": " << r.failureReason.toStdString() << std::endl;
            // A program's own words say most about why it failed; its log has the rest.
            for (const QString& line : r.stderrTail.mid(std::max<qsizetype>(0, r.stderrTail.size() - 3)))
                std::cerr << "    " << line.toStdString() << std::endl;
            for (const QString& warning : r.warnings)
                std::cerr << "    warning: " << warning.toStdString() << std::endl;
            if (!r.logFile.isEmpty())
                std::cerr << "    log: " << r.logFile.toStdString() << std::endl;
        }
    }

    void problem(const QString& message)
    {
        std::lock_guard lock(m_mutex);
        std::cerr << "seedscape-cli: " << message.toStdString() << std::endl;
    }

    // The seeds of this run that finished with warnings, for the summary line.
    int warned()
    {
        std::lock_guard lock(m_mutex);
        return m_warned;
    }

private:
    std::mutex m_mutex;
    std::string m_metric;
    int m_wanted;
    int m_finished;
    int m_warned = 0;
    QElapsedTimer m_sinceLastLine;
};

// Before counting what is stored: damaged seeds go aside, so that the sweep trains replacements,
// and a missing or damaged labels.json is rebuilt from the data. Left to the other process while
// it trains the experiment.
void repairResults(const Experiment& e, const PreparedData& data, const QString& resultsFolder)
{
    if (!QFileInfo(resultsFolder).isDir())
        return;
    ExperimentLock lock(resultsFolder);
    if (!lock.tryLock())
        return;
    const std::string name = e.name.toStdString();
    const QString aside = resultsFolder + QLatin1Char('/') + ResultStore::damagedFolderName();
    for (const DamagedSeed& d : ResultStore(resultsFolder).setAsideDamaged())
        std::cerr << name << ": set aside damaged seed " << QFileInfo(d.file).fileName().toStdString()
                  << " in " << aside.toStdString() << " (" << d.problem.toStdString() << ")" << std::endl;
    for (const QString& problem : CheckpointFile::removeDamaged(resultsFolder))
        std::cerr << name << ": removed a damaged checkpoint, so its seeds start over ("
                  << problem.toStdString() << ")" << std::endl;
    try {
        LabelsFile::read(resultsFolder);
    } catch (const InputError& damaged) {
        LabelsFile::write(ExperimentLabels::fromData(data, effectiveMetric(e.metric, data.dataset.task)),
                          resultsFolder);
        std::cerr << name << ": " << resultsFolder.toStdString() << "/"
                  << LabelsFile::fileName().toStdString()
                  << " was missing or damaged; rebuilt it from the data (" << damaged.message().toStdString()
                  << ")" << std::endl;
    }
    // The stored seeds' fingerprints matched e (checkComparable), so e is what they were trained with.
    QString definitionProblem;
    if (!ExperimentResults::readDefinition(resultsFolder, &definitionProblem) &&
        !definitionProblem.isEmpty()) {
        StoredDefinition::write(e, resultsFolder);
        std::cerr << name << ": " << resultsFolder.toStdString() << "/"
                  << StoredDefinition::fileName().toStdString()
                  << " was damaged; rewrote it from the experiment "
                  << "file, which its stored seeds were trained with (" << definitionProblem.toStdString()
                  << ")" << std::endl;
    }
}

} // namespace

namespace {

// Where the built-in MLPs will train, said on stderr; a device this build or machine lacks is refused
// before anything changes.
void announceDevice(const Experiment& e, const QString& file)
{
    if (e.isCommand())
        return;
    ComputeDevice device;
    try {
        device = ComputeDevice::resolve(e.device);
    } catch (const InputError& missing) {
        throw InputError({file, 0, {}, missing.where().field}, missing.problem());
    }
    if (!device.note.isEmpty())
        std::cerr << "note: " << device.note.toStdString() << std::endl;
    else if (device.cuda)
        std::cerr << "training on " << device.id.toStdString() << " (" << device.gpuName.toStdString() << ")"
                  << std::endl;
}

// Progress on stderr while the sweep runs.
SweepCallbacks printingCallbacks(ProgressPrinter& printer)
{
    SweepCallbacks callbacks;
    callbacks.epochFinished = [&printer](const QString& name, const EpochProgress& p) {
        printer.epoch(name, p);
    };
    callbacks.seedEnded = [&printer](const QString& name, const SeedResult& r) {
        printer.ended(name, r);
    };
    callbacks.problem = [&printer](const QString& message) {
        printer.problem(message);
    };
    callbacks.waiting = [](const QString& name, const QString& holder) {
        std::cerr << name.toStdString() << ": another sweep of this experiment is running ("
                  << holder.toStdString()
                  << "); waiting for it to end, then training only what is still missing" << std::endl;
    };
    return callbacks;
}

// The summary line's word on this run's seeds that finished with warnings: their lines are far
// above it in a long sweep.
std::string warnedNote(int warned)
{
    if (warned == 0)
        return {};
    return "; " + counted(warned, "seed") + " of this run finished with warnings (see " +
           (warned == 1 ? "its line" : "their lines") + " above)";
}

// How the sweep ended, on stderr: 0 when the experiment has its seeds, else 1 and what to do.
int reportOutcome(const std::string& name, const SweepProgress& p, int warned, const QString& resultsFolder)
{
    const std::string warnings = warnedNote(warned);
    if (p.finished >= p.wanted) {
        std::cerr << name << ": " << counted(p.finished, "finished seed") << " in "
                  << resultsFolder.toStdString()
                  << (p.failed > 0 ? " (and " + counted(p.failed, "failed seed") +
                                         (p.failed == 1 ? ", recorded with its reason)"
                                                        : ", recorded with their reasons)")
                                   : std::string())
                  << warnings << std::endl;
        return 0;
    }
    if (g_interrupted)
        std::cerr << name << ": interrupted; " << p.finished << " of " << p.wanted
                  << " finished seeds are stored; run the same command again to continue" << warnings
                  << std::endl;
    else if (p.gaveUp)
        std::cerr << name << ": gave up after " << p.failed
                  << " failed seeds (last: " << p.lastFailure.toStdString() << "); " << p.finished << " of "
                  << p.wanted << " finished" << warnings << std::endl;
    else
        std::cerr << name << ": stopped with " << p.finished << " of " << p.wanted << " finished seeds"
                  << warnings << std::endl;
    return kExitUserError;
}

} // namespace

namespace {

// Where the workspace now keeps the experiment, and its data when that stays outside the workspace:
// moving or sharing the workspace alone would leave that file behind.
void announceAdded(const Workspace& workspace, const Experiment& e)
{
    std::string line = e.name.toStdString() + ": added to the workspace as " +
                       QDir::toNativeSeparators(workspace.experimentFile(e.name)).toStdString();
    const QString inside = QDir(workspace.path()).absolutePath() + QLatin1Char('/');
    const auto outside = [&inside](const QString& path) {
        return !(path + QLatin1Char('/')).startsWith(inside);
    };
    const QString data = QFileInfo(workspace.datasetPath(e)).absoluteFilePath();
    if (outside(data))
        line += "; its data stays outside the workspace, at " + QDir::toNativeSeparators(data).toStdString();
    const QString programs =
        e.isCommand() ? QDir(e.model.command.resolvedWorkdir(workspace.path())).absolutePath() : QString();
    if (e.isCommand() && outside(programs))
        line += std::string("; its program's folder stays outside ") +
                (outside(data) ? "too" : "the workspace") + ", at " +
                QDir::toNativeSeparators(programs).toStdString();
    std::cerr << line << std::endl;
}

} // namespace

int runCommand(const QStringList& args)
{
    const CliOptions options(args, {QStringLiteral("--workspace"), QStringLiteral("--seeds"),
                                    QStringLiteral("--jobs"), QStringLiteral("--engine"),
                                    QStringLiteral("--checkpoint-seconds")});
    if (options.positional().size() != 1)
        throw UsageError(QStringLiteral("run takes one experiment file"));
    const QString file = options.positional().front();
    const Experiment fromFile = ExperimentReader::readFile(file);
    announceDevice(fromFile, file);
    const int wanted = static_cast<int>(
        options.integer(QStringLiteral("--seeds"), fromFile.seeds.count, 1, ExperimentValidator::kMaxSeeds));
    // A command experiment runs `parallel` programs at once; --jobs can only lower that.
    const int jobs = static_cast<int>(options.integer(
        QStringLiteral("--jobs"),
        fromFile.isCommand() ? fromFile.model.command.parallel : SweepRunner::defaultJobs(), 1, 1024));
    // The data and the resource estimate before the workspace changes, so that a model refused for
    // its size leaves no experiment behind that the corrected file would then clash with.
    const QString dataPath = fromFile.dataset.resolvedPath(QFileInfo(file).absolutePath());
    auto data = std::make_shared<const PreparedData>(Workspace::prepareDataOfFile(fromFile, file));
    if (fromFile.isCommand()) // a program that cannot run is refused before anything changes
        fromFile.model.command.requireRunnable(file);
    else
        ResourceEstimate(fromFile, ResourceEstimate::shapeOf(*data), wanted, std::min(jobs, wanted))
            .requireFits(ResourceEstimate::availableMemoryBytes(), file);
    const Workspace workspace(options.required(QStringLiteral("--workspace")));
    workspace.requireNameOfFile(file, fromFile.name); // not trained under another file's name
    const bool added = !workspace.contains(fromFile.name);
    const Experiment e = workspace.add(fromFile, QFileInfo(file).absolutePath());
    if (added)
        announceAdded(workspace, e);
    const TrainingEngine engine = parseEngine(options.value(QStringLiteral("--engine")));
    const auto checkpointSeconds =
        options.integer(QStringLiteral("--checkpoint-seconds"),
                        SweepRunner::kDefaultCheckpointInterval.count() / 1000, 0, 86400);

    // The same file unless the workspace already held this experiment with its data elsewhere.
    if (QFileInfo(workspace.datasetPath(e)).canonicalFilePath() != QFileInfo(dataPath).canonicalFilePath())
        data = std::make_shared<const PreparedData>(workspace.prepareData(e));
    for (const QString& warning : data->dataset.warnings)
        std::cerr << "warning: " << warning.toStdString() << std::endl;
    if (engine == TrainingEngine::PerSeed && !e.isCommand() && e.device.kind != DeviceSpec::Kind::Cpu)
        std::cerr << "warning: the per-seed engine trains on the CPU; the batched engine (the default) uses "
                     "the GPU"
                  << std::endl;

    const QString resultsFolder = workspace.resultsFolder(e.name);
    // Before "already has N": a changed file (or program, or data) is an error.
    StoredDefinition::checkComparable(
        e, resultsFolder, ProgramFiles::read(e.model.command, workspace.commandPlaces(e.name).workdirBase));
    LabelsFile::requireUnchanged(
        ExperimentLabels::fromData(*data, effectiveMetric(e.metric, data->dataset.task)), resultsFolder,
        e.name, e.dataset.path);
    repairResults(e, *data, resultsFolder);
    const int alreadyFinished = ResultStore(resultsFolder).finishedCount();
    if (alreadyFinished >= wanted) {
        std::cerr << e.name.toStdString() << ": already has " << alreadyFinished << " finished seeds"
                  << std::endl;
        return 0;
    }
    // An absurd run length is worth a warning before training starts; the estimate counts the seeds
    // still to train (a command experiment's program is its own business).
    const int workers = std::min(jobs, wanted - alreadyFinished);
    if (!e.isCommand()) {
        const ResourceEstimate remaining(e, ResourceEstimate::shapeOf(*data), wanted - alreadyFinished,
                                         workers);
        if (const auto slow = remaining.durationWarning(file))
            std::cerr << "warning: " << slow->toStdString() << std::endl;
    }
    std::cerr << e.name.toStdString() << ": training " << counted(wanted - alreadyFinished, "seed") << " ("
              << alreadyFinished << " already finished) on "
              << (e.isCommand()
                      ? counted(workers, "program") + " at once; logs in " +
                            workspace.commandPlaces(e.name).runsFolder.toStdString() + "/SEED/log.txt"
                      : counted(workers, "thread"))
              << std::endl;

    ProgressPrinter printer(effectiveMetric(e.metric, data->dataset.task), wanted, alreadyFinished);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    SweepRunner runner(printingCallbacks(printer));
    runner.setCheckpointInterval(std::chrono::seconds(checkpointSeconds));
    runner.add({e, data, resultsFolder, wanted,
                SeedEngine::create(e, data, engine, workspace.commandPlaces(e.name))});
    if (const int resumed = runner.resumableSeeds(); resumed > 0)
        std::cerr << e.name.toStdString() << ": resuming " << counted(resumed, "seed")
                  << " from the checkpoints an earlier run left" << std::endl;
    runner.start(workers);
    while (!runner.waitFor(100))
        if (g_interrupted && !runner.isCancelled()) {
            runner.cancel(); // running seeds stop within one training step; finished ones are stored
            // A program may take its time over SIGTERM: say what the wait is for.
            const int running = runner.progress().front().running;
            if (e.isCommand() && running > 0)
                std::cerr << e.name.toStdString() << ": stopping " << counted(running, "running program")
                          << " (SIGTERM; any still running after " << ChildProcess::kGraceMilliseconds / 1000
                          << " s is killed)" << std::endl;
        }
    runner.wait();

    return reportOutcome(e.name.toStdString(), runner.progress().front(), printer.warned(), resultsFolder);
}

int rerunCommand(const QStringList& args)
{
    const CliOptions options(
        args, {QStringLiteral("--workspace"), QStringLiteral("--experiment"), QStringLiteral("--seed")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("rerun takes only --workspace, --experiment and --seed"));
    const QString folder = options.required(QStringLiteral("--workspace"));
    if (!QFileInfo(folder).isDir())
        throw InputError({folder}, QStringLiteral("no such workspace folder"));
    const Workspace workspace(folder);
    const QString name = options.required(QStringLiteral("--experiment"));
    const quint64 seed = options.seed(QStringLiteral("--seed"));
    const Experiment e = workspace.definedExperiment(name, QStringLiteral("to train a seed again from"));
    const QString resultsFolder = workspace.resultsFolder(name);
    const std::optional<SeedResult> recorded = ResultStore(resultsFolder).find(seed, true);
    if (!recorded)
        throw InputError({resultsFolder},
                         QStringLiteral("experiment \"%1\" has no recorded seed %2").arg(name).arg(seed));
    if (recorded->experimentFingerprint != experimentFingerprint(e))
        throw InputError(
            {workspace.experimentFile(name)},
            QStringLiteral("the experiment changed after seed %1 was trained, so it cannot reproduce it")
                .arg(seed));
    if (const QStringList changed =
            ProgramFiles::read(e.model.command, workspace.commandPlaces(name).workdirBase)
                .changedSince(recorded->programFiles);
        !changed.isEmpty())
        throw InputError({workspace.experimentFile(name)},
                         QStringLiteral("%1 changed after seed %2 was trained, so it cannot reproduce it")
                             .arg(changed.join(QStringLiteral(", ")))
                             .arg(seed));

    auto data = std::make_shared<const PreparedData>(workspace.prepareData(e));
    // A command seed runs its program again beside the recorded run, not over it.
    CommandPlaces places = workspace.commandPlaces(name);
    places.runsFolder = resultsFolder + QStringLiteral("/reruns");
    // The engine that trained it, so that the same numbers come out; a GPU seed with the group it
    // trained in, whose shape the GPU's sums depend on.
    std::vector<quint64> seeds{seed};
    size_t place = 0;
    if (recorded->group.size > 1) {
        seeds = ResultStore(resultsFolder).groupOf(*recorded);
        place = static_cast<size_t>(recorded->group.index);
        if (seeds.empty()) {
            std::cerr << "seedscape-cli: seed " << seed << " trained in a group of " << recorded->group.size
                      << " seeds on " << recorded->device.toStdString()
                      << ", and not every record of that group is left: it trains alone, which a GPU does "
                         "not promise gives the same numbers"
                      << std::endl;
            seeds = {seed};
            place = 0;
        }
    }
    const SeedResult again = SeedEngine::named(recorded->engine, e, data, places)->train(seeds, {}).at(place);
    const bool identical =
        again.status == recorded->status &&
        (again.isFinished()
             ? again.validationScore == recorded->validationScore && again.testScore == recorded->testScore &&
                   again.validationPredictions == recorded->validationPredictions &&
                   again.testPredictions == recorded->testPredictions
             : again.failureEpoch == recorded->failureEpoch);
    nlohmann::ordered_json out = {
        {"seed", seed},
        {"val", again.isFinished() ? scoreOrNull(again.validationScore) : nlohmann::json(nullptr)},
        {"test", again.isFinished() ? scoreOrNull(again.testScore) : nlohmann::json(nullptr)},
        {"status", again.isFinished() ? "finished" : "failed"},
        {"identical_to_recorded", identical}};
    if (seeds.size() > 1)
        out["group_size"] = seeds.size();
    std::cout << out.dump() << std::endl;
    if (!identical && e.isCommand()) {
        std::cerr << "seedscape-cli: your program gave other predictions for seed " << seed
                  << " (recorded val " << recorded->validationScore << ", test " << recorded->testScore
                  << "): some of its randomness does not come from SEEDSCAPE_SEED, or it ran on other "
                     "hardware or library versions; this run's log: "
                  << again.logFile.toStdString() << std::endl;
        return kExitUserError;
    }
    if (!identical) {
        std::cerr << "seedscape-cli: seed " << seed << " did not reproduce its recorded scores (recorded val "
                  << recorded->validationScore << ", test " << recorded->testScore << "; "
                  << recorded->versions.toStdString() << ")";
        if (!recorded->device.isEmpty() && recorded->device != again.device)
            std::cerr << "; it trained on " << qPrintable(recorded->device) << ", the rerun on "
                      << qPrintable(again.device);
        std::cerr << std::endl;
        return kExitInternal;
    }
    return 0;
}

} // namespace seedscape::cli
