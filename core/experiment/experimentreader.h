#pragma once

#include "experiment.h"

#include <QByteArray>

namespace seedscape {

// Reads experiment files (format 1). Strict: an unknown key, a wrong type, a value out of range
// or a newer format throws InputError naming the file and the field.
class ExperimentReader
{
public:
    static Experiment readFile(const QString& path);
    static Experiment fromJson(const QByteArray& text, const QString& sourceName);
};

} // namespace seedscape
