#pragma once

#include "workspacestatistics.h"

#include <QByteArray>

namespace seedscape {

// The `stats --json` document (docs/interfaces.md): every number of WorkspaceStatistics, with null
// wherever a number is undefined (never NaN).
class StatisticsJson
{
public:
    static QByteArray toJson(const WorkspaceStatistics& statistics, const StatisticsOptions& options);
};

} // namespace seedscape
