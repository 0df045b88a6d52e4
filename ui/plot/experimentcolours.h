#pragma once

#include <QColor>
#include <QStringList>

#include <map>

namespace seedscape {

// One colour per experiment, the same in every view, export and report and after a restart: a
// workspace remembers each experiment's palette slot (ExperimentColourFile, colours.json), so
// checking, unchecking or selecting other experiments never changes it, nor does adding one.
class ExperimentColours
{
public:
    static constexpr int kPaletteSize = 10; // colours repeat after this many experiments

    ExperimentColours() = default;
    // Without a workspace: each experiment's place among these names sorted decides.
    explicit ExperimentColours(QStringList experiments);
    // The experiments with results in a workspace folder (results/<name>), as the window lists
    // them, with their remembered slots; a new experiment's slot is chosen and remembered here.
    // One whose seeds all failed has none (and gives its slot up). problem: a damaged colours.json
    // replaced (ExperimentColourFile::update), for a warning.
    static ExperimentColours ofWorkspace(const QString& workspaceFolder, QString* problem = nullptr);

    bool isEmpty() const { return m_slots.empty(); }
    // Whether the experiment has its slot here (a workspace's: it has results); another one's slot
    // is only a guess from its name and may change when its first seed is stored.
    bool contains(const QString& experiment) const { return m_slots.count(experiment) > 0; }
    // Palette index of an experiment; one not in the list gets one from its name alone.
    int slotOf(const QString& experiment) const;
    QColor of(const QString& experiment) const { return palette(slotOf(experiment)); }
    static QColor palette(int slot);

private:
    std::map<QString, int> m_slots;
};

} // namespace seedscape
