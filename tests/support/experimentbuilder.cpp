#include "experimentbuilder.h"

#include "sampledata.h"

#include "experiment/experimentwriter.h"
#include "store/workspace.h"

namespace seedscape::testsupport {

ExperimentBuilder::ExperimentBuilder(const QString& name)
{
    m_experiment.name = name;
}

ExperimentBuilder& ExperimentBuilder::onSample(const QString& file, const QString& target)
{
    m_experiment.dataset.path = sampleDatasetPath(file);
    m_experiment.dataset.target = target;
    return *this;
}

ExperimentBuilder& ExperimentBuilder::hidden(std::vector<int> layers)
{
    m_experiment.model.hidden = std::move(layers);
    return *this;
}

ExperimentBuilder& ExperimentBuilder::dropout(double dropout)
{
    m_experiment.model.dropout = dropout;
    return *this;
}

ExperimentBuilder& ExperimentBuilder::epochs(int epochs)
{
    m_experiment.training.epochs = epochs;
    return *this;
}

ExperimentBuilder& ExperimentBuilder::learningRate(double lr)
{
    m_experiment.training.lr = lr;
    return *this;
}

ExperimentBuilder& ExperimentBuilder::seeds(int count)
{
    m_experiment.seeds.count = count;
    return *this;
}

QString ExperimentBuilder::writeTo(const QString& path) const
{
    ExperimentWriter::writeFile(m_experiment, path);
    return path;
}

QString ExperimentBuilder::saveIn(const QString& workspaceFolder) const
{
    const Workspace workspace(workspaceFolder);
    workspace.save(m_experiment);
    return workspace.experimentFile(m_experiment.name);
}

QString quickDiabetesWorkspace(const QString& workspaceFolder, int epochs, int seeds)
{
    ExperimentBuilder(QStringLiteral("quick"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({16})
        .epochs(epochs)
        .seeds(seeds)
        .saveIn(workspaceFolder);
    return workspaceFolder;
}

} // namespace seedscape::testsupport
