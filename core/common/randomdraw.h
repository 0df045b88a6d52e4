#pragma once

#include <QtGlobal>

#include <random>

namespace seedscape {

// An unbiased draw from [0, bound) that is the same on every platform (std::uniform_int_distribution
// and std::shuffle are not specified exactly, so splits and samples could differ between standard
// libraries).
inline quint64 drawBelow(std::mt19937_64& rng, quint64 bound)
{
    const quint64 threshold = (0 - bound) % bound;
    for (;;) {
        const quint64 r = rng();
        if (r >= threshold)
            return r % bound;
    }
}

} // namespace seedscape
