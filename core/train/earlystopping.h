#pragma once

namespace seedscape {

// Early stopping on the validation score, the same rule for every engine: the first epoch and
// every improvement become the best epoch (whose weights the caller keeps); `patience` epochs in a
// row without improvement stop the seed. Patience 0 turns it off.
class EarlyStopping
{
public:
    enum class Verdict
    {
        Improved, // keep this epoch's weights
        Continue,
        Stop,
    };

    // What a checkpoint keeps of it.
    struct State
    {
        double bestScore = 0;
        int bestEpoch = 0;
        int sinceImprovement = 0;
    };

    EarlyStopping(int patience, bool higherIsBetter);

    bool enabled() const { return m_patience > 0; }
    // Called once per epoch (1-based); always Continue when disabled.
    Verdict observe(int epoch, double validationScore);
    int bestEpoch() const { return m_bestEpoch; } // 0 before the first observation
    State state() const { return {m_bestScore, m_bestEpoch, m_sinceImprovement}; }
    void restore(const State& state);

private:
    int m_patience;
    bool m_higherIsBetter;
    double m_bestScore;
    int m_bestEpoch = 0;
    int m_sinceImprovement = 0;
};

} // namespace seedscape
