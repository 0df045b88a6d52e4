#pragma once

#include "experiment/experiment.h"

#include <QString>

#include <vector>

namespace seedscape::testsupport {

// An experiment definition for a test, named and on a shipped dataset, with only what the test
// cares about changed from the defaults:
//   ExperimentBuilder(QStringLiteral("quick")).onSample(QStringLiteral("diabetes.csv"), ...).epochs(3)
class ExperimentBuilder
{
public:
    explicit ExperimentBuilder(const QString& name);

    // The dataset at an absolute path to a shipped file (see sampleDatasetPath).
    ExperimentBuilder& onSample(const QString& file, const QString& target);
    ExperimentBuilder& hidden(std::vector<int> layers);
    ExperimentBuilder& dropout(double dropout);
    ExperimentBuilder& epochs(int epochs);
    ExperimentBuilder& learningRate(double lr);
    ExperimentBuilder& seeds(int count);

    const Experiment& build() const { return m_experiment; }
    operator Experiment() const { return m_experiment; }

    // Writes the definition to a file (an experiment file outside any workspace); returns path.
    QString writeTo(const QString& path) const;
    // Saves it into a workspace folder (created when missing) as NAME.experiment.json; returns the file.
    QString saveIn(const QString& workspaceFolder) const;

private:
    Experiment m_experiment;
};

// A workspace in workspaceFolder with one quick experiment, "quick": diabetes, one hidden layer of
// 16, the given epochs and seed count. Returns the folder.
QString quickDiabetesWorkspace(const QString& workspaceFolder, int epochs, int seeds);

} // namespace seedscape::testsupport
