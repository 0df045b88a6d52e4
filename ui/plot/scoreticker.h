#pragma once

#include "qcustomplot_include.h"

namespace seedscape {

// Tick labels for an axis of scores, as a journal sets them: every label of the axis with the
// same number of decimals (0.055, 0.060, 0.065, not 0.055, 0.06, 0.065) and a true minus sign
// (−0.5, not -0.5). Values too large or too small for plain decimals keep QCustomPlot's labels.
class ScoreTicker : public QCPAxisTicker
{
public:
    // The fewest decimals (0 to kMaxDecimals) that write every tick exactly, within a millionth of
    // the step between them; -1 when none does.
    static int commonDecimals(const QVector<double>& ticks);
    static constexpr int kMaxDecimals = 6;

protected:
    QVector<QString> createLabelVector(const QVector<double>& ticks, const QLocale& locale, QChar formatChar,
                                       int precision) override;
};

} // namespace seedscape
