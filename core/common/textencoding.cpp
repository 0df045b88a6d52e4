#include "textencoding.h"

#include "inputerror.h"

#include <algorithm>

namespace seedscape {

void TextEncoding::requireUtf8(const QByteArray& bytes, const QString& file)
{
    const auto utf16 = [&file](const char* order) {
        return InputError(
            {file}, QStringLiteral("the file is UTF-16 (%1); save it as UTF-8").arg(QLatin1String(order)));
    };
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        const bool littleEndian = bytes.startsWith("\xFF\xFE");
        if (bytes.startsWith(QByteArray("\xFF\xFE\0\0", 4)))
            throw InputError({file}, QStringLiteral("the file is UTF-32; save it as UTF-8"));
        throw utf16(littleEndian ? "little-endian" : "big-endian");
    }
    // Without a byte order mark: ASCII text saved as UTF-16 has a NUL in every other byte.
    const QByteArray head = bytes.left(4096);
    const qsizetype nulls = std::count(head.begin(), head.end(), '\0');
    if (nulls == 0 && !bytes.contains('\0'))
        return;
    qsizetype evenNulls = 0;
    for (qsizetype i = 0; i < head.size(); i += 2)
        evenNulls += head[i] == '\0';
    const qsizetype oddNulls = nulls - evenNulls;
    const qsizetype pairs = head.size() / 2;
    if (pairs > 0 && std::max(evenNulls, oddNulls) * 10 >= pairs * 8 &&
        std::min(evenNulls, oddNulls) * 10 < pairs)
        throw utf16(oddNulls > evenNulls ? "little-endian" : "big-endian");
    throw InputError({file}, QStringLiteral("the file is not text (it holds NUL bytes); save it as UTF-8 "
                                            "text"));
}

} // namespace seedscape
