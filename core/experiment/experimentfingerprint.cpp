#include "experimentfingerprint.h"

#include "experimentwriter.h"

#include "common/fnv1a.h"

namespace seedscape {

QString experimentFingerprint(const Experiment& experiment)
{
    Experiment e = experiment;
    e.name = QStringLiteral("-");
    e.dataset.path = QStringLiteral("-");
    e.seeds.count = 1;
    e.seeds.list.clear();
    e.tags.clear();
    e.notes.clear();
    // Where and how many at once a command runs does not change what a seed means; which files are
    // watched only adds to what each seed's record says it ran (ProgramFiles).
    e.model.command.workdir = QStringLiteral("-");
    e.model.command.watch.clear();
    e.model.command.parallel = 1;
    e.model.command.timeoutMinutes = 0;
    return fnv1a64(ExperimentWriter::toJson(e));
}

} // namespace seedscape
