#pragma once

#include "experiment.h"

#include <QByteArray>

namespace seedscape {

// Writes experiment files (format 1): every key in a fixed, readable order, so that files diff
// well under git; ExperimentReader reads back the same experiment.
class ExperimentWriter
{
public:
    static QByteArray toJson(const Experiment& experiment);
    // Atomic: a crash while writing leaves the old file or the new one, never half of one.
    static void writeFile(const Experiment& experiment, const QString& path);
};

} // namespace seedscape
