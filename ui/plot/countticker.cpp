#include "countticker.h"

#include <cmath>

namespace seedscape {

double CountTicker::getTickStep(const QCPRange& range)
{
    const double step = QCPAxisTicker::getTickStep(range); // 1, 2, 2.5 or 5 times a power of ten
    return step < 1 ? 1 : std::floor(step);                // 2.5 → 2; 25 stays
}

} // namespace seedscape
