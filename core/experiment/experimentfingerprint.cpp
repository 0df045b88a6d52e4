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
    return fnv1a64(ExperimentWriter::toJson(e));
}

} // namespace seedscape
