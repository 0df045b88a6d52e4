#include "experimentreader.h"

#include "common/inputerror.h"
#include "common/seednumber.h"
#include "experimentnames.h"
#include "experimentvalidator.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <set>

namespace seedscape {

namespace {

using nlohmann::json;

QString typeName(const json& value)
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

QString quoted(const QStringList& words)
{
    return QLatin1Char('"') + words.join(QStringLiteral("\", \"")) + QLatin1Char('"');
}

// Walks one JSON object, reading known keys with strict types and refusing any key left over.
class ObjectReader
{
public:
    ObjectReader(const json& object, QString path, QString file)
        : m_object(object), m_path(std::move(path)), m_file(std::move(file))
    {
        if (!object.is_object())
            fail(m_path, QStringLiteral("must be an object, got %1").arg(typeName(object)));
    }

    [[noreturn]] void fail(const QString& field, const QString& problem) const
    {
        throw InputError({m_file, 0, {}, field}, problem);
    }

    QString field(const char* key) const
    {
        return m_path.isEmpty() ? QString::fromLatin1(key)
                                : m_path + QLatin1Char('.') + QString::fromLatin1(key);
    }

    const json* find(const char* key, bool required = false)
    {
        m_known.insert(key);
        const auto it = m_object.find(key);
        if (it == m_object.end()) {
            if (required)
                fail(field(key), QStringLiteral("is required"));
            return nullptr;
        }
        return &*it;
    }

    QString text(const char* key, const QString& fallback, bool required = false)
    {
        const json* v = find(key, required);
        if (!v)
            return fallback;
        if (!v->is_string())
            fail(field(key), QStringLiteral("must be a string, got %1").arg(typeName(*v)));
        return QString::fromStdString(v->get<std::string>());
    }

    template <typename Enum>
    Enum word(const char* key, Enum fallback, std::optional<Enum> (*parse)(const QString&),
              const QStringList& allowed)
    {
        if (!find(key))
            return fallback;
        const QString w = text(key, {});
        const auto value = parse(w);
        if (!value)
            fail(field(key), QStringLiteral("\"%1\" is not one of %2").arg(w, quoted(allowed)));
        return *value;
    }

    double number(const char* key, double fallback)
    {
        const json* v = find(key);
        if (!v)
            return fallback;
        if (!v->is_number())
            fail(field(key), QStringLiteral("must be a number, got %1").arg(typeName(*v)));
        return v->get<double>();
    }

    int integer(const char* key, int fallback)
    {
        const json* v = find(key);
        return v ? toInt(*v, field(key)) : fallback;
    }

    int toInt(const json& v, const QString& where) const
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

    bool boolean(const char* key, bool fallback)
    {
        const json* v = find(key);
        if (!v)
            return fallback;
        if (!v->is_boolean())
            fail(field(key), QStringLiteral("must be true or false, got %1").arg(typeName(*v)));
        return v->get<bool>();
    }

    const json& list(const char* key)
    {
        static const json empty = json::array();
        const json* v = find(key);
        if (!v)
            return empty;
        if (!v->is_array())
            fail(field(key), QStringLiteral("must be a list, got %1").arg(typeName(*v)));
        return *v;
    }

    void finish() const
    {
        for (const auto& [key, value] : m_object.items())
            if (!m_known.count(key))
                fail(field(key.c_str()),
                     QStringLiteral("unknown key (a typo, or a file from a newer Seedscape?)"));
    }

private:
    const json& m_object;
    QString m_path;
    QString m_file;
    std::set<std::string> m_known;
};

void readSplit(ObjectReader& dataset, const json& object, SplitSpec& split, const QString& file)
{
    ObjectReader r(object, dataset.field("split"), file);
    split.column = r.text("column", {});
    if (r.find("column") && split.column.trimmed().isEmpty())
        r.fail(r.field("column"), QStringLiteral("must name a column"));
    const bool fractions = r.find("validation") || r.find("test") || r.find("seed");
    if (split.usesColumn() && fractions)
        r.fail(r.field("column"),
               QStringLiteral("a split column replaces validation, test and seed; give one or the other"));
    split.validation = r.number("validation", split.validation);
    split.test = r.number("test", split.test);
    if (const json* seed = r.find("seed")) {
        const std::optional<quint64> value = SeedNumber::fromJson(*seed);
        if (!value)
            r.fail(r.field("seed"), QStringLiteral("must be a whole number of 0 or more"));
        split.seed = *value;
    }
    r.finish();
}

void readDataset(ObjectReader& top, const json& object, DatasetSpec& d, const QString& file)
{
    ObjectReader r(object, QStringLiteral("dataset"), file);
    d.path = r.text("path", {}, true);
    d.target = r.text("target", {}, true);
    d.task = r.word("task", d.task, names::parseTask, names::tasks());
    d.missing = r.word("missing", d.missing, names::parseMissing, names::missingPolicies());
    if (const json* split = r.find("split"))
        readSplit(r, *split, d.split, file);
    r.finish();
    Q_UNUSED(top);
}

void readModel(const json& object, ModelSpec& m, const QString& file)
{
    ObjectReader r(object, QStringLiteral("model"), file);
    const QString type = r.text("type", QStringLiteral("mlp"));
    if (type != QLatin1String("mlp"))
        r.fail(r.field("type"),
               QStringLiteral("\"%1\" is not a known model; the known one is \"mlp\"").arg(type));
    if (r.find("hidden")) {
        m.hidden.clear();
        const json& hidden = r.list("hidden");
        for (size_t i = 0; i < hidden.size(); ++i)
            m.hidden.push_back(r.toInt(hidden[i], r.field("hidden") + QStringLiteral("[%1]").arg(i)));
    }
    m.activation = r.word("activation", m.activation, names::parseActivation, names::activations());
    m.dropout = r.number("dropout", m.dropout);
    m.layerNorm = r.boolean("layer_norm", m.layerNorm);
    r.finish();
}

void readTraining(const json& object, TrainingSpec& t, const QString& file)
{
    ObjectReader r(object, QStringLiteral("training"), file);
    t.optimizer = r.word("optimizer", t.optimizer, names::parseOptimizer, names::optimizers());
    t.lr = r.number("lr", t.lr);
    t.weightDecay = r.number("weight_decay", t.weightDecay);
    t.momentum = r.number("momentum", t.momentum);
    t.batchSize = r.integer("batch_size", t.batchSize);
    t.epochs = r.integer("epochs", t.epochs);
    t.schedule = r.word("schedule", t.schedule, names::parseSchedule, names::schedules());
    t.earlyStoppingPatience = r.integer("early_stopping_patience", t.earlyStoppingPatience);
    r.finish();
}

void readSeeds(const json& object, SeedSpec& s, const QString& file)
{
    ObjectReader r(object, QStringLiteral("seeds"), file);
    s.count = r.integer("count", s.count);
    if (r.find("vary")) {
        s.varyInit = s.varyOrder = s.varyDropout = false;
        const json& vary = r.list("vary");
        std::set<std::string> seen;
        for (const json& source : vary) {
            const std::string word = source.is_string() ? source.get<std::string>() : std::string();
            if (word == "init")
                s.varyInit = true;
            else if (word == "order")
                s.varyOrder = true;
            else if (word == "dropout")
                s.varyDropout = true;
            else
                r.fail(r.field("vary"),
                       QStringLiteral("%1 is not one of %2")
                           .arg(source.is_string()
                                    ? QLatin1Char('"') + QString::fromStdString(word) + QLatin1Char('"')
                                    : typeName(source),
                                quoted(names::randomnessSources())));
            if (!seen.insert(word).second)
                r.fail(r.field("vary"),
                       QStringLiteral("lists \"%1\" twice").arg(QString::fromStdString(word)));
        }
    }
    const json& list = r.list("list");
    for (size_t i = 0; i < list.size(); ++i) {
        const std::optional<quint64> seed = SeedNumber::fromJson(list[i]);
        if (!seed)
            r.fail(r.field("list") + QStringLiteral("[%1]").arg(i), SeedNumber::rule());
        s.list.push_back(*seed);
    }
    r.finish();
}

int lineOfByte(const QByteArray& text, size_t byte)
{
    const qsizetype end = std::min<qsizetype>(static_cast<qsizetype>(byte), text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + end, '\n'));
}

} // namespace

Experiment ExperimentReader::readFile(const QString& path)
{
    if (!QFileInfo(path).isFile())
        throw InputError({path}, QStringLiteral("file not found"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError({path}, QStringLiteral("cannot open: %1").arg(file.errorString()));
    return fromJson(file.readAll(), path);
}

Experiment ExperimentReader::fromJson(const QByteArray& text, const QString& file)
{
    json root;
    try {
        root = json::parse(text.constBegin(), text.constEnd());
    } catch (const json::parse_error& e) {
        throw InputError({file, lineOfByte(text, e.byte)},
                         QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(e.what())));
    }

    Experiment e;
    ObjectReader r(root, {}, file);
    const json* format = r.find("format", true);
    const int version = r.toInt(*format, QStringLiteral("format"));
    if (version > Experiment::kFormat)
        r.fail(QStringLiteral("format"),
               QStringLiteral("format %1 is newer than this Seedscape reads (%2); update Seedscape")
                   .arg(version)
                   .arg(Experiment::kFormat));
    if (version < 1)
        r.fail(QStringLiteral("format"), QStringLiteral("%1 is not a known format").arg(version));

    e.name = r.text("name", {}, true);
    readDataset(r, *r.find("dataset", true), e.dataset, file);
    if (const json* model = r.find("model"))
        readModel(*model, e.model, file);
    if (const json* training = r.find("training"))
        readTraining(*training, e.training, file);
    e.metric = r.word("metric", e.metric, names::parseMetric, names::metrics());
    if (const json* seeds = r.find("seeds"))
        readSeeds(*seeds, e.seeds, file);
    e.device = r.word("device", e.device, names::parseDevice, names::devices());
    r.finish();

    const std::vector<FieldProblem> problems = ExperimentValidator::validate(e);
    if (!problems.empty())
        throw InputError({file, 0, {}, problems.front().field}, problems.front().message);
    return e;
}

} // namespace seedscape
