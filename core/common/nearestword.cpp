#include "nearestword.h"

#include <algorithm>
#include <vector>

namespace seedscape {

namespace {

// Optimal string alignment distance: Levenshtein plus a swap of two neighbours as one edit.
qsizetype editDistance(const QString& a, const QString& b)
{
    const qsizetype n = a.size(), m = b.size();
    std::vector<std::vector<qsizetype>> d(static_cast<size_t>(n + 1),
                                          std::vector<qsizetype>(static_cast<size_t>(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = i;
    for (qsizetype j = 0; j <= m; ++j)
        d[0][j] = j;
    for (qsizetype i = 1; i <= n; ++i)
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

} // namespace

std::optional<QString> nearestWord(const QString& typed, const QStringList& candidates)
{
    if (typed.isEmpty())
        return std::nullopt;
    const QString word = typed.toLower();
    // An option's "--" is not part of what was typed wrong: "--x" is one letter, too short to mean "--k".
    qsizetype letters = word.size();
    while (letters > 0 && word[word.size() - letters] == QLatin1Char('-'))
        --letters;
    std::optional<QString> best;
    qsizetype bestDistance = std::min<qsizetype>(3, (letters + 1) / 2); // must be below this
    for (const QString& candidate : candidates) {
        const qsizetype distance = editDistance(word, candidate.toLower());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    if (best)
        return best;
    std::optional<QString> completed;
    for (const QString& candidate : candidates)
        if (candidate.size() > typed.size() && candidate.startsWith(typed, Qt::CaseInsensitive)) {
            if (completed)
                return std::nullopt; // two ways to complete it: guess neither
            completed = candidate;
        }
    return completed;
}

} // namespace seedscape
