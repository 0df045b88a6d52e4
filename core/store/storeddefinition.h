#pragma once

#include "command/programfiles.h"
#include "experiment/experiment.h"

#include <QStringList>

namespace seedscape {

// results/NAME/definition.json: the definition the experiment's stored seeds were trained with.
// Before a sweep adds seeds, the current definition is compared with the stored seeds' (by their
// fingerprints), so a changed definition is refused, naming what changed, instead of mixing two
// definitions in one results folder.
class StoredDefinition
{
public:
    static QString fileName();

    // Throws InputError when finished seeds stored in resultsFolder were trained with another
    // definition; the message names the changed fields (when definition.json is there) and how to
    // go on. For a command experiment, also when finished seeds ran other program files than
    // `program`. Failed seeds do not count: fixing what they failed with is the usual next step.
    static void checkComparable(const Experiment& current, const QString& resultsFolder,
                                const ProgramFiles& program = {});
    // Records the definition beside the seeds (atomic; throws StorageError).
    static void write(const Experiment& current, const QString& resultsFolder);

    // "training.lr: 0.001 → 0.01" for every field that enters the fingerprint and differs.
    static QStringList changedFields(const QByteArray& beforeJson, const QByteArray& afterJson);
};

} // namespace seedscape
