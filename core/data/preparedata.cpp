#include "preparedata.h"

#include "datasetloader.h"

namespace seedscape {

PreparedData PreparedData::prepare(const QString& resolvedPath, const DatasetSpec& spec)
{
    return prepare(DatasetLoader::load(resolvedPath, spec), spec.split);
}

PreparedData PreparedData::prepare(Dataset dataset, const SplitSpec& split)
{
    PreparedData p;
    p.split = DataSplitter::split(dataset, split);
    p.featureScaler = Standardizer::fit(dataset.features, dataset.featureCount(), p.split.train);
    p.features = p.featureScaler.transform(dataset.features);
    if (dataset.task == Task::Regression) {
        p.targetScaler = Standardizer::fit(dataset.target, 1, p.split.train);
        p.target = p.targetScaler->transform(dataset.target);
    } else {
        p.target = dataset.target;
    }
    p.dataset = std::move(dataset);
    return p;
}

} // namespace seedscape
