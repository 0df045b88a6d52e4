#pragma once

#include "train/seedresult.h"

namespace seedscape {

// One stored seed: results/NAME/seed-<S>.json (scores, curves, provenance) and, for finished seeds,
// seed-<S>.bin beside it: the validation then the test predictions as little-endian float64,
// rows × columns each, row-major. The JSON names the .bin's size and FNV-1a hash and is written
// last, so it is the commit mark: a seed without its JSON was never finished.
class SeedResultFile
{
public:
    static QString jsonName(quint64 seed);
    static QString binaryName(quint64 seed);

    // Atomic: predictions first, then the JSON. Throws StorageError.
    static void write(const SeedResult& result, const QString& folder);
    // Throws InputError naming the file and field when the record is damaged or incomplete: a
    // missing field, one of the wrong type, a seed that differs from the file name's, and with
    // withPredictions a missing .bin or one whose size or hash differs from the record's.
    static SeedResult read(const QString& jsonPath, bool withPredictions);

    static constexpr int kFormat = 1;
};

} // namespace seedscape
