#include "curvesmoother.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

std::vector<double> CurveSmoother::smooth(const std::vector<double>& curve, double weight)
{
    weight = std::clamp(weight, 0.0, 0.999);
    if (weight == 0.0)
        return curve;
    std::vector<double> out(curve.size());
    double average = NAN;
    for (size_t i = 0; i < curve.size(); ++i) {
        if (!std::isfinite(curve[i])) {
            out[i] = curve[i];
            continue;
        }
        average = std::isfinite(average) ? weight * average + (1.0 - weight) * curve[i] : curve[i];
        out[i] = average;
    }
    return out;
}

} // namespace seedscape
