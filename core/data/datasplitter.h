#pragma once

#include "dataset.h"

#include <vector>

namespace seedscape {

// Row indices of the three parts of a fixed holdout, each in ascending order.
struct SplitIndices
{
    std::vector<int> train;
    std::vector<int> validation;
    std::vector<int> test;
};

// The fixed holdout every seed of an experiment shares. With fractions it is deterministic for a
// given split seed and data, and stratified by class for classification (each class keeps its
// share in every part); with a split column it follows the column.
class DataSplitter
{
public:
    static SplitIndices split(const Dataset& data, const SplitSpec& spec);

    // Fewest rows a fractional split accepts: one in validation, one in test, two in training.
    static constexpr int kMinTrainRows = 2;
};

} // namespace seedscape
