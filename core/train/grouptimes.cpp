#include "grouptimes.h"

namespace seedscape {

Q_LOGGING_CATEGORY(groupTimesLog, "seedscape.group.times", QtInfoMsg)

QString GroupTimes::summary(int seeds, const QString& device, int epochs, double seconds) const
{
    const auto s = [](double value) {
        return QString::number(value, 'f', 3) + QStringLiteral(" s");
    };
    const double other = seconds - stepping - drawing - waiting - evaluating;
    QString line = QStringLiteral("group of %1 seeds on %2, %3 epochs in %4: steps issued %5, orders and "
                                  "masks drawn %6, waiting for the device %7, evaluating %8, the rest %9")
                       .arg(seeds)
                       .arg(device)
                       .arg(epochs)
                       .arg(s(seconds), s(stepping), s(drawing), s(waiting), s(evaluating), s(other));
    if (replayedSteps >= 0)
        line += QStringLiteral(" (%1 of %2 steps replayed from CUDA graphs)").arg(replayedSteps).arg(steps);
    return line;
}

} // namespace seedscape
