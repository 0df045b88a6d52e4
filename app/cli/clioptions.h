#pragma once

#include "common/countednoun.h"

#include <QStringList>

#include <stdexcept>
#include <string>

namespace seedscape::cli {

constexpr int kExitUserError = 1;
constexpr int kExitInternal = 2;

// "1 seed", "3 seeds": a count and its noun, for the progress and summary lines.
inline std::string counted(long long n, const char* noun)
{
    return countedNoun(n, QString::fromUtf8(noun)).toStdString();
}

// A wrong command line: exit code 1 with the message on one line.
class UsageError : public std::runtime_error
{
public:
    explicit UsageError(const QString& message) : std::runtime_error(message.toStdString()) {}
};

// The arguments of one command: `--name value` options and positional arguments.
class CliOptions
{
public:
    // Throws UsageError for an option not in known, flags or repeatable, or one without a value.
    // Options of repeatable may be given many times (values()).
    CliOptions(const QStringList& args, const QStringList& known, const QStringList& flags = {},
               const QStringList& repeatable = {});

    bool flag(const QString& name) const { return m_flags.contains(name); }

    QString value(const QString& option) const;
    QStringList values(const QString& option) const; // every value of a repeatable option, in order
    QString required(const QString& option) const;
    // A whole number in [minimum, maximum], or fallback when the option is absent.
    qint64 integer(const QString& option, qint64 fallback, qint64 minimum, qint64 maximum) const;
    // A required seed: SeedNumber's rule, a whole number from 0 to 2^64 − 1.
    quint64 seed(const QString& option) const;
    const QStringList& positional() const { return m_positional; }

private:
    QStringList m_names;
    QStringList m_values;
    QStringList m_positional;
    QStringList m_flags;
};

} // namespace seedscape::cli
