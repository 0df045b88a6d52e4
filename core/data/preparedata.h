#pragma once

#include "dataset.h"
#include "datasetloader.h"
#include "datasplitter.h"
#include "standardizer.h"

#include <optional>

namespace seedscape {

// Everything training needs from the data, computed once per experiment and shared by its seeds:
// the dataset, the fixed split, and the features (and regression target) standardised on train.
struct PreparedData
{
    Dataset dataset;
    SplitIndices split;
    Standardizer featureScaler;
    std::optional<Standardizer> targetScaler; // regression only
    std::vector<double> features;             // standardised, row-major
    std::vector<double> target;               // standardised for regression; class index otherwise

    // Reads the file at resolvedPath and prepares it as spec says. Throws InputError.
    // TargetOnly (a command experiment): the split alone, nothing standardised.
    static PreparedData prepare(const QString& resolvedPath, const DatasetSpec& spec,
                                DatasetLoader::Use use = DatasetLoader::Use::Features);
    static PreparedData prepare(Dataset dataset, const SplitSpec& split);
    static PreparedData splitOnly(Dataset dataset, const SplitSpec& split);
};

} // namespace seedscape
