#include "countednoun.h"

namespace seedscape {

QString countedNoun(qlonglong n, const QString& noun, const QString& plural)
{
    const QString word = n == 1 ? noun : plural.isEmpty() ? noun + QLatin1Char('s') : plural;
    return QString::number(n) + QLatin1Char(' ') + word;
}

} // namespace seedscape
