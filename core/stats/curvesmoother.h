#pragma once

#include <vector>

namespace seedscape {

// Smooths a learning curve with an exponential moving average: s₁ = x₁, sₜ = w·sₜ₋₁ + (1 − w)·xₜ.
// Causal on purpose: a curve that grows by an epoch keeps the smoothed values it had, so a live
// curve does not wriggle as epochs arrive (a centred window would redraw its last points).
class CurveSmoother
{
public:
    // weight w in [0, 1): 0 returns the curve unchanged. Non-finite values (an epoch without a
    // score) stay as they are and are skipped: the average carries over them.
    static std::vector<double> smooth(const std::vector<double>& curve, double weight);
};

} // namespace seedscape
