#pragma once

#include <vector>

namespace seedscape {

// Column-wise (x − mean) / sd with mean and population sd fitted on chosen rows only (the
// training rows), so that nothing about validation or test leaks into training.
class Standardizer
{
public:
    Standardizer() = default;
    static Standardizer fit(const std::vector<double>& rowMajor, int columns, const std::vector<int>& rows);

    std::vector<double> transform(const std::vector<double>& rowMajor) const;
    double transformValue(double value, int column) const
    {
        return (value - m_means[column]) / m_scales[column];
    }
    double inverseValue(double value, int column) const { return value * m_scales[column] + m_means[column]; }

    const std::vector<double>& means() const { return m_means; }
    // The fitted sd, or 1 for a column that is constant on the fitted rows.
    const std::vector<double>& scales() const { return m_scales; }
    int columnCount() const { return static_cast<int>(m_means.size()); }
    // The first column whose mean or variance overflows a double (values near 1e154 and beyond),
    // so that it cannot be scaled; -1 when every column can. Such a column is left unscaled.
    int overflowColumn() const { return m_overflowColumn; }

private:
    std::vector<double> m_means;
    std::vector<double> m_scales;
    int m_overflowColumn = -1;
};

} // namespace seedscape
