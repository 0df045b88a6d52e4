#include "inputerror.h"

namespace seedscape {

InputError::InputError(InputLocation where, const QString& problem)
    : std::runtime_error(format(where, problem).toStdString()), m_where(std::move(where)), m_problem(problem)
{
}

QString InputError::message() const
{
    return format(m_where, m_problem);
}

QString InputError::format(const InputLocation& where, const QString& problem)
{
    QString text;
    if (!where.file.isEmpty()) {
        text += where.file;
        if (where.line > 0)
            text += QLatin1Char(':') + QString::number(where.line);
        text += QLatin1String(": ");
    }
    if (!where.column.isEmpty())
        text += QLatin1String("column '") + excerpt(where.column) + QLatin1String("': ");
    if (!where.field.isEmpty())
        text += QLatin1String("field '") + excerpt(where.field) + QLatin1String("': ");
    return text + problem;
}

QString InputError::excerpt(const QString& text, int maxChars)
{
    if (text.size() <= maxChars)
        return text;
    qsizetype cut = maxChars - 1;
    if (text[cut - 1].isHighSurrogate()) // never split a character in two
        --cut;
    return text.left(cut) + QChar(0x2026);
}

} // namespace seedscape
