#pragma once

#include <QString>

namespace seedscape {

// "1 seed", "3 seeds", "0 seeds": a count with its noun in the right number, for every message and
// figure label that counts something ("3 seed(s)" has no place in a paper's figure). plural: for a
// noun whose plural is not noun + "s".
QString countedNoun(qlonglong n, const QString& noun, const QString& plural = {});

} // namespace seedscape
