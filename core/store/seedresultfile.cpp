#include "seedresultfile.h"

#include "common/atomicfile.h"
#include "common/fnv1a.h"
#include "common/inputerror.h"
#include "experiment/experimentnames.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>

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

double numberFrom(const json& v)
{
    return v.is_number() ? v.get<double>() : std::nan("");
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
                         QStringLiteral("not a valid seed record: %1").arg(QString::fromUtf8(e.what())));
    }
}

// Everything but the predictions; a missing key or wrong type throws json::exception.
void readFields(const json& root, const QString& jsonPath, SeedResult& r)
{
    if (root.at("format").get<int>() > SeedResultFile::kFormat)
        throw InputError({jsonPath, 0, {}, QStringLiteral("format")},
                         QStringLiteral("written by a newer Seedscape"));
    r.seed = root.at("seed").get<quint64>();
    const std::string status = root.at("status").get<std::string>();
    r.status = status == "finished" ? SeedStatus::Finished
               : status == "failed" ? SeedStatus::Failed
                                    : SeedStatus::Cancelled;
    if (r.status == SeedStatus::Failed) {
        r.failureEpoch = root.at("failure").at("epoch").get<int>();
        r.failureReason = QString::fromStdString(root.at("failure").at("reason").get<std::string>());
    }
    r.metric = names::parseMetric(QString::fromStdString(root.at("metric").get<std::string>()))
                   .value_or(Metric::Auto);
    r.validationScore = numberFrom(root.at("val"));
    r.testScore = numberFrom(root.at("test"));
    r.bestEpoch = root.at("best_epoch").get<int>();
    r.epochsRun = root.at("epochs_run").get<int>();
    for (const json& v : root.at("curve").at("train_loss"))
        r.trainLoss.push_back(numberFrom(v));
    for (const json& v : root.at("curve").at("val_score"))
        r.validationCurve.push_back(numberFrom(v));
    r.streams = {root.at("streams").at("init").get<quint64>(), root.at("streams").at("order").get<quint64>(),
                 root.at("streams").at("dropout").get<quint64>()};
    r.durationSeconds = root.at("duration_s").get<double>();
    r.startedAt = QDateTime::fromString(QString::fromStdString(root.at("started_at").get<std::string>()),
                                        Qt::ISODateWithMs);
    r.experimentFingerprint = QString::fromStdString(root.at("experiment_fingerprint").get<std::string>());
    r.versions = QString::fromStdString(root.at("versions").get<std::string>());
    r.engine = QString::fromStdString(root.value("engine", std::string("per-seed")));
}

// The .bin the record's "predictions" names, checked against its size and hash.
void readPredictions(const json& p, const QString& jsonPath, SeedResult& r)
{
    const QString binPath = QFileInfo(jsonPath).absolutePath() + QLatin1Char('/') +
                            QString::fromStdString(p.at("file").get<std::string>());
    QFile bin(binPath);
    if (!bin.open(QIODevice::ReadOnly))
        throw InputError({binPath}, QStringLiteral("predictions file missing"));
    const QByteArray bytes = bin.readAll();
    const QString hash = fnv1a64(bytes);
    if (bytes.size() != p.at("bytes").get<qsizetype>() ||
        hash.toStdString() != p.at("fnv1a64").get<std::string>())
        throw InputError({binPath}, QStringLiteral("predictions file damaged (size or hash differs from %1)")
                                        .arg(QFileInfo(jsonPath).fileName()));
    const size_t columns = static_cast<size_t>(r.predictionColumns);
    const size_t validationCount = p.at("val_rows").get<size_t>() * columns;
    const size_t testCount = p.at("test_rows").get<size_t>() * columns;
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
    AtomicFile::write(folder + QLatin1Char('/') + jsonName(r.seed),
                      QByteArray::fromStdString(root.dump(1) + "\n"));
}

SeedResult SeedResultFile::read(const QString& jsonPath, bool withPredictions)
{
    const json root = parseRecord(jsonPath);
    SeedResult r;
    try {
        readFields(root, jsonPath, r);
        if (r.isFinished()) {
            const json& p = root.at("predictions");
            r.predictionColumns = p.at("columns").get<int>();
            if (withPredictions)
                readPredictions(p, jsonPath, r);
        }
    } catch (const json::exception& e) {
        throw InputError({jsonPath},
                         QStringLiteral("incomplete seed record: %1").arg(QString::fromUtf8(e.what())));
    }
    return r;
}

} // namespace seedscape
