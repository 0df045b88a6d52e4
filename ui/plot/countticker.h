#pragma once

#include "qcustomplot_include.h"

namespace seedscape {

// Ticks at whole numbers only, for axes that count (seeds in an ensemble, epochs): zoomed in or
// with few seeds, QCustomPlot's own ticker would label 1.5 seeds.
class CountTicker : public QCPAxisTicker
{
public:
    // A count that gets a tick whenever it is in view, whatever the step: the ensemble size 1 (the
    // single seeds every ensemble is measured against) between steps of 2 or 5.
    void setAlwaysTicked(int count) { m_alwaysTicked = count; }

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                  QVector<double>& ticks, QVector<double>* subTicks, QVector<QString>* tickLabels) override;

protected:
    double getTickStep(const QCPRange& range) override;

private:
    int m_alwaysTicked = -1; // none
};

} // namespace seedscape
