#include "standardizer.h"

#include <cmath>

namespace seedscape {

Standardizer Standardizer::fit(const std::vector<double>& rowMajor, int columns, const std::vector<int>& rows)
{
    Standardizer s;
    s.m_means.assign(columns, 0.0);
    s.m_scales.assign(columns, 1.0);
    if (rows.empty())
        return s;
    const double n = static_cast<double>(rows.size());
    for (int r : rows)
        for (int c = 0; c < columns; ++c)
            s.m_means[c] += rowMajor[static_cast<size_t>(r) * columns + c];
    for (double& m : s.m_means)
        m /= n;
    std::vector<double> squares(columns, 0.0);
    for (int r : rows)
        for (int c = 0; c < columns; ++c) {
            const double d = rowMajor[static_cast<size_t>(r) * columns + c] - s.m_means[c];
            squares[c] += d * d;
        }
    for (int c = 0; c < columns; ++c) {
        const double sd = std::sqrt(squares[c] / n);
        if (!std::isfinite(sd) || !std::isfinite(s.m_means[c])) {
            if (s.m_overflowColumn < 0)
                s.m_overflowColumn = c;
            continue;
        }
        // A constant column would divide by zero; leaving it unscaled keeps it at zero after centring.
        s.m_scales[c] = sd > 1e-12 * std::max(1.0, std::abs(s.m_means[c])) ? sd : 1.0;
    }
    return s;
}

std::vector<double> Standardizer::transform(const std::vector<double>& rowMajor) const
{
    const size_t columns = m_means.size();
    std::vector<double> out(rowMajor.size());
    for (size_t i = 0; i < rowMajor.size(); ++i) {
        const size_t c = i % columns;
        out[i] = (rowMajor[i] - m_means[c]) / m_scales[c];
    }
    return out;
}

} // namespace seedscape
