#include "seedresultfile.h"

#include "common/atomicfile.h"
#include "common/fnv1a.h"
#include "common/inputerror.h"
#include "common/strictjsonparser.h"
#include "experiment/experimentnames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace seedscape {

namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

QByteArray packDoubles(const std::vector<double>& a, const std::vector<double>& b)
{
    QByteArray bytes(static_cast<qsizetype>((a.size() + b.size()) * sizeof(double)), Qt::Uninitialized);
    char* out = bytes.data();
    for (const auto* values : {&a, &b})
        for (double v : *values) {
            quint64 bits;
            std::memcpy(&bits, &v, sizeof bits);
            qToLittleEndian(bits, out);
            out += sizeof bits;
        }
    return bytes;
}

std::vector<double> unpackDoubles(const QByteArray& bytes, size_t offset, size_t count)
{
    std::vector<double> values(count);
    const char* in = bytes.constData() + offset * sizeof(double);
    for (size_t i = 0; i < count; ++i) {
        const quint64 bits = qFromLittleEndian<quint64>(in + i * sizeof(double));
        std::memcpy(&values[i], &bits, sizeof bits);
    }
    return values;
}

// JSON has no NaN: an undefined score is stored as null.
ordered numberOrNull(double v)
{
    return std::isfinite(v) ? ordered(v) : ordered(nullptr);
}

QString statusName(SeedStatus s)
{
    return s == SeedStatus::Finished ? QStringLiteral("finished")
           : s == SeedStatus::Failed ? QStringLiteral("failed")
                                     : QStringLiteral("cancelled");
}

json parseRecord(const QString& jsonPath)
{
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError({jsonPath}, QStringLiteral("cannot open: %1").arg(file.errorString()));
    try {
        return json::parse(file.readAll().toStdString());
    } catch (const json::exception& e) {
        throw InputError({jsonPath},
                         QStringLiteral("not a valid seed record: %1").arg(StrictJsonParser::readable(e)));
    }
}

// A seed record's fields, read strictly: a missing field or one of the wrong type makes the seed
// damaged, named by its field, never a silent default or null.
class RecordReader
{
public:
    RecordReader(const json& root, const QString& path) : m_root(root), m_path(path) {}

    [[noreturn]] void fail(const QString& field, const QString& problem) const
    {
        throw InputError({m_path, 0, {}, field}, problem);
    }

    // A dotted path such as "curve.train_loss".
    const json& at(const char* field) const
    {
        const json* value = &m_root;
        QString walked;
        for (const QString& key : QString::fromLatin1(field).split(QLatin1Char('.'))) {
            if (!value->is_object())
                fail(walked.isEmpty() ? QStringLiteral("(record)") : walked,
                     QStringLiteral("must be an object"));
            walked += (walked.isEmpty() ? QString() : QStringLiteral(".")) + key;
            const auto found = value->find(key.toStdString());
            if (found == value->end())
                fail(walked, QStringLiteral("missing"));
            value = &*found;
        }
        return *value;
    }

    QString typeName(const json& v) const { return QString::fromLatin1(v.type_name()); }

    quint64 unsignedNumber(const char* field) const
    {
        const json& v = at(field);
        if (!v.is_number_unsigned())
            fail(QString::fromLatin1(field),
                 QStringLiteral("must be a whole number of 0 or more, got %1").arg(typeName(v)));
        return v.get<quint64>();
    }

    int count(const char* field) const
    {
        const quint64 v = unsignedNumber(field);
        if (v > static_cast<quint64>(std::numeric_limits<int>::max()))
            fail(QString::fromLatin1(field), QStringLiteral("%1 is too large").arg(v));
        return static_cast<int>(v);
    }

    // A finite number, or null for an undefined one (JSON has no NaN).
    double numberOrNull(const json& v, const QString& field) const
    {
        if (v.is_null())
            return std::nan("");
        if (!v.is_number())
            fail(field, QStringLiteral("must be a number or null, got %1").arg(typeName(v)));
        return v.get<double>();
    }

    double number(const char* field) const
    {
        const json& v = at(field);
        if (!v.is_number())
            fail(QString::fromLatin1(field), QStringLiteral("must be a number, got %1").arg(typeName(v)));
        return v.get<double>();
    }

    std::vector<double> numbers(const char* field) const
    {
        const json& v = at(field);
        if (!v.is_array())
            fail(QString::fromLatin1(field),
                 QStringLiteral("must be a list of numbers, got %1").arg(typeName(v)));
        std::vector<double> values;
        for (size_t i = 0; i < v.size(); ++i)
            values.push_back(
                numberOrNull(v[i], QStringLiteral("%1[%2]").arg(QString::fromLatin1(field)).arg(i)));
        return values;
    }

    QString text(const char* field) const
    {
        const json& v = at(field);
        if (!v.is_string())
            fail(QString::fromLatin1(field), QStringLiteral("must be text, got %1").arg(typeName(v)));
        return QString::fromStdString(v.get<std::string>());
    }

    // An object of texts, such as program_files: {"train.py": "…"} (names may hold dots).
    QMap<QString, QString> textsByName(const char* field) const
    {
        const json& v = at(field);
        if (!v.is_object())
            fail(QString::fromLatin1(field), QStringLiteral("must be an object, got %1").arg(typeName(v)));
        QMap<QString, QString> out;
        for (const auto& [key, value] : v.items()) {
            if (!value.is_string())
                fail(QStringLiteral("%1.%2").arg(QString::fromLatin1(field), QString::fromStdString(key)),
                     QStringLiteral("must be text, got %1").arg(typeName(value)));
            out.insert(QString::fromStdString(key), QString::fromStdString(value.get<std::string>()));
        }
        return out;
    }

    QStringList texts(const char* field) const
    {
        const json& v = at(field);
        if (!v.is_array())
            fail(QString::fromLatin1(field),
                 QStringLiteral("must be a list of texts, got %1").arg(typeName(v)));
        QStringList values;
        for (size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string())
                fail(QStringLiteral("%1[%2]").arg(QString::fromLatin1(field)).arg(i),
                     QStringLiteral("must be text, got %1").arg(typeName(v[i])));
            values << QString::fromStdString(v[i].get<std::string>());
        }
        return values;
    }

    bool has(const char* key) const { return m_root.is_object() && m_root.contains(key); }

private:
    const json& m_root;
    const QString& m_path;
};

// The seed a record's file name promises: S of seed-S.json.
std::optional<quint64> seedOfFileName(const QString& jsonPath)
{
    const QString name = QFileInfo(jsonPath).fileName();
    if (!name.startsWith(QLatin1String("seed-")) || !name.endsWith(QLatin1String(".json")))
        return std::nullopt;
    bool ok = false;
    const quint64 seed = name.mid(5, name.size() - 10).toULongLong(&ok);
    return ok ? std::optional<quint64>(seed) : std::nullopt;
}

// Everything but the predictions.
void readFields(const RecordReader& record, const QString& jsonPath, SeedResult& r)
{
    if (record.unsignedNumber("format") > static_cast<quint64>(SeedResultFile::kFormat))
        record.fail(QStringLiteral("format"), QStringLiteral("written by a newer Seedscape"));
    r.seed = record.unsignedNumber("seed");
    if (seedOfFileName(jsonPath) != r.seed)
        record.fail(QStringLiteral("seed"), QStringLiteral("is %1, which does not match the file name %2")
                                                .arg(r.seed)
                                                .arg(QFileInfo(jsonPath).fileName()));
    const QString status = record.text("status");
    if (status == QLatin1String("finished"))
        r.status = SeedStatus::Finished;
    else if (status == QLatin1String("failed"))
        r.status = SeedStatus::Failed;
    else if (status == QLatin1String("cancelled"))
        r.status = SeedStatus::Cancelled;
    else
        record.fail(QStringLiteral("status"),
                    QStringLiteral("'%1' is not finished, failed or cancelled").arg(status));
    if (r.status == SeedStatus::Failed) {
        r.failureEpoch = record.count("failure.epoch");
        r.failureReason = record.text("failure.reason");
    }
    const QString metric = record.text("metric");
    if (metric == QLatin1String("auto"))
        r.metric = Metric::Auto;
    else if (const auto parsed = names::parseMetric(metric))
        r.metric = *parsed;
    else
        record.fail(QStringLiteral("metric"), QStringLiteral("unknown metric '%1'").arg(metric));
    r.validationScore = record.numberOrNull(record.at("val"), QStringLiteral("val"));
    r.testScore = record.numberOrNull(record.at("test"), QStringLiteral("test"));
    r.bestEpoch = record.count("best_epoch");
    r.epochsRun = record.count("epochs_run");
    r.trainLoss = record.numbers("curve.train_loss");
    r.validationCurve = record.numbers("curve.val_score");
    r.streams = {record.unsignedNumber("streams.init"), record.unsignedNumber("streams.order"),
                 record.unsignedNumber("streams.dropout")};
    r.durationSeconds = record.number("duration_s");
    // Empty: not known (a failure record written without one); anything else must be a date.
    const QString startedAt = record.text("started_at");
    r.startedAt = QDateTime::fromString(startedAt, Qt::ISODateWithMs);
    if (!startedAt.isEmpty() && !r.startedAt.isValid())
        record.fail(QStringLiteral("started_at"),
                    QStringLiteral("'%1' is not a date and time").arg(startedAt));
    r.experimentFingerprint = record.text("experiment_fingerprint");
    r.versions = record.text("versions");
    r.engine = record.has("engine") ? record.text("engine") : QStringLiteral("per-seed");
    if (record.has("device"))
        r.device = record.text("device");
    if (record.has("gpu"))
        r.gpu = record.text("gpu");
    if (record.has("program_files"))
        r.programFiles = ProgramFiles(record.textsByName("program_files"));
    if (record.has("group")) {
        r.group = {record.unsignedNumber("group.first_seed"), record.count("group.size"),
                   record.count("group.index")};
        if (r.group.size < 1)
            record.fail(QStringLiteral("group.size"), QStringLiteral("must be 1 or more, got 0"));
        if (r.group.index >= r.group.size)
            record.fail(QStringLiteral("group.index"),
                        QStringLiteral("is %1, outside a group of %2").arg(r.group.index).arg(r.group.size));
    }
    if (record.has("log"))
        r.logFile = QDir::cleanPath(QFileInfo(jsonPath).absoluteDir().absoluteFilePath(record.text("log")));
    if (record.has("stderr_tail"))
        r.stderrTail = record.texts("stderr_tail");
    if (record.has("warnings"))
        r.warnings = record.texts("warnings");
}

// The .bin the record's "predictions" names, checked against its size and hash.
void readPredictions(const RecordReader& record, const QString& jsonPath, SeedResult& r)
{
    const QString file = record.text("predictions.file");
    if (file != SeedResultFile::binaryName(r.seed))
        record.fail(QStringLiteral("predictions.file"),
                    QStringLiteral("names %1, not %2").arg(file, SeedResultFile::binaryName(r.seed)));
    const QString binPath = QFileInfo(jsonPath).absolutePath() + QLatin1Char('/') + file;
    QFile bin(binPath);
    if (!bin.open(QIODevice::ReadOnly))
        throw InputError({binPath}, QStringLiteral("predictions file missing"));
    const QByteArray bytes = bin.readAll();
    const QString hash = fnv1a64(bytes);
    if (static_cast<quint64>(bytes.size()) != record.unsignedNumber("predictions.bytes") ||
        hash != record.text("predictions.fnv1a64"))
        throw InputError({binPath}, QStringLiteral("predictions file damaged (size or hash differs from %1)")
                                        .arg(QFileInfo(jsonPath).fileName()));
    const size_t columns = static_cast<size_t>(r.predictionColumns);
    const size_t validationCount = static_cast<size_t>(record.count("predictions.val_rows")) * columns;
    const size_t testCount = static_cast<size_t>(record.count("predictions.test_rows")) * columns;
    if ((validationCount + testCount) * sizeof(double) != static_cast<size_t>(bytes.size()))
        throw InputError({binPath}, QStringLiteral("predictions file has the wrong size"));
    r.validationPredictions = unpackDoubles(bytes, 0, validationCount);
    r.testPredictions = unpackDoubles(bytes, validationCount, testCount);
}

} // namespace

QString SeedResultFile::jsonName(quint64 seed)
{
    return QStringLiteral("seed-%1.json").arg(seed);
}

QString SeedResultFile::binaryName(quint64 seed)
{
    return QStringLiteral("seed-%1.bin").arg(seed);
}

void SeedResultFile::write(const SeedResult& r, const QString& folder)
{
    ordered root = ordered::object();
    root["format"] = kFormat;
    root["seed"] = r.seed;
    root["status"] = statusName(r.status).toStdString();
    if (r.status == SeedStatus::Failed)
        root["failure"] = {{"epoch", r.failureEpoch}, {"reason", r.failureReason.toStdString()}};
    root["metric"] = names::metric(r.metric).toStdString();
    root["val"] = r.isFinished() ? numberOrNull(r.validationScore) : ordered(nullptr);
    root["test"] = r.isFinished() ? numberOrNull(r.testScore) : ordered(nullptr);
    root["best_epoch"] = r.bestEpoch;
    root["epochs_run"] = r.epochsRun;
    ordered loss = ordered::array(), curve = ordered::array();
    for (double v : r.trainLoss)
        loss.push_back(numberOrNull(v));
    for (double v : r.validationCurve)
        curve.push_back(numberOrNull(v));
    root["curve"] = {{"train_loss", loss}, {"val_score", curve}};
    if (r.isFinished()) {
        const QByteArray predictions = packDoubles(r.validationPredictions, r.testPredictions);
        AtomicFile::write(folder + QLatin1Char('/') + binaryName(r.seed), predictions);
        root["predictions"] = {{"file", binaryName(r.seed).toStdString()},
                               {"columns", r.predictionColumns},
                               {"val_rows", r.validationPredictions.size() / r.predictionColumns},
                               {"test_rows", r.testPredictions.size() / r.predictionColumns},
                               {"bytes", predictions.size()},
                               {"fnv1a64", fnv1a64(predictions).toStdString()}};
    }
    root["streams"] = {{"init", r.streams.init}, {"order", r.streams.order}, {"dropout", r.streams.dropout}};
    root["duration_s"] = r.durationSeconds;
    root["started_at"] = r.startedAt.toString(Qt::ISODateWithMs).toStdString();
    root["experiment_fingerprint"] = r.experimentFingerprint.toStdString();
    root["versions"] = r.versions.toStdString();
    root["engine"] = r.engine.toStdString();
    if (!r.device.isEmpty())
        root["device"] = r.device.toStdString();
    if (!r.gpu.isEmpty())
        root["gpu"] = r.gpu.toStdString();
    if (r.group.size > 0)
        root["group"] = {{"first_seed", r.group.firstSeed}, {"size", r.group.size}, {"index", r.group.index}};
    if (!r.programFiles.isEmpty()) {
        ordered files = ordered::object();
        for (auto it = r.programFiles.hashes().cbegin(); it != r.programFiles.hashes().cend(); ++it)
            files[it.key().toStdString()] = it.value().toStdString();
        root["program_files"] = files;
    }
    if (!r.logFile.isEmpty())
        root["log"] = QDir(folder).relativeFilePath(r.logFile).toStdString();
    if (!r.stderrTail.isEmpty()) {
        ordered tail = ordered::array();
        for (const QString& line : r.stderrTail)
            tail.push_back(line.toStdString());
        root["stderr_tail"] = tail;
    }
    if (!r.warnings.isEmpty()) {
        ordered warnings = ordered::array();
        for (const QString& warning : r.warnings)
            warnings.push_back(warning.toStdString());
        root["warnings"] = warnings;
    }
    AtomicFile::write(folder + QLatin1Char('/') + jsonName(r.seed),
                      QByteArray::fromStdString(root.dump(1) + "\n"));
}

SeedResult SeedResultFile::read(const QString& jsonPath, bool withPredictions)
{
    const json root = parseRecord(jsonPath);
    const RecordReader record(root, jsonPath);
    SeedResult r;
    readFields(record, jsonPath, r);
    if (r.isFinished()) {
        r.predictionColumns = record.count("predictions.columns");
        if (r.predictionColumns < 1)
            record.fail(QStringLiteral("predictions.columns"), QStringLiteral("must be 1 or more"));
        if (withPredictions)
            readPredictions(record, jsonPath, r);
    }
    return r;
}

} // namespace seedscape
