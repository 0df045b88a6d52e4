#pragma once

#include <QStringList>

#include <optional>

namespace seedscape {

// The candidate a mistyped word most likely meant: within two edits (a letter added, removed,
// changed, or two neighbours swapped; case ignored) and fewer edits than half its length (leading
// dashes not counted), so short words do not match everything; else the only candidate that starts
// with it ("--worksp"). nullopt when none is that close; the first on a tie.
std::optional<QString> nearestWord(const QString& typed, const QStringList& candidates);

} // namespace seedscape
