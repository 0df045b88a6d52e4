#include "importwriter.h"

#include "common/inputerror.h"
#include "labelsfile.h"
#include "metrics/metricscorer.h"
#include "resultstore.h"

#include <QDateTime>

namespace seedscape {

void ImportWriter::requireSameLabels(const Workspace& workspace, const ExperimentLabels& labels,
                                     const std::vector<ImportedExperiment>& experiments)
{
    for (const ImportedExperiment& experiment : experiments) {
        const QString folder = workspace.resultsFolder(experiment.name);
        if (LabelsFile::exists(folder) && !(LabelsFile::read(folder) == labels))
            throw InputError({folder + QLatin1Char('/') + LabelsFile::fileName()},
                             QStringLiteral("experiment '%1' already has results with other labels, task or "
                                            "metric; import under another name")
                                 .arg(experiment.name));
    }
}

void ImportWriter::write(const Workspace& workspace, const ExperimentLabels& labels,
                         const std::vector<ImportedExperiment>& experiments, const QString& sourceName)
{
    requireSameLabels(workspace, labels, experiments); // nothing is written before every check has passed
    const int classes = labels.classCount();
    const QDateTime importedAt = QDateTime::currentDateTimeUtc();
    const QString source = QStringLiteral("imported from %1").arg(sourceName);
    for (const ImportedExperiment& experiment : experiments) {
        const QString folder = workspace.resultsFolder(experiment.name);
        LabelsFile::write(labels, folder);
        const ResultStore store(folder);
        int index = 0;
        for (const ImportedSeed& seed : experiment.seeds) {
            SeedResult r;
            r.seed = seed.seed;
            r.metric = labels.metric;
            r.predictionColumns = labels.predictionColumns();
            r.validationPredictions = seed.validation;
            r.testPredictions = seed.test;
            r.validationScore =
                MetricScorer::score(r.metric, labels.validation, r.validationPredictions, classes);
            r.testScore = MetricScorer::score(r.metric, labels.test, r.testPredictions, classes);
            r.startedAt = importedAt.addMSecs(index++); // keeps the file's seed order
            r.experimentFingerprint = QStringLiteral("imported");
            r.versions = source;
            r.engine = QStringLiteral("imported");
            store.save(r);
        }
    }
}

} // namespace seedscape
