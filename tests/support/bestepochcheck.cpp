#include "bestepochcheck.h"

#include <algorithm>
#include <cmath>

namespace seedscape::testsupport {

QString bestEpochProblem(const SeedResult& r, int epochs)
{
    if (!r.isFinished())
        return QStringLiteral("seed %1 did not finish").arg(r.seed);
    if (r.epochsRun != epochs)
        return QStringLiteral("seed %1 ran %2 epochs, not %3").arg(r.seed).arg(r.epochsRun).arg(epochs);
    if (r.bestEpoch >= epochs)
        return QStringLiteral("seed %1 did not overfit: the test means nothing").arg(r.seed);
    // Lower is better: the runs score RMSE.
    const double best = *std::min_element(r.validationCurve.begin(), r.validationCurve.end());
    if (r.validationCurve[static_cast<size_t>(r.bestEpoch - 1)] != best)
        return QStringLiteral("seed %1: epoch %2 is not its best").arg(r.seed).arg(r.bestEpoch);
    if (!(std::abs(r.validationScore - best) < 1e-4 * best))
        return QStringLiteral("seed %1 was scored %2, its best epoch %3")
            .arg(r.seed)
            .arg(r.validationScore)
            .arg(best);
    if (!(r.validationCurve.back() > best * 1.01))
        return QStringLiteral("seed %1: its last epoch is as good as its best").arg(r.seed);
    return {};
}

} // namespace seedscape::testsupport
