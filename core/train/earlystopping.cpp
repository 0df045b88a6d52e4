#include "earlystopping.h"

#include "metrics/metricscorer.h"

#include <cmath>

namespace seedscape {

EarlyStopping::EarlyStopping(int patience, bool higherIsBetter)
    : m_patience(patience), m_higherIsBetter(higherIsBetter), m_bestScore(std::nan(""))
{
}

EarlyStopping::Verdict EarlyStopping::observe(int epoch, double validationScore)
{
    if (!enabled())
        return Verdict::Continue;
    if (m_bestEpoch == 0 || MetricScorer::isImprovement(validationScore, m_bestScore, m_higherIsBetter)) {
        m_bestScore = validationScore;
        m_bestEpoch = epoch;
        m_sinceImprovement = 0;
        return Verdict::Improved;
    }
    return ++m_sinceImprovement >= m_patience ? Verdict::Stop : Verdict::Continue;
}

void EarlyStopping::restore(const State& state)
{
    m_bestScore = state.bestScore;
    m_bestEpoch = state.bestEpoch;
    m_sinceImprovement = state.sinceImprovement;
}

} // namespace seedscape
