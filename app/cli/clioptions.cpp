#include "clioptions.h"

#include "common/nearestword.h"
#include "common/seednumber.h"

namespace seedscape::cli {

CliOptions::CliOptions(const QStringList& args, const QStringList& known, const QStringList& flags,
                       const QStringList& repeatable)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (!arg.startsWith(QStringLiteral("--"))) {
            m_positional << arg;
            continue;
        }
        if (flags.contains(arg)) {
            if (m_flags.contains(arg))
                throw UsageError(QStringLiteral("option %1 is given twice").arg(arg));
            m_flags << arg;
            continue;
        }
        // A repeatable option passes its value on verbatim, even one that starts with "--"
        // (--sbatch-arg --begin=now), also written as --sbatch-arg=--begin=now.
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        if (repeatable.contains(name)) {
            if (arg.contains(QLatin1Char('=')))
                m_values << arg.section(QLatin1Char('='), 1);
            else if (i + 1 < args.size())
                m_values << args[++i];
            else
                throw UsageError(QStringLiteral("option %1 needs a value").arg(arg));
            m_names << name;
            continue;
        }
        if (!known.contains(arg)) {
            if (flags.contains(name))
                throw UsageError(QStringLiteral("option %1 takes no value").arg(name));
            if (known.contains(name))
                throw UsageError(
                    QStringLiteral("option %1: give its value as the next argument (%1 VALUE), not "
                                   "after '='")
                        .arg(name));
            const auto meant = nearestWord(name, known + flags + repeatable);
            throw UsageError(
                QStringLiteral("unknown option %1%2")
                    .arg(arg, meant ? QStringLiteral("; did you mean %1?").arg(*meant) : QString()));
        }
        if (i + 1 >= args.size() || args[i + 1].startsWith(QStringLiteral("--")))
            throw UsageError(QStringLiteral("option %1 needs a value").arg(arg));
        if (m_names.contains(arg))
            throw UsageError(QStringLiteral("option %1 is given twice").arg(arg));
        if (args[i + 1].isEmpty()) // --k "" must not quietly mean the default
            throw UsageError(QStringLiteral("option %1 needs a value, got an empty one").arg(arg));
        m_names << arg;
        m_values << args[++i];
    }
}

QStringList CliOptions::values(const QString& option) const
{
    QStringList all;
    for (qsizetype i = 0; i < m_names.size(); ++i)
        if (m_names[i] == option)
            all << m_values[i];
    return all;
}

QString CliOptions::value(const QString& option) const
{
    const qsizetype i = m_names.indexOf(option);
    return i < 0 ? QString() : m_values[i];
}

QString CliOptions::required(const QString& option) const
{
    const QString v = value(option);
    if (v.isEmpty())
        throw UsageError(QStringLiteral("option %1 is required").arg(option));
    return v;
}

qint64 CliOptions::integer(const QString& option, qint64 fallback, qint64 minimum, qint64 maximum) const
{
    const QString v = value(option);
    if (v.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    if (!ok || n < minimum || n > maximum)
        throw UsageError(QStringLiteral("option %1: '%2' is not a whole number from %3 to %4")
                             .arg(option, v)
                             .arg(minimum)
                             .arg(maximum));
    return n;
}

quint64 CliOptions::seed(const QString& option) const
{
    const QString v = required(option);
    const std::optional<quint64> n = SeedNumber::parse(v);
    if (!n)
        throw UsageError(QStringLiteral("option %1: '%2' is not %3").arg(option, v, SeedNumber::range()));
    return *n;
}

} // namespace seedscape::cli
