#include "jsonobjectreader.h"

#include "inputerror.h"
#include "nearestword.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>

namespace seedscape {

JsonObjectReader::JsonObjectReader(const json& object, QString path, QString file)
    : m_object(object), m_path(std::move(path)), m_file(std::move(file))
{
    if (!object.is_object())
        fail(m_path, QStringLiteral("must be an object, got %1").arg(typeName(object)));
}

void JsonObjectReader::fail(const QString& field, const QString& problem) const
{
    throw InputError({m_file, 0, {}, field}, problem);
}

QString JsonObjectReader::field(const char* key) const
{
    return m_path.isEmpty() ? QString::fromLatin1(key) : m_path + QLatin1Char('.') + QString::fromLatin1(key);
}

const JsonObjectReader::json* JsonObjectReader::find(const char* key, bool required)
{
    m_known.insert(key);
    const auto it = m_object.find(key);
    if (it == m_object.end()) {
        if (required) {
            // A misspelt key is the likely reason: name it, rather than only the one missing.
            QStringList present;
            for (const auto& item : m_object.items())
                present << QString::fromStdString(item.key());
            const auto typed = nearestWord(QString::fromLatin1(key), present);
            fail(field(key), typed ? QStringLiteral("is required; the file has '%1', did you mean '%2'?")
                                         .arg(*typed, QString::fromLatin1(key))
                                   : QStringLiteral("is required"));
        }
        return nullptr;
    }
    return &*it;
}

QString JsonObjectReader::text(const char* key, const QString& fallback, bool required)
{
    const json* v = find(key, required);
    if (!v)
        return fallback;
    if (!v->is_string())
        fail(field(key), QStringLiteral("must be a string, got %1").arg(typeName(*v)));
    return QString::fromStdString(v->get<std::string>());
}

double JsonObjectReader::number(const char* key, double fallback)
{
    const json* v = find(key);
    if (!v)
        return fallback;
    if (!v->is_number())
        fail(field(key), QStringLiteral("must be a number, got %1").arg(typeName(*v)));
    return v->get<double>();
}

int JsonObjectReader::integer(const char* key, int fallback)
{
    const json* v = find(key);
    return v ? toInt(*v, field(key)) : fallback;
}

bool JsonObjectReader::boolean(const char* key, bool fallback)
{
    const json* v = find(key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        fail(field(key), QStringLiteral("must be true or false, got %1").arg(typeName(*v)));
    return v->get<bool>();
}

const JsonObjectReader::json& JsonObjectReader::list(const char* key)
{
    static const json empty = json::array();
    const json* v = find(key);
    if (!v)
        return empty;
    if (!v->is_array())
        fail(field(key), QStringLiteral("must be a list, got %1").arg(typeName(*v)));
    return *v;
}

int JsonObjectReader::toInt(const json& v, const QString& where) const
{
    if (!v.is_number())
        fail(where, QStringLiteral("must be a whole number, got %1").arg(typeName(v)));
    const double d = v.get<double>();
    if (d != std::floor(d))
        fail(where, QStringLiteral("must be a whole number, got %1").arg(d));
    if (d < INT_MIN || d > INT_MAX)
        fail(where, QStringLiteral("%1 is out of range").arg(d));
    return static_cast<int>(d);
}

void JsonObjectReader::finish() const
{
    QStringList known;
    for (const std::string& key : m_known)
        known << QString::fromStdString(key);
    for (const auto& [key, value] : m_object.items())
        if (!m_known.count(key)) {
            const auto meant = nearestWord(QString::fromStdString(key), known);
            fail(field(key.c_str()), meant ? QStringLiteral("unknown key; did you mean '%1'?").arg(*meant)
                                           : QStringLiteral("unknown key (a typo, or a file from a newer "
                                                            "Seedscape?)"));
        }
}

QString JsonObjectReader::typeName(const json& value)
{
    if (value.is_boolean())
        return QStringLiteral("true/false");
    if (value.is_number())
        return QStringLiteral("a number");
    if (value.is_string())
        return QStringLiteral("a string");
    if (value.is_array())
        return QStringLiteral("a list");
    if (value.is_object())
        return QStringLiteral("an object");
    return QStringLiteral("null");
}

QString JsonObjectReader::excerpt(const QString& text)
{
    return InputError::excerpt(text);
}

QString JsonObjectReader::quoted(const QStringList& words)
{
    return QLatin1Char('"') + words.join(QStringLiteral("\", \"")) + QLatin1Char('"');
}

} // namespace seedscape
