#include "experimentcolours.h"

#include "store/experimentcolourfile.h"
#include "store/resultstore.h"

#include <QDir>
#include <QHash>

namespace seedscape {

ExperimentColours::ExperimentColours(QStringList experiments)
    : m_slots(ExperimentColourFile::assign({}, std::move(experiments), kPaletteSize))
{
}

ExperimentColours ExperimentColours::ofWorkspace(const QString& workspaceFolder, QString* problem)
{
    // Hidden folders (an import's staging folder) are not experiments. Nor do experiments whose
    // seeds all failed hold a colour: never plotted, they would only make two plotted experiments
    // share one (a sweep that is starting has no seeds yet, and keeps its colour for its crosses).
    const QString results = workspaceFolder + QStringLiteral("/results");
    QStringList experiments;
    for (const QString& name : QDir(results).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (!ResultStore(results + QLatin1Char('/') + name).hasOnlyFailedSeeds())
            experiments << name;
    ExperimentColours colours;
    colours.m_slots = ExperimentColourFile::update(workspaceFolder, experiments, kPaletteSize, problem);
    return colours;
}

int ExperimentColours::slotOf(const QString& experiment) const
{
    const auto found = m_slots.find(experiment);
    if (found != m_slots.end())
        return found->second;
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
