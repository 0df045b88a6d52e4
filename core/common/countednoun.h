#pragma once

#include <QString>
#include <QStringList>

namespace seedscape {

// "1 seed", "3 seeds", "0 seeds": a count with its noun in the right number, for every message and
// figure label that counts something ("3 seed(s)" has no place in a paper's figure). plural: for a
// noun whose plural is not noun + "s".
QString countedNoun(qlonglong n, const QString& noun, const QString& plural = {});

// "a, b, c and 6 more": at most `shown` names, the rest counted, so that a note under a plot stays
// one line however many experiments it names.
QString namesAndMore(const QStringList& names, int shown);

} // namespace seedscape
