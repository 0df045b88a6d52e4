#include "sampledata.h"

#include "common/atomicfile.h"
#include "data/csvreader.h"
#include "data/datasetloader.h"
#include "store/predictionimporter.h"
#include "store/storeddefinition.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>

namespace seedscape::testsupport {

QString sampleDatasetPath(const QString& file)
{
    return QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/") + file;
}

QString testDataPath(const QString& relative)
{
    return QStringLiteral(SEEDSCAPE_TEST_DATA "/") + relative;
}

void storeDefinitionOnOwnData(const QString& workspace, const QString& experiment)
{
    const QDir folder(workspace);
    AtomicFile::write(folder.filePath(experiment + QStringLiteral(".csv")),
                      "x,y\n" + experiment.toUtf8() + ",1\n");
    Experiment e;
    e.name = experiment;
    e.dataset.path = experiment + QStringLiteral(".csv");
    e.dataset.target = QStringLiteral("y");
    e.metric = Metric::RMSE;
    StoredDefinition::write(e, folder.filePath(QStringLiteral("results/") + experiment));
}

QString writeQuickExperimentFile(const QString& folder, int epochs)
{
    const QString path = QDir(folder).filePath(QStringLiteral("quick.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QStringLiteral(R"({"format": 1, "name": "quick",
        "dataset": {"path": "%1", "target": "progression"},
        "model": {"hidden": [32], "dropout": 0.1}, "training": {"epochs": %2}})")
                .arg(sampleDatasetPath(QStringLiteral("diabetes.csv")))
                .arg(epochs)
                .toUtf8());
    return path;
}

Dataset loadSampleDataset(const QString& file, const QString& target)
{
    DatasetSpec spec;
    spec.target = target;
    return DatasetLoader::load(sampleDatasetPath(file), spec);
}

Dataset datasetFromCsvText(const QByteArray& csv, const DatasetSpec& spec)
{
    return DatasetLoader::fromTable(CsvReader::parse(csv, QStringLiteral("t.csv")), spec);
}

std::vector<ExperimentResults> importStatisticsCase(const QString& workspace, const QString& name, Task task,
                                                    Metric metric)
{
    const QString folder = testDataPath(QStringLiteral("stats/") + name);
    PredictionImporter::importInto(Workspace(workspace), folder + QStringLiteral("/predictions.csv"),
                                   folder + QStringLiteral("/labels.csv"), task, metric);
    return ExperimentResults::loadWorkspace(workspace);
}

std::shared_ptr<const PreparedData> prepareData(const Experiment& experiment)
{
    return std::make_shared<const PreparedData>(
        PreparedData::prepare(experiment.dataset.path, experiment.dataset));
}

} // namespace seedscape::testsupport
