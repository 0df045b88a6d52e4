#pragma once

#include <QColor>
#include <QStringList>

namespace seedscape {

// One colour per experiment, the same in every view, export and report and after a restart: an
// experiment's colour follows its place among the workspace's experiments sorted by name, so
// checking, unchecking or selecting other experiments never changes it (its place among the
// plotted ones would).
class ExperimentColours
{
public:
    static constexpr int kPaletteSize = 10; // colours repeat after this many experiments

    ExperimentColours() = default;
    explicit ExperimentColours(QStringList experiments);
    // The experiments with results in a workspace folder (results/<name>), as the window lists them.
    static ExperimentColours ofWorkspace(const QString& workspaceFolder);

    bool isEmpty() const { return m_experiments.isEmpty(); }
    // Palette index of an experiment; one not in the list gets one from its name alone.
    int slotOf(const QString& experiment) const;
    QColor of(const QString& experiment) const { return palette(slotOf(experiment)); }
    static QColor palette(int slot);

private:
    QStringList m_experiments; // sorted by name
};

} // namespace seedscape
