#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <set>
#include <string>

namespace seedscape {

// Walks one JSON object of a user's file, reading known keys with strict types and refusing any
// key left over. Every problem throws InputError naming the file and the field's dotted path.
class JsonObjectReader
{
public:
    using json = nlohmann::json;

    // path is the object's dotted path in the file, empty for the top level.
    JsonObjectReader(const json& object, QString path, QString file);

    [[noreturn]] void fail(const QString& field, const QString& problem) const;
    // key's dotted path, as messages name it: "training.lr".
    QString field(const char* key) const;

    // Marks key as known; nullptr when it is absent and not required.
    const json* find(const char* key, bool required = false);
    QString text(const char* key, const QString& fallback, bool required = false);
    // A string that parse turns into an enum value; allowed lists the words for the message.
    template <typename Enum>
    Enum word(const char* key, Enum fallback, std::optional<Enum> (*parse)(const QString&),
              const QStringList& allowed)
    {
        if (!find(key))
            return fallback;
        const QString w = text(key, {});
        const auto value = parse(w);
        if (!value)
            fail(field(key), QStringLiteral("\"%1\" is not one of %2").arg(excerpt(w), quoted(allowed)));
        return *value;
    }
    double number(const char* key, double fallback);
    int integer(const char* key, int fallback);
    bool boolean(const char* key, bool fallback);
    // An empty list when the key is absent.
    const json& list(const char* key);
    // A whole number that fits an int; where names it in messages.
    int toInt(const json& value, const QString& where) const;
    // Fails on the first key that no read asked for.
    void finish() const;

    // A user's text as messages quote it: cut to about 80 characters.
    static QString excerpt(const QString& text);
    // How messages name a value's type: "a number", "a list", …
    static QString typeName(const json& value);
    // "a", "b", "c" with the quotes.
    static QString quoted(const QStringList& words);

private:
    const json& m_object;
    QString m_path;
    QString m_file;
    std::set<std::string> m_known;
};

} // namespace seedscape
