#pragma once

#include "experiment/experiment.h"
#include "workspacestatistics.h"

#include <QByteArray>

#include <vector>

namespace seedscape {

// The `stats --json` document (docs/interfaces.md): every number of WorkspaceStatistics, with null
// wherever a number is undefined (never NaN), and the tags and notes of the experiments among
// definitions that have them, so that scripts can pick experiments by tag.
class StatisticsJson
{
public:
    static QByteArray toJson(const WorkspaceStatistics& statistics, const StatisticsOptions& options,
                             const std::vector<Experiment>& definitions = {});
};

} // namespace seedscape
