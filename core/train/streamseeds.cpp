#include "streamseeds.h"

namespace seedscape {

namespace {

// Distinct constants per source, so the three streams of one run never coincide.
constexpr quint64 kInitSalt = 0x9E3779B97F4A7C15ULL;
constexpr quint64 kOrderSalt = 0xC2B2AE3D27D4EB4FULL;
constexpr quint64 kDropoutSalt = 0x165667B19E3779F9ULL;

} // namespace

quint64 StreamSeeds::mix(quint64 z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

StreamSeeds StreamSeeds::derive(quint64 runSeed, const SeedSpec& spec)
{
    StreamSeeds s;
    s.init = mix((spec.varyInit ? runSeed : kFixedBase) ^ kInitSalt);
    s.order = mix((spec.varyOrder ? runSeed : kFixedBase) ^ kOrderSalt);
    s.dropout = mix((spec.varyDropout ? runSeed : kFixedBase) ^ kDropoutSalt);
    return s;
}

} // namespace seedscape
