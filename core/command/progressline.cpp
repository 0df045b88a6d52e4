#include "progressline.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <cstring>

namespace seedscape {

namespace {

using nlohmann::json;

// A key's value when it is there: a number (whole for the counts); a problem when it is not one.
template <typename Value>
bool readKey(const json& object, const char* key, std::optional<Value>& out, QString* problem)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return true;
    if (!it->is_number()) {
        *problem = QStringLiteral("\"%1\" must be a number").arg(QLatin1String(key));
        return false;
    }
    const double v = it->get<double>();
    if constexpr (std::is_same_v<Value, int>) {
        if (v != std::floor(v) || v < 0 || v > INT_MAX) {
            *problem = QStringLiteral("\"%1\" must be a whole number of 0 or more").arg(QLatin1String(key));
            return false;
        }
        out = static_cast<int>(v);
    } else {
        out = v;
    }
    return true;
}

} // namespace

bool ProgressLine::isProgressLine(const QByteArray& line)
{
    const size_t n = std::strlen(kPrefix);
    return line.startsWith(kPrefix) &&
           (line.size() == static_cast<qsizetype>(n) || line.at(n) == ' ' || line.at(n) == '\t');
}

qsizetype ProgressLine::find(const QByteArray& line)
{
    if (isProgressLine(line))
        return 0;
    for (qsizetype at = line.indexOf(kPrefix); at > 0; at = line.indexOf(kPrefix, at + 1)) {
        const char before = line.at(at - 1);
        const QByteArray rest = line.mid(at);
        // Elsewhere in a line, only a report with its object: "see @seedscape lines" is none.
        if (QByteArrayLiteral("\r \t:]").contains(before) && isProgressLine(rest) &&
            rest.mid(static_cast<qsizetype>(std::strlen(kPrefix))).trimmed().startsWith('{'))
            return at;
    }
    return -1;
}

std::optional<ProgressLine> ProgressLine::parse(const QByteArray& line, QString* problem)
{
    QByteArray text = line.mid(static_cast<qsizetype>(std::strlen(kPrefix))).trimmed();
    // Python's json.dumps writes NaN and Infinity, which JSON lacks: read them as "no value".
    text.replace("-Infinity", "null").replace("Infinity", "null").replace("NaN", "null");
    const json object = json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
        *problem = QStringLiteral("not a JSON object after %1").arg(QLatin1String(kPrefix));
        return std::nullopt;
    }
    ProgressLine p;
    if (!readKey(object, "epoch", p.epoch, problem) || !readKey(object, "epochs", p.epochs, problem) ||
        !readKey(object, "train_loss", p.trainLoss, problem) ||
        !readKey(object, "val_score", p.validationScore, problem))
        return std::nullopt;
    // Newer than the other keys, so a program may use the name for something else: only a number
    // counts, anything else is left out rather than costing the line.
    QString ignored;
    if (!readKey(object, "test_score", p.testScore, &ignored))
        p.testScore.reset();
    return p;
}

} // namespace seedscape
