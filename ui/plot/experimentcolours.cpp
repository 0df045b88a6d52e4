#include "experimentcolours.h"

#include <QDir>
#include <QHash>

namespace seedscape {

ExperimentColours::ExperimentColours(QStringList experiments) : m_experiments(std::move(experiments))
{
    m_experiments.sort();
    m_experiments.removeDuplicates();
}

ExperimentColours ExperimentColours::ofWorkspace(const QString& workspaceFolder)
{
    // Hidden folders (an import's staging folder) are not experiments.
    return ExperimentColours(QDir(workspaceFolder + QStringLiteral("/results"))
                                 .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name));
}

int ExperimentColours::slotOf(const QString& experiment) const
{
    const qsizetype index = m_experiments.indexOf(experiment);
    if (index >= 0)
        return static_cast<int>(index % kPaletteSize);
    return static_cast<int>(qHash(experiment, 0) % kPaletteSize); // seed 0: the same in every run
}

QColor ExperimentColours::palette(int slot)
{
    // Tableau 10: distinct, colour-blind aware, and familiar from matplotlib.
    static const QColor colours[kPaletteSize] = {
        QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728), QColor(0x9467bd),
        QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f), QColor(0xbcbd22), QColor(0x17becf)};
    return colours[((slot % kPaletteSize) + kPaletteSize) % kPaletteSize];
}

} // namespace seedscape
