#include "commandseedengine.h"

#include "childprocess.h"
#include "seedprogramrun.h"

#include "common/countednoun.h"
#include "common/inputerror.h"
#include "data/csvreader.h"
#include "experiment/experimentnames.h"
#include "store/importpredictionsreader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>

namespace seedscape {

namespace {

Metric metricOf(const Experiment& e, const PreparedData& data)
{
    return effectiveMetric(e.metric, data.dataset.task);
}

} // namespace

CommandSeedEngine::CommandSeedEngine(const Experiment& experiment, std::shared_ptr<const PreparedData> data,
                                     CommandPlaces places)
    : m_experiment(experiment), m_data(std::move(data)), m_places(std::move(places)),
      m_parts(SplitPartsWriter::write(*m_data, m_places.partsFolder)),
      m_metric(metricOf(experiment, *m_data)), m_labels(ExperimentLabels::fromData(*m_data, m_metric)),
      // No device: the program chooses its own (records leave "device" out, as documented).
      m_assembler(experiment, m_metric, engineName(),
                  {&m_labels.validation, &m_labels.test, m_labels.predictionColumns()}, ComputeDevice{}),
      m_programFiles(ProgramFiles::read(experiment.model.command, m_places.workdirBase)),
      m_graceMs(ChildProcess::kGraceMilliseconds)
{
}

QString CommandSeedEngine::workdir() const
{
    return m_experiment.model.command.resolvedWorkdir(m_places.workdirBase);
}

QString CommandSeedEngine::program(QString* problem) const
{
    const QStringList& command = m_experiment.model.command.command;
    if (command.isEmpty()) {
        *problem = QStringLiteral("model.command names no program");
        return {};
    }
    if (!QFileInfo(workdir()).isDir()) {
        *problem = QStringLiteral("the working folder %1 does not exist").arg(workdir());
        return {};
    }
    return CommandSpec::findProgram(command.front(), workdir(), problem);
}

QString CommandSeedEngine::runFolder(quint64 seed) const
{
    return m_places.runsFolder + QLatin1Char('/') + QString::number(seed);
}

QStringList CommandSeedEngine::environment(quint64 seed, const QString& outputFolder) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const Dataset& d = m_data->dataset;
    env.insert(QStringLiteral("SEEDSCAPE_SEED"), QString::number(seed));
    env.insert(QStringLiteral("SEEDSCAPE_TRAIN"), m_parts.train);
    env.insert(QStringLiteral("SEEDSCAPE_VAL"), m_parts.validation);
    env.insert(QStringLiteral("SEEDSCAPE_TEST"), m_parts.test);
    env.insert(QStringLiteral("SEEDSCAPE_TARGET"), d.targetName);
    env.insert(QStringLiteral("SEEDSCAPE_TASK"), names::task(d.task));
    env.insert(QStringLiteral("SEEDSCAPE_CLASSES"),
               QString::number(isClassification(d.task) ? d.classCount() : 0));
    // Class c of the p_c columns is the c-th of these names (sorted: as numbers when all are numbers).
    if (isClassification(d.task))
        env.insert(
            QStringLiteral("SEEDSCAPE_CLASS_NAMES"),
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(d.classNames)).toJson(QJsonDocument::Compact)));
    env.insert(QStringLiteral("SEEDSCAPE_METRIC"), names::metric(m_metric));
    env.insert(QStringLiteral("SEEDSCAPE_OUTPUT"), outputFolder);
    // Progress lines must arrive while the program runs: Python buffers a piped stdout otherwise.
    if (!env.contains(QStringLiteral("PYTHONUNBUFFERED")))
        env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    return env.toStringList();
}

std::vector<SeedResult> CommandSeedEngine::train(const std::vector<quint64>& seeds,
                                                 const TrainingControl& control) const
{
    std::vector<SeedResult> results;
    for (quint64 seed : seeds)
        results.push_back(trainOne(seed, control));
    return results;
}

SeedResult CommandSeedEngine::trainOne(quint64 seed, const TrainingControl& control) const
{
    SeedResult r = m_assembler.begin(seed);
    r.programFiles = m_programFiles;
    QElapsedTimer clock;
    clock.start();
    const auto seconds = [&clock] {
        return clock.elapsed() / 1000.0;
    };
    if (control.cancelled()) {
        r.status = SeedStatus::Cancelled;
        return r;
    }
    // A seed run again (after a kill) starts from an empty output folder.
    const QString output = runFolder(seed) + QStringLiteral("/output");
    QDir(output).removeRecursively();
    if (!QDir().mkpath(output)) {
        SeedResultAssembler::fail(r, 0, QStringLiteral("cannot create its output folder %1").arg(output), 0);
        return r;
    }
    r.logFile = runFolder(seed) + QStringLiteral("/log.txt");
    QString problem;
    const QString executable = program(&problem);
    if (executable.isEmpty()) {
        SeedResultAssembler::fail(r, 0, QStringLiteral("cannot run the program: %1").arg(problem), seconds());
        return r;
    }
    const CommandSpec& command = m_experiment.model.command;
    for (qsizetype i = 0; i < command.watch.size(); ++i)
        if (const QString watchProblem = command.watchProblem(i, workdir(), m_places.workdirBase);
            !watchProblem.isEmpty()) {
            SeedResultAssembler::fail(
                r, 0, QStringLiteral("cannot watch model.watch[%1]: %2").arg(i).arg(watchProblem), seconds());
            return r;
        }
    // An edit during the sweep (the script of the next experiment, a bug fixed) would mix two
    // programs in one experiment's seeds.
    if (const QStringList changed =
            ProgramFiles::read(m_experiment.model.command, m_places.workdirBase).changedSince(m_programFiles);
        !changed.isEmpty()) {
        SeedResultAssembler::fail(r, 0,
                                  QStringLiteral("%1 changed since the sweep started; this seed would run "
                                                 "another program than the seeds before it")
                                      .arg(changed.join(QStringLiteral(", "))),
                                  seconds());
        return r;
    }
    const QMap<QString, QString> values{{QStringLiteral("seed"), QString::number(seed)},
                                        {QStringLiteral("train"), m_parts.train},
                                        {QStringLiteral("val"), m_parts.validation},
                                        {QStringLiteral("test"), m_parts.test},
                                        {QStringLiteral("output"), output}};
    const QStringList arguments = m_experiment.model.command.expanded(values).mid(1);
    const ChildProcess::Spec spec{executable, arguments, workdir(), environment(seed, output)};
    const auto timeoutMs = static_cast<qint64>(m_experiment.model.command.timeoutMinutes * 60000.0);
    const SeedProgramRun::Result run =
        SeedProgramRun::run(spec, r.logFile, timeoutMs, seed, control, m_graceMs);

    r.trainLoss = run.trainLoss;
    r.validationCurve = run.validationCurve;
    r.epochsRun = run.lastEpoch;
    r.bestEpoch = run.lastEpoch; // the program decides which weights it predicts with
    r.stderrTail = run.stderrTail;
    if (run.ignoredProgressLines > 0)
        r.warnings << QStringLiteral("ignored %1 it could not read (the first, %2)")
                          .arg(countedNoun(run.ignoredProgressLines,
                                           QStringLiteral("@seedscape progress line")),
                               run.firstIgnoredProgressLine);
    switch (run.end) {
    case SeedProgramRun::End::Cancelled:
        r.status = SeedStatus::Cancelled;
        return r;
    case SeedProgramRun::End::CouldNotStart:
        SeedResultAssembler::fail(r, 0, run.description, seconds());
        return r;
    case SeedProgramRun::End::TimedOut: {
        // As the file gives it, in minutes; a limit under a minute (a test's) in seconds.
        const double minutes = m_experiment.model.command.timeoutMinutes;
        SeedResultAssembler::fail(
            r, run.lastEpoch,
            minutes >= 1
                ? QStringLiteral("timed out after %1 minutes").arg(minutes)
                : QStringLiteral("timed out after %1 seconds").arg(QString::number(minutes * 60, 'g', 3)),
            seconds());
    }
        return r;
    case SeedProgramRun::End::Exited:
        break;
    }
    if (!run.succeeded()) {
        SeedResultAssembler::fail(r, run.lastEpoch, QStringLiteral("the program %1").arg(run.description),
                                  seconds());
        return r;
    }
    score(r, output + QStringLiteral("/predictions.csv"), seconds());
    return r;
}

// The predictions under the import rules, scored by Seedscape; any problem fails the seed.
void CommandSeedEngine::score(SeedResult& r, const QString& predictionsFile, double seconds) const
{
    if (!QFileInfo(predictionsFile).isFile()) {
        SeedResultAssembler::fail(r, r.epochsRun,
                                  QStringLiteral("the program exited with code 0 but wrote no %1 "
                                                 "($SEEDSCAPE_OUTPUT/predictions.csv)")
                                      .arg(predictionsFile),
                                  seconds);
        return;
    }
    try {
        const CsvTable table = CsvReader::readFile(predictionsFile);
        const ImportPredictionsReader reader(table, m_data->dataset.task);
        if (const QString unread = reader.unreadColumnsNote(false); !unread.isEmpty())
            r.warnings << QStringLiteral("predictions.csv: ") + unread;
        if (reader.columnCount() != m_labels.predictionColumns())
            throw InputError(
                {predictionsFile, 1},
                QStringLiteral("has %1 probability columns; the target has %2 classes (p_0 to p_%3)")
                    .arg(reader.columnCount())
                    .arg(m_labels.predictionColumns())
                    .arg(m_labels.predictionColumns() - 1));
        ImportedSeed predicted = reader.readSeed(m_labels, r.seed);
        m_assembler.finish(r, std::move(predicted.validation), std::move(predicted.test), seconds);
    } catch (const InputError& e) {
        SeedResultAssembler::fail(r, r.epochsRun, QStringLiteral("bad predictions: %1").arg(e.message()),
                                  seconds);
    }
}

} // namespace seedscape
