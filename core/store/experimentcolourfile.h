#pragma once

#include <QString>
#include <QStringList>

#include <map>

namespace seedscape {

// WORKSPACE/colours.json: the palette slot of each experiment's colour, remembered so that an
// experiment keeps its colour across restarts and when others are added (a rule over the names
// alone would shift every colour after a new name that sorts earlier). Format 1:
// {"format": 1, "slots": {"diabetes-mlp": 0, "wine-mlp": 1}}
class ExperimentColourFile
{
public:
    using Slots = std::map<QString, int>;      // experiment name → palette slot
    using Groups = std::map<QString, QString>; // experiment name → what it is plotted with

    static QString fileName();
    // The remembered slots; empty when there is no file. Throws InputError when the file cannot
    // be read or is not a colours file.
    static Slots read(const QString& workspaceFolder);
    static void write(const QString& workspaceFolder, const Slots& slots); // atomic; throws StorageError

    // The slots of experiments: a remembered slot is kept, unless an experiment earlier by name of
    // its group (the same value in groups: plotted together) holds it while the group has a slot
    // left; the others, in name order, each take the lowest slot no experiment uses, or once all
    // are taken one that no experiment of its group uses, the least used of those. With nothing
    // remembered that is each experiment's place among the names sorted. Experiments not listed are
    // dropped.
    static Slots assign(const Slots& remembered, QStringList experiments, int paletteSize,
                        const Groups& groups = {});
    // read, assign and, when anything changed, write. An experiment's group is its truth rows
    // (results/NAME/labels.json): experiments scored on the same rows share a plot. A damaged file
    // (or one of a newer Seedscape) is kept as colours.json.damaged and replaced by the assignment of
    // nothing remembered, said in problem; a workspace that cannot be written still gets its slots.
    static Slots update(const QString& workspaceFolder, const QStringList& experiments, int paletteSize,
                        QString* problem = nullptr);
};

} // namespace seedscape
