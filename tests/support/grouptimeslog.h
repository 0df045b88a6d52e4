#pragma once

#include <QStringList>

#include <functional>

namespace seedscape::testsupport {

// Runs `work` and returns what the category seedscape.group.times logged meanwhile (a line per
// batched group that ended, where it is enabled: QLoggingCategory::setFilterRules).
QStringList groupTimesLoggedBy(const std::function<void()>& work);

} // namespace seedscape::testsupport
