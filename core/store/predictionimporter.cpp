#include "predictionimporter.h"

#include "common/inputerror.h"
#include "data/csvreader.h"
#include "experiment/experimentnames.h"
#include "importlabelsreader.h"
#include "importwriter.h"

namespace seedscape {

PredictionImporter::Summary PredictionImporter::importInto(const Workspace& workspace,
                                                           const QString& predictionsPath,
                                                           const QString& labelsPath, Task task,
                                                           Metric metric,
                                                           ImportWriter::StoredSeeds storedSeeds)
{
    if (task == Task::Auto)
        throw InputError({}, QStringLiteral("--task must be regression, binary or multiclass"));
    if (!metricFitsTask(metric, task) || metric == Metric::Auto)
        throw InputError({}, QStringLiteral("the metric %1 does not score a %2 task")
                                 .arg(names::metric(metric), names::task(task)));

    const CsvTable predictionTable = CsvReader::readFile(predictionsPath);
    const CsvTable labelTable = CsvReader::readFile(labelsPath);
    const ImportPredictionsReader predictionsReader(predictionTable, task);
    const int columns = predictionsReader.columnCount();
    const int classes = task == Task::Multiclass ? columns : task == Task::Binary ? 2 : 0;
    const ExperimentLabels labels = ImportLabelsReader::read(labelTable, task, metric, classes);
    const std::vector<ImportedExperiment> experiments = predictionsReader.read(labels, labelsPath);
    Summary summary;
    summary.replaced =
        ImportWriter::write(workspace, labels, experiments, predictionTable.sourceFile, storedSeeds);
    summary.validationRows = static_cast<int>(labels.validation.size());
    summary.testRows = static_cast<int>(labels.test.size());
    summary.unreadColumns = predictionsReader.unreadColumns(true);
    summary.unreadColumnsNote = predictionsReader.unreadColumnsNote(true);
    for (const ImportedExperiment& experiment : experiments) {
        summary.experiments << experiment.name;
        summary.seeds += static_cast<int>(experiment.seeds.size());
    }
    return summary;
}

} // namespace seedscape
