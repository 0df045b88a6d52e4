#pragma once

#include <QString>

#include <stdexcept>

namespace seedscape {

// Where a problem in a user's input sits. Empty or zero parts are left out of the message.
struct InputLocation
{
    QString file;
    int line = 0;   // 1-based physical line in the file; 0 when not known
    QString column; // a CSV column name
    QString field;  // a JSON field path such as "training.lr"
};

// A problem with something the user gave us (a file, a field, an option): never a crash,
// always a message that names the file, line and column or field at fault.
class InputError : public std::runtime_error
{
public:
    InputError(InputLocation where, const QString& problem);

    const InputLocation& where() const { return m_where; }
    const QString& problem() const { return m_problem; }
    // "data.csv:12: column 'bmi': not a number: 'abc'"
    QString message() const;

    static QString format(const InputLocation& where, const QString& problem);
    // text as a message quotes it: cut to maxChars characters with "…", so that a 10,000-character
    // cell or name keeps the message readable. format() cuts the column and field itself.
    static QString excerpt(const QString& text, int maxChars = kExcerptChars);
    static constexpr int kExcerptChars = 80;

private:
    InputLocation m_where;
    QString m_problem;
};

} // namespace seedscape
