#pragma once

#include "experiment/experiment.h"

#include <QtGlobal>

namespace seedscape {

// The seeds of the three randomness sources of one run, derived from the run seed. A source the
// sweep holds fixed derives from a constant instead, so it is the same stream for every seed.
struct StreamSeeds
{
    quint64 init = 0;    // weight initialisation
    quint64 order = 0;   // the order of training rows in each epoch
    quint64 dropout = 0; // dropout masks

    static StreamSeeds derive(quint64 runSeed, const SeedSpec& spec);

    // SplitMix64's finaliser: spreads nearby seeds (1, 2, 3…) into unrelated streams.
    static quint64 mix(quint64 value);
    // The base that fixed sources derive from.
    static constexpr quint64 kFixedBase = 0x5EED5CA9E0000000ULL;

    bool operator==(const StreamSeeds&) const = default;
};

} // namespace seedscape
