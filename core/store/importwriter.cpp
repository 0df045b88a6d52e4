#include "importwriter.h"

#include "common/inputerror.h"
#include "common/storageerror.h"
#include "experiment/experimentnames.h"
#include "experimentlock.h"
#include "importstaging.h"
#include "labelsfile.h"
#include "metrics/metricscorer.h"
#include "resultstore.h"
#include "seedresultfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>
#include <tuple>

namespace seedscape {

namespace {

// The first way the labels an experiment is stored with differ from an import's, in words.
QString labelsDifference(const ExperimentLabels& stored, const ExperimentLabels& given)
{
    if (stored.task != given.task)
        return QStringLiteral("it is a %1 task, this import's is %2")
            .arg(names::task(stored.task), names::task(given.task));
    if (stored.metric != given.metric)
        return QStringLiteral("it is scored with %1, this import with %2")
            .arg(names::metric(stored.metric), names::metric(given.metric));
    if (stored.classNames != given.classNames)
        return QStringLiteral("its classes are %1, this import's %2")
            .arg(stored.classNames.join(QStringLiteral(", ")), given.classNames.join(QStringLiteral(", ")));
    for (const auto& [split, a, b] :
         {std::tuple{QStringLiteral("val"), &stored.validation, &given.validation},
          std::tuple{QStringLiteral("test"), &stored.test, &given.test}}) {
        if (a->size() != b->size())
            return QStringLiteral("it has %1 %2 rows, this import's labels %3")
                .arg(a->size())
                .arg(split)
                .arg(b->size());
        for (size_t row = 0; row < a->size(); ++row)
            if ((*a)[row] != (*b)[row])
                return QStringLiteral("%1 row %2 is labelled %3 there, %4 here")
                    .arg(split)
                    .arg(row)
                    .arg((*a)[row])
                    .arg((*b)[row]);
    }
    return QStringLiteral("its labels differ");
}

SeedResult importedResult(const ExperimentLabels& labels, const ImportedSeed& seed,
                          const QDateTime& startedAt, const QString& source)
{
    SeedResult r;
    r.seed = seed.seed;
    r.metric = labels.metric;
    r.predictionColumns = labels.predictionColumns();
    r.validationPredictions = seed.validation;
    r.testPredictions = seed.test;
    r.validationScore =
        MetricScorer::score(r.metric, labels.validation, r.validationPredictions, labels.classCount());
    r.testScore = MetricScorer::score(r.metric, labels.test, r.testPredictions, labels.classCount());
    r.startedAt = startedAt;
    r.experimentFingerprint = QStringLiteral("imported");
    r.versions = source;
    r.engine = QStringLiteral("imported");
    return r;
}

} // namespace

void ImportWriter::requireFittingNames(const std::vector<ImportedExperiment>& experiments,
                                       const QString& predictionsPath)
{
    for (const ImportedExperiment& experiment : experiments)
        if (const auto problem = Workspace::nameProblem(experiment.name))
            throw InputError(
                {predictionsPath, experiment.seeds.front().firstLine, QStringLiteral("experiment")},
                QStringLiteral("experiment name %1").arg(*problem));
}

int ImportWriter::requireCompatible(const Workspace& workspace, const ExperimentLabels& labels,
                                    const std::vector<ImportedExperiment>& experiments,
                                    const QString& predictionsPath, StoredSeeds storedSeeds)
{
    int stored = 0;
    for (const ImportedExperiment& experiment : experiments) {
        const QString folder = workspace.resultsFolder(experiment.name);
        if (LabelsFile::exists(folder) && !(LabelsFile::read(folder) == labels))
            throw InputError({folder + QLatin1Char('/') + LabelsFile::fileName()},
                             QStringLiteral("experiment '%1' already has results on other labels (%2); "
                                            "import under another name")
                                 .arg(experiment.name, labelsDifference(LabelsFile::read(folder), labels)));
        // Any record counts, a damaged one too: replacing it is the user's decision.
        for (const ImportedSeed& seed : experiment.seeds) {
            if (!QFileInfo::exists(folder + QLatin1Char('/') + SeedResultFile::jsonName(seed.seed)))
                continue;
            ++stored;
            if (storedSeeds == StoredSeeds::Refuse)
                throw InputError(
                    {predictionsPath, seed.firstLine, QStringLiteral("seed")},
                    QStringLiteral("experiment '%1' already has seed %2 (%3); nothing was imported. "
                                   "Use --replace to replace stored seeds on purpose")
                        .arg(experiment.name)
                        .arg(seed.seed)
                        .arg(folder + QLatin1Char('/') + SeedResultFile::jsonName(seed.seed)));
        }
    }
    return stored;
}

int ImportWriter::write(const Workspace& workspace, const ExperimentLabels& labels,
                        const std::vector<ImportedExperiment>& experiments, const QString& predictionsPath,
                        StoredSeeds storedSeeds)
{
    // Nothing is written before every check has passed.
    requireFittingNames(experiments, predictionsPath);
    requireCompatible(workspace, labels, experiments, predictionsPath, storedSeeds);

    ImportStaging staging(workspace.path());
    const QDateTime importedAt = QDateTime::currentDateTimeUtc();
    const QString source = QStringLiteral("imported from %1").arg(QFileInfo(predictionsPath).fileName());
    for (const ImportedExperiment& experiment : experiments) {
        const QString folder = staging.experimentFolder(experiment.name);
        LabelsFile::write(labels, folder);
        const ResultStore store(folder);
        int index = 0;
        for (const ImportedSeed& seed : experiment.seeds)
            store.save(
                importedResult(labels, seed, importedAt.addMSecs(index++), source)); // keeps the file's order
    }

    // No sweep or other import may change these experiments while the seeds move in.
    std::vector<std::unique_ptr<ExperimentLock>> locks;
    QStringList created; // results folders that only the locks made: gone again if the import stops
    int replaced = 0;
    try {
        for (const ImportedExperiment& experiment : experiments) {
            const QString folder = workspace.resultsFolder(experiment.name);
            if (!QFileInfo::exists(folder))
                created << folder;
            locks.push_back(std::make_unique<ExperimentLock>(folder));
            if (!locks.back()->tryLock())
                throw StorageError(
                    QStringLiteral("experiment '%1' is being trained or imported by another "
                                   "process (%2); nothing was imported, try again when it ends")
                        .arg(experiment.name, locks.back()->holder()));
        }
        replaced = requireCompatible(workspace, labels, experiments, predictionsPath, storedSeeds);
    } catch (...) {
        for (const QString& folder : created)
            if (QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot) ==
                QStringList{ExperimentLock::fileName()})
                QFile::remove(folder + QLatin1Char('/') + ExperimentLock::fileName());
        locks.clear();
        for (const QString& folder : created)
            QDir().rmdir(folder);
        throw;
    }
    staging.commit();
    return replaced;
}

} // namespace seedscape
