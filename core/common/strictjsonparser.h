#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace seedscape {

// Parses a user's JSON file more strictly than nlohmann::json::parse: a key given twice in one
// object and a number too large for a double (1e999) are errors, and every error is an InputError
// naming the file, the line and, where there is one, the field ("training.lr").
class StrictJsonParser
{
public:
    static nlohmann::json parse(const QByteArray& text, const QString& file);
    // nlohmann's message without its "[json.exception.parse_error.101] " tag, which helps no user.
    static QString readable(const nlohmann::json::exception& e);
};

} // namespace seedscape
