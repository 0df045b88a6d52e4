#include "experimentfingerprint.h"

#include "experimentwriter.h"

namespace seedscape {

QString experimentFingerprint(const Experiment& experiment)
{
    Experiment e = experiment;
    e.name = QStringLiteral("-");
    e.dataset.path = QStringLiteral("-");
    e.seeds.count = 1;
    e.seeds.list.clear();
    // FNV-1a, 64 bits: stable across builds and platforms, unlike std::hash.
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const char byte : ExperimentWriter::toJson(e)) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 0x100000001b3ULL;
    }
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

} // namespace seedscape
