#include "countednoun.h"

namespace seedscape {

QString countedNoun(qlonglong n, const QString& noun, const QString& plural)
{
    const QString word = n == 1 ? noun : plural.isEmpty() ? noun + QLatin1Char('s') : plural;
    return QString::number(n) + QLatin1Char(' ') + word;
}

QString namesAndMore(const QStringList& names, int shown)
{
    if (names.size() <= shown)
        return names.join(QStringLiteral(", "));
    return QStringLiteral("%1 and %2 more")
        .arg(names.mid(0, shown).join(QStringLiteral(", ")))
        .arg(names.size() - shown);
}

} // namespace seedscape
