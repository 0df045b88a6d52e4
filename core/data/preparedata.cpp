#include "preparedata.h"

#include "datasetloader.h"

#include "common/inputerror.h"

#include <cmath>

namespace seedscape {

namespace {

// A column whose variance overflows would be flattened to zeros by scaling: an error instead.
template <typename Value>
InputError tooLargeToScale(const Dataset& data, const QString& column, const std::vector<int>& rows,
                           Value value)
{
    double largest = 0;
    int line = 0;
    for (int r : rows)
        if (std::abs(value(r)) > largest) {
            largest = std::abs(value(r));
            line = data.rowLines[r];
        }
    return InputError({data.sourceFile, line, column},
                      QStringLiteral("values too large to standardise (up to %1 in the training rows): their "
                                     "variance overflows a double; rescale the column, e.g. to other units "
                                     "or a log scale")
                          .arg(largest, 0, 'g', 6));
}

} // namespace

PreparedData PreparedData::prepare(const QString& resolvedPath, const DatasetSpec& spec,
                                   DatasetLoader::Use use)
{
    Dataset dataset = DatasetLoader::load(resolvedPath, spec, use);
    if (use == DatasetLoader::Use::TargetOnly)
        return splitOnly(std::move(dataset), spec.split);
    return prepare(std::move(dataset), spec.split);
}

PreparedData PreparedData::splitOnly(Dataset dataset, const SplitSpec& split)
{
    PreparedData p;
    p.split = DataSplitter::split(dataset, split);
    p.target = dataset.target;
    p.dataset = std::move(dataset);
    return p;
}

PreparedData PreparedData::prepare(Dataset dataset, const SplitSpec& split)
{
    PreparedData p;
    p.split = DataSplitter::split(dataset, split);
    p.featureScaler = Standardizer::fit(dataset.features, dataset.featureCount(), p.split.train);
    if (const int c = p.featureScaler.overflowColumn(); c >= 0)
        throw tooLargeToScale(dataset, dataset.featureNames[c], p.split.train,
                              [&](int r) { return dataset.feature(r, c); });
    p.features = p.featureScaler.transform(dataset.features);
    if (dataset.task == Task::Regression) {
        p.targetScaler = Standardizer::fit(dataset.target, 1, p.split.train);
        if (p.targetScaler->overflowColumn() >= 0)
            throw tooLargeToScale(dataset, dataset.targetName, p.split.train,
                                  [&](int r) { return dataset.target[r]; });
        p.target = p.targetScaler->transform(dataset.target);
    } else {
        p.target = dataset.target;
    }
    p.dataset = std::move(dataset);
    return p;
}

} // namespace seedscape
