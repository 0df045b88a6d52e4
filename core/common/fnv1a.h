#pragma once

#include <QByteArray>
#include <QString>

namespace seedscape {

// FNV-1a, 64 bits: a hash that is the same in every build and on every platform (unlike
// std::hash), for fingerprints and file checks. Returned as 16 hex digits.
inline QString fnv1a64(const QByteArray& bytes)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const char byte : bytes) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 0x100000001b3ULL;
    }
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

} // namespace seedscape
