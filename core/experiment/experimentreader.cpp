#include "experimentreader.h"

#include "common/inputerror.h"
#include "common/jsonobjectreader.h"
#include "common/seednumber.h"
#include "common/strictjsonparser.h"
#include "experimentnames.h"
#include "experimentvalidator.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <set>

namespace seedscape {

namespace {

using nlohmann::json;

void readSplit(JsonObjectReader& dataset, const json& object, SplitSpec& split, const QString& file)
{
    JsonObjectReader r(object, dataset.field("split"), file);
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

void readDataset(const json& object, DatasetSpec& d, const QString& file)
{
    JsonObjectReader r(object, QStringLiteral("dataset"), file);
    d.path = r.text("path", {}, true);
    d.target = r.text("target", {}, true);
    d.task = r.word("task", d.task, names::parseTask, names::tasks());
    d.missing = r.word("missing", d.missing, names::parseMissing, names::missingPolicies());
    if (const json* split = r.find("split"))
        readSplit(r, *split, d.split, file);
    r.finish();
}

QStringList readStrings(JsonObjectReader& r, const char* key)
{
    const json& list = r.list(key);
    QStringList strings;
    for (size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string())
            r.fail(r.field(key) + QStringLiteral("[%1]").arg(i),
                   QStringLiteral("must be a string, got %1").arg(JsonObjectReader::typeName(list[i])));
        strings << QString::fromStdString(list[i].get<std::string>());
    }
    return strings;
}

void readCommand(JsonObjectReader& r, CommandSpec& c)
{
    r.find("command", true);
    c.command = readStrings(r, "command");
    if (r.find("watch"))
        c.watch = readStrings(r, "watch");
    c.workdir = r.text("workdir", c.workdir);
    c.parallel = r.integer("parallel", c.parallel);
    c.timeoutMinutes = r.number("timeout_minutes", c.timeoutMinutes);
}

void readModel(const json& object, ModelSpec& m, const QString& file)
{
    JsonObjectReader r(object, QStringLiteral("model"), file);
    const QString type = r.text("type", QStringLiteral("mlp"));
    if (type == QLatin1String("command"))
        m.type = ModelType::Command;
    else if (type != QLatin1String("mlp"))
        r.fail(r.field("type"), QStringLiteral("\"%1\" is not a known model; the known ones are \"mlp\" and "
                                               "\"command\"")
                                    .arg(JsonObjectReader::excerpt(type)));
    // The keys of the other kind of model are errors that say so, not just unknown keys.
    const std::vector<const char*> mlpKeys{"hidden", "activation", "dropout", "layer_norm"};
    const std::vector<const char*> commandKeys{"command", "workdir", "parallel", "timeout_minutes", "watch"};
    for (const char* key : m.type == ModelType::Command ? mlpKeys : commandKeys)
        if (object.contains(key))
            r.fail(r.field(key), m.type == ModelType::Command
                                     ? QStringLiteral("does not apply to a command model: your program "
                                                      "defines the model")
                                     : QStringLiteral("applies only to \"type\": \"command\""));
    if (m.type == ModelType::Command) {
        readCommand(r, m.command);
        r.finish();
        return;
    }
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
    JsonObjectReader r(object, QStringLiteral("training"), file);
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

// seeds.vary: which sources of randomness follow the seed; each named once.
void readVary(JsonObjectReader& r, SeedSpec& s)
{
    s.varyInit = s.varyOrder = s.varyDropout = false;
    std::set<std::string> seen;
    for (const json& source : r.list("vary")) {
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
                                ? QLatin1Char('"') + JsonObjectReader::excerpt(QString::fromStdString(word)) +
                                      QLatin1Char('"')
                                : JsonObjectReader::typeName(source),
                            JsonObjectReader::quoted(names::randomnessSources())));
        if (!seen.insert(word).second)
            r.fail(r.field("vary"), QStringLiteral("lists \"%1\" twice").arg(QString::fromStdString(word)));
    }
}

void readSeeds(const json& object, SeedSpec& s, const QString& file)
{
    JsonObjectReader r(object, QStringLiteral("seeds"), file);
    s.count = r.integer("count", s.count);
    if (r.find("vary"))
        readVary(r, s);
    const json& list = r.list("list");
    for (size_t i = 0; i < list.size(); ++i) {
        const std::optional<quint64> seed = SeedNumber::fromJson(list[i]);
        if (!seed)
            r.fail(r.field("list") + QStringLiteral("[%1]").arg(i), SeedNumber::rule());
        s.list.push_back(*seed);
    }
    r.finish();
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
    // Duplicate keys, numbers beyond a double and UTF-16 files are errors naming line and field.
    const json root = StrictJsonParser::parse(text, file);

    Experiment e;
    JsonObjectReader r(root, {}, file);
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
    readDataset(*r.find("dataset", true), e.dataset, file);
    if (const json* model = r.find("model"))
        readModel(*model, e.model, file);
    if (const json* training = r.find("training")) {
        if (e.isCommand())
            r.fail(QStringLiteral("training"),
                   QStringLiteral("does not apply to a command experiment: your program trains the model "
                                  "(give its settings as arguments in model.command)"));
        readTraining(*training, e.training, file);
    }
    e.metric = r.word("metric", e.metric, names::parseMetric, names::metrics());
    if (const json* seeds = r.find("seeds")) {
        if (e.isCommand() && seeds->is_object() && seeds->contains("vary"))
            r.fail(QStringLiteral("seeds.vary"),
                   QStringLiteral("does not apply to a command experiment: your program gets one seed "
                                  "(SEEDSCAPE_SEED) and decides what it seeds"));
        readSeeds(*seeds, e.seeds, file);
    }
    if (e.isCommand() && r.find("device"))
        r.fail(QStringLiteral("device"),
               QStringLiteral("does not apply to a command experiment: your program chooses where it trains "
                              "(give the device as an argument in model.command)"));
    e.device = r.word("device", e.device, DeviceSpec::parse, DeviceSpec::words());
    const json& tags = r.list("tags");
    for (size_t i = 0; i < tags.size(); ++i) {
        if (!tags[i].is_string())
            r.fail(r.field("tags") + QStringLiteral("[%1]").arg(i),
                   QStringLiteral("must be a string, got %1").arg(JsonObjectReader::typeName(tags[i])));
        e.tags.push_back(QString::fromStdString(tags[i].get<std::string>()));
    }
    e.notes = r.text("notes", {});
    r.finish();

    const std::vector<FieldProblem> problems = ExperimentValidator::validate(e);
    if (!problems.empty())
        throw InputError({file, 0, {}, problems.front().field}, problems.front().message);
    return e;
}

} // namespace seedscape
