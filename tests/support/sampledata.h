#pragma once

#include "data/dataset.h"
#include "data/datasetspec.h"
#include "data/preparedata.h"
#include "experiment/experiment.h"
#include "store/experimentresults.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace seedscape::testsupport {

// A dataset shipped with the app, by file name: breast_cancer.csv, diabetes.csv, digits.csv, wine.csv.
QString sampleDatasetPath(const QString& file);
// A file or folder under tests/data (golden files, odd CSVs).
QString testDataPath(const QString& relative);

// A user's own small experiment file, folder/quick.json, holding only what differs from the
// defaults: diabetes with an absolute path, one hidden layer of 32, dropout 0.1, these epochs.
QString writeQuickExperimentFile(const QString& folder, int epochs);

// Gives results/NAME in workspace a stored definition trained on a data file of its own
// (workspace/NAME.csv): experiments imported on the same rows then fall into different comparison
// groups, as if trained on different data.
void storeDefinitionOnOwnData(const QString& workspace, const QString& experiment);

// A shipped dataset loaded with this target and everything else at its default.
Dataset loadSampleDataset(const QString& file, const QString& target);
// A small CSV written inline, loaded as if read from a file named "t.csv" (messages name it).
Dataset datasetFromCsvText(const QByteArray& csv, const DatasetSpec& spec);
// A golden statistics case (tests/data/stats/NAME: predictions.csv, labels.csv) imported into the
// workspace folder; returns the workspace's results.
std::vector<ExperimentResults> importStatisticsCase(const QString& workspace, const QString& name, Task task,
                                                    Metric metric);
// The experiment's data loaded, split and standardised, as a sweep hands it to a trainer.
std::shared_ptr<const PreparedData> prepareData(const Experiment& experiment);

} // namespace seedscape::testsupport
