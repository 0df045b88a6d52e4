#include "shellwords.h"

#include <algorithm>

namespace seedscape {

namespace {

// Characters a shell reads as themselves anywhere in a word.
bool isPlain(QChar c)
{
    static const QString kPunctuation = QStringLiteral("_@%+=:,./{}-");
    return c.isLetterOrNumber() || kPunctuation.contains(c);
}

} // namespace

QStringList ShellWords::split(const QString& line, QString* problem)
{
    enum class Quote
    {
        None,
        Single,
        Double
    };
    QStringList words;
    QString word;
    bool inWord = false; // '' is an (empty) argument
    Quote quote = Quote::None;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        const bool hasNext = i + 1 < line.size();
        switch (quote) {
        case Quote::Single:
            if (c == QLatin1Char('\''))
                quote = Quote::None;
            else
                word += c;
            break;
        case Quote::Double:
            if (c == QLatin1Char('"'))
                quote = Quote::None;
            else if (c == QLatin1Char('\\') && hasNext && QStringLiteral("\"\\$`").contains(line[i + 1]))
                word += line[++i];
            else
                word += c;
            break;
        case Quote::None:
            if (c.isSpace()) {
                if (inWord)
                    words << word;
                word.clear();
                inWord = false;
                break;
            }
            inWord = true;
            if (c == QLatin1Char('\''))
                quote = Quote::Single;
            else if (c == QLatin1Char('"'))
                quote = Quote::Double;
            else if (c == QLatin1Char('\\') && hasNext)
                word += line[++i];
            else
                word += c;
            break;
        }
    }
    if (inWord)
        words << word;
    if (problem)
        *problem = quote == Quote::None ? QString()
                   : quote == Quote::Single
                       ? QStringLiteral("a ' quote is never closed: the rest of the line is one argument")
                       : QStringLiteral("a \" quote is never closed: the rest of the line is one argument");
    return words;
}

QString ShellWords::join(const QStringList& arguments)
{
    QStringList quoted;
    for (const QString& argument : arguments) {
        const bool plain = !argument.isEmpty() && std::all_of(argument.begin(), argument.end(), isPlain);
        quoted << (plain ? argument
                         : QLatin1Char('\'') +
                               QString(argument).replace(QStringLiteral("'"), QStringLiteral("'\\''")) +
                               QLatin1Char('\''));
    }
    return quoted.join(QLatin1Char(' '));
}

} // namespace seedscape
