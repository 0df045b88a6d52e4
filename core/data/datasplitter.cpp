#include "datasplitter.h"

#include "common/inputerror.h"
#include "common/randomdraw.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace seedscape {

namespace {

void shuffle(std::vector<int>& v, std::mt19937_64& rng)
{
    for (size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[drawBelow(rng, i)]);
}

// Shares `total` among groups in proportion to their sizes (largest remainder), never giving a
// group more than its capacity.
std::vector<int> apportion(int total, const std::vector<int>& sizes, const std::vector<int>& capacity,
                           int rowCount)
{
    const size_t groups = sizes.size();
    std::vector<int> share(groups, 0);
    std::vector<std::pair<double, size_t>> remainders;
    int given = 0;
    for (size_t g = 0; g < groups; ++g) {
        const double ideal = static_cast<double>(total) * sizes[g] / rowCount;
        share[g] = std::min(static_cast<int>(std::floor(ideal)), capacity[g]);
        given += share[g];
        remainders.push_back({ideal - share[g], g});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t pass = 0; pass < 2 && given < total; ++pass) {
        for (const auto& [remainder, g] : remainders) {
            if (given >= total)
                break;
            // First pass: the groups that most deserve a row; second: any group with room left.
            if (share[g] < capacity[g] && (pass == 1 || remainder > 0)) {
                ++share[g];
                ++given;
            }
        }
    }
    return share;
}

SplitIndices splitByColumn(const Dataset& data)
{
    SplitIndices parts;
    for (int r = 0; r < data.rowCount(); ++r) {
        switch (data.splitColumn[r]) {
        case SplitPart::Train:
            parts.train.push_back(r);
            break;
        case SplitPart::Validation:
            parts.validation.push_back(r);
            break;
        case SplitPart::Test:
            parts.test.push_back(r);
            break;
        }
    }
    return parts;
}

SplitIndices splitByFractions(const Dataset& data, const SplitSpec& spec)
{
    const int n = data.rowCount();
    const int validationRows = std::max(1, static_cast<int>(std::lround(n * spec.validation)));
    const int testRows = std::max(1, static_cast<int>(std::lround(n * spec.test)));
    if (n - validationRows - testRows < DataSplitter::kMinTrainRows)
        throw InputError(
            {data.sourceFile},
            QStringLiteral("%1 rows are too few for this split (validation %2, test %3): validation "
                           "and test need a row each and training %4")
                .arg(n)
                .arg(spec.validation)
                .arg(spec.test)
                .arg(DataSplitter::kMinTrainRows));

    // Regression is one group; classification one group per class, so each part keeps the class mix.
    const int groupCount = isClassification(data.task) ? data.classCount() : 1;
    std::vector<std::vector<int>> groups(groupCount);
    for (int r = 0; r < n; ++r)
        groups[groupCount == 1 ? 0 : static_cast<int>(data.target[r])].push_back(r);

    std::vector<int> sizes, capacity;
    for (const auto& g : groups) {
        sizes.push_back(static_cast<int>(g.size()));
        capacity.push_back(static_cast<int>(g.size()));
    }
    const std::vector<int> validationShare = apportion(validationRows, sizes, capacity, n);
    for (size_t g = 0; g < groups.size(); ++g)
        capacity[g] -= validationShare[g];
    const std::vector<int> testShare = apportion(testRows, sizes, capacity, n);

    std::mt19937_64 rng(spec.seed);
    SplitIndices parts;
    for (size_t g = 0; g < groups.size(); ++g) {
        std::vector<int>& rows = groups[g];
        shuffle(rows, rng);
        const auto valEnd = rows.begin() + validationShare[g];
        const auto testEnd = valEnd + testShare[g];
        parts.validation.insert(parts.validation.end(), rows.begin(), valEnd);
        parts.test.insert(parts.test.end(), valEnd, testEnd);
        parts.train.insert(parts.train.end(), testEnd, rows.end());
    }
    return parts;
}

} // namespace

SplitIndices DataSplitter::split(const Dataset& data, const SplitSpec& spec)
{
    SplitIndices parts = spec.usesColumn() ? splitByColumn(data) : splitByFractions(data, spec);
    const auto check = [&](const std::vector<int>& rows, int minimum, const QString& what) {
        if (static_cast<int>(rows.size()) < minimum)
            throw InputError({data.sourceFile, 0, spec.column},
                             QStringLiteral("the %1 part has %2 rows; it needs at least %3")
                                 .arg(what)
                                 .arg(rows.size())
                                 .arg(minimum));
    };
    check(parts.train, kMinTrainRows, QStringLiteral("training"));
    check(parts.validation, 1, QStringLiteral("validation"));
    check(parts.test, 1, QStringLiteral("test"));
    for (auto* rows : {&parts.train, &parts.validation, &parts.test})
        std::sort(rows->begin(), rows->end());
    return parts;
}

} // namespace seedscape
