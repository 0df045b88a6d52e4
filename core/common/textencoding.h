#pragma once

#include <QByteArray>
#include <QString>

namespace seedscape {

// Seedscape reads UTF-8 text only. A file saved as UTF-16 (as Windows tools often do) or a file
// that is not text at all is named as such, instead of being read as garbage.
class TextEncoding
{
public:
    // Throws InputError naming file when bytes are UTF-16 (a byte order mark, or NUL bytes in
    // every other position) or hold NUL bytes otherwise.
    static void requireUtf8(const QByteArray& bytes, const QString& file);
};

} // namespace seedscape
