#pragma once

#include <QString>
#include <QStringList>

namespace seedscape {

// A command line typed as in a POSIX shell, split into its arguments and joined back, with no
// shell run: 'single quotes' keep everything, "double quotes" keep all but \" \\ \$ \`, and a
// backslash outside quotes keeps the next character. Nothing is expanded ($HOME, *, ~ stay).
class ShellWords
{
public:
    // The arguments of `line`. A quote never closed runs to the end, and `problem` (when given) says
    // so; it is empty otherwise.
    static QStringList split(const QString& line, QString* problem = nullptr);
    // Arguments as a line that split() reads back to the same arguments: plain where that is safe,
    // else in single quotes ('it'\''s').
    static QString join(const QStringList& arguments);
};

} // namespace seedscape
