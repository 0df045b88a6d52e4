#include "datatable.h"

#include "experiment/experimentnames.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace seedscape {

namespace {

using nlohmann::json;

bool isNumber(const QVariant& v)
{
    const int type = v.metaType().id();
    return type == QMetaType::Double || type == QMetaType::Int || type == QMetaType::LongLong ||
           type == QMetaType::ULongLong || type == QMetaType::UInt;
}

QString csvField(const QVariant& v)
{
    if (v.metaType().id() == QMetaType::Double) {
        const double d = v.toDouble();
        return std::isfinite(d) ? QString::number(d, 'g', 17) : QString();
    }
    if (isNumber(v))
        return v.toString();
    QString text = v.toString();
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))) {
        text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

json jsonValue(const QVariant& v)
{
    switch (v.metaType().id()) {
    case QMetaType::Double: {
        const double d = v.toDouble();
        return std::isfinite(d) ? json(d) : json(nullptr);
    }
    case QMetaType::Int:
    case QMetaType::LongLong:
        return json(v.toLongLong());
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return json(v.toULongLong());
    default:
        return json(v.toString().toStdString());
    }
}

QString kindWord(ScatterData::Kind kind)
{
    switch (kind) {
    case ScatterData::Kind::Seed:
        return QStringLiteral("seed");
    case ScatterData::Kind::KEnsemble:
        return QStringLiteral("k_ensemble");
    case ScatterData::Kind::FullEnsemble:
        return QStringLiteral("full_ensemble");
    }
    return {};
}

QString seedWords(const std::vector<quint64>& seeds)
{
    QStringList words;
    for (quint64 s : seeds)
        words << QString::number(s);
    return words.join(QLatin1Char(' '));
}

} // namespace

QByteArray DataTable::toCsv() const
{
    QStringList lines;
    QStringList header;
    for (const QString& c : columns)
        header << csvField(c);
    lines << header.join(QLatin1Char(','));
    for (const auto& row : rows) {
        QStringList fields;
        for (const QVariant& cell : row)
            fields << csvField(cell);
        lines << fields.join(QLatin1Char(','));
    }
    return (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
}

QByteArray DataTable::toJson() const
{
    json array = json::array();
    for (const auto& row : rows) {
        json object = json::object();
        for (size_t c = 0; c < row.size() && c < static_cast<size_t>(columns.size()); ++c)
            object[columns[static_cast<int>(c)].toStdString()] = jsonValue(row[c]);
        array.push_back(std::move(object));
    }
    return QByteArray::fromStdString(array.dump(2) + "\n");
}

QByteArray DataTable::encodeFor(const QString& path) const
{
    return path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive) ? toJson() : toCsv();
}

DataTable DataTable::scatter(const ScatterData& data)
{
    DataTable t;
    t.columns = {QStringLiteral("experiment"), QStringLiteral("metric"),     QStringLiteral("kind"),
                 QStringLiteral("seeds"),      QStringLiteral("validation"), QStringLiteral("test")};
    for (const ScatterData::Series& s : data.series)
        for (const ScatterData::Point& p : s.points)
            t.rows.push_back({s.experiment, names::metric(data.metric), kindWord(p.kind), seedWords(p.seeds),
                              p.validation, p.test});
    return t;
}

DataTable DataTable::spread(const std::vector<ExperimentStatistics>& experiments)
{
    DataTable t;
    t.columns = {QStringLiteral("experiment"),
                 QStringLiteral("metric"),
                 QStringLiteral("seed"),
                 QStringLiteral("validation"),
                 QStringLiteral("test"),
                 QStringLiteral("validation_mean"),
                 QStringLiteral("validation_ci95_low"),
                 QStringLiteral("validation_ci95_high"),
                 QStringLiteral("ensemble_validation"),
                 QStringLiteral("ensemble_test")};
    for (const ExperimentStatistics& e : experiments)
        for (const ExperimentStatistics::SeedScore& s : e.seeds)
            t.rows.push_back({e.name, names::metric(e.metric), QVariant::fromValue<qulonglong>(s.seed),
                              s.validation, s.test, e.validation.mean, e.validation.ciLow,
                              e.validation.ciHigh, e.ensembleValidation, e.ensembleTest});
    return t;
}

DataTable DataTable::ensembleSize(const std::vector<ExperimentStatistics>& experiments)
{
    DataTable t;
    t.columns = {
        QStringLiteral("experiment"),     QStringLiteral("metric"),         QStringLiteral("k"),
        QStringLiteral("ensembles"),      QStringLiteral("exhaustive"),     QStringLiteral("validation_mean"),
        QStringLiteral("validation_min"), QStringLiteral("validation_max"), QStringLiteral("test_mean"),
        QStringLiteral("test_min"),       QStringLiteral("test_max")};
    for (const ExperimentStatistics& e : experiments)
        for (const EnsembleScorer::SizeSummary& s : e.sizeCurve)
            t.rows.push_back({e.name, names::metric(e.metric), s.k, s.count,
                              s.exhaustive ? QStringLiteral("true") : QStringLiteral("false"),
                              s.validationMean, s.validationMin, s.validationMax, s.testMean, s.testMin,
                              s.testMax});
    return t;
}

DataTable DataTable::learningCurves(const QString& experiment, const std::vector<std::vector<double>>& curves)
{
    DataTable t;
    t.columns = {QStringLiteral("experiment"), QStringLiteral("seed_index"), QStringLiteral("epoch"),
                 QStringLiteral("validation")};
    for (size_t s = 0; s < curves.size(); ++s)
        for (size_t e = 0; e < curves[s].size(); ++e)
            t.rows.push_back({experiment, static_cast<int>(s + 1), static_cast<int>(e + 1), curves[s][e]});
    return t;
}

DataTable DataTable::statistics(const std::vector<ExperimentStatistics>& experiments)
{
    DataTable t;
    t.columns = {QStringLiteral("experiment"),
                 QStringLiteral("task"),
                 QStringLiteral("metric"),
                 QStringLiteral("seeds"),
                 QStringLiteral("failed_seeds"),
                 QStringLiteral("validation_mean"),
                 QStringLiteral("validation_std"),
                 QStringLiteral("validation_ci95_low"),
                 QStringLiteral("validation_ci95_high"),
                 QStringLiteral("validation_min"),
                 QStringLiteral("validation_max"),
                 QStringLiteral("validation_range"),
                 QStringLiteral("validation_iqm"),
                 QStringLiteral("test_mean"),
                 QStringLiteral("test_std"),
                 QStringLiteral("test_ci95_low"),
                 QStringLiteral("test_ci95_high"),
                 QStringLiteral("test_min"),
                 QStringLiteral("test_max"),
                 QStringLiteral("ensemble_validation"),
                 QStringLiteral("ensemble_test"),
                 QStringLiteral("ensemble_gain_validation"),
                 QStringLiteral("ensemble_gain_test"),
                 QStringLiteral("k"),
                 QStringLiteral("k_ensemble_validation_mean"),
                 QStringLiteral("k_ensemble_test_mean"),
                 QStringLiteral("pearson_validation_test")};
    for (const ExperimentStatistics& e : experiments) {
        const EnsembleScorer::SizeSummary* k = e.kSummaries.empty() ? nullptr : &e.kSummaries.front();
        const double nan = std::nan("");
        t.rows.push_back({e.name,
                          names::task(e.task),
                          names::metric(e.metric),
                          e.seedCount(),
                          e.failedSeeds,
                          e.validation.mean,
                          e.validation.std,
                          e.validation.ciLow,
                          e.validation.ciHigh,
                          e.validation.min,
                          e.validation.max,
                          e.validation.range,
                          e.validation.iqm,
                          e.test.mean,
                          e.test.std,
                          e.test.ciLow,
                          e.test.ciHigh,
                          e.test.min,
                          e.test.max,
                          e.ensembleValidation,
                          e.ensembleTest,
                          e.gainValidation,
                          e.gainTest,
                          k ? QVariant(k->k) : QVariant(nan),
                          k && k->count > 0 ? k->validationMean : nan,
                          k && k->count > 0 ? k->testMean : nan,
                          e.validationTest.pearson});
    }
    return t;
}

} // namespace seedscape
