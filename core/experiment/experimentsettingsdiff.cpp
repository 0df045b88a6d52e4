#include "experimentsettingsdiff.h"

#include "common/numberformat.h"
#include "experimentwriter.h"

#include <nlohmann/json.hpp>

#include <QHash>

#include <algorithm>

namespace seedscape {

namespace {

using ordered = nlohmann::ordered_json;

struct Setting
{
    QString path;
    ordered value;
};

// Fields that say nothing about how an experiment trains: which file it is, not what it does.
bool leftOut(const QString& path)
{
    return path == QStringLiteral("name") || path == QStringLiteral("format");
}

// Free text about an experiment rather than a setting of it: shown after every setting.
bool describesExperiment(const QString& path)
{
    return path == QStringLiteral("tags") || path == QStringLiteral("notes");
}

void flatten(const ordered& value, const QString& path, std::vector<Setting>& out)
{
    if (value.is_object() && !value.empty()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            flatten(it.value(), path + QLatin1Char('.') + QString::fromStdString(it.key()), out);
        return;
    }
    out.push_back({path, value});
}

// One experiment's settings in the order its file lists them.
std::vector<Setting> settingsOf(const Experiment& experiment)
{
    const ordered root = ordered::parse(ExperimentWriter::toJson(experiment).toStdString());
    std::vector<Setting> settings;
    // The writer leaves out an auto metric; shown as "auto" so that auto against rmse reads as a
    // change of metric rather than as a missing field.
    bool metricSeen = root.contains("metric");
    const auto addAutoMetric = [&] {
        settings.push_back({QStringLiteral("metric"), "auto"});
        metricSeen = true;
    };
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (leftOut(key))
            continue;
        if (!metricSeen && key == QStringLiteral("seeds"))
            addAutoMetric(); // where the writer puts a metric it writes: before the seeds
        flatten(it.value(), key, settings);
    }
    if (!metricSeen)
        addAutoMetric();
    std::stable_partition(settings.begin(), settings.end(),
                          [](const Setting& s) { return !describesExperiment(s.path); });
    return settings;
}

// An argument as a shell would need it, so that a command line reads as the user typed it.
QString quotedArgument(const QString& argument)
{
    if (!argument.isEmpty() && !argument.contains(QLatin1Char(' ')) && !argument.contains(QLatin1Char('"')))
        return argument;
    QString escaped = argument;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString display(const QString& path, const ordered& value)
{
    switch (value.type()) {
    case ordered::value_t::string: {
        const QString text = QString::fromStdString(value.get<std::string>());
        return text.isEmpty() ? QStringLiteral("\"\"") : text; // never blank: blank would read as missing
    }
    case ordered::value_t::boolean:
        return value.get<bool>() ? QStringLiteral("yes") : QStringLiteral("no");
    case ordered::value_t::number_float:
        return formatTypedNumber(value.get<double>());
    case ordered::value_t::array: {
        if (value.empty())
            return QStringLiteral("none");
        const bool shellWords =
            path == QStringLiteral("model.command") || path == QStringLiteral("model.watch");
        QStringList parts;
        for (const ordered& element : value)
            parts << (shellWords && element.is_string()
                          ? quotedArgument(QString::fromStdString(element.get<std::string>()))
                          : display(path, element));
        return parts.join(shellWords ? QStringLiteral(" ") : QStringLiteral(", "));
    }
    case ordered::value_t::object:
        return value.empty() ? QStringLiteral("none") : QString::fromStdString(value.dump());
    default: // integers, null
        return QString::fromStdString(value.dump());
    }
}

// Every experiment's paths in one order: a path only some have goes right after the path that
// precedes it in theirs, so a command experiment's model fields stay among the model's.
QStringList mergedPaths(const std::vector<std::vector<Setting>>& perExperiment)
{
    QStringList order;
    for (const std::vector<Setting>& settings : perExperiment) {
        qsizetype next = 0;
        for (const Setting& setting : settings) {
            qsizetype at = order.indexOf(setting.path);
            if (at < 0) {
                order.insert(next, setting.path);
                at = next;
            }
            next = at + 1;
        }
    }
    std::stable_partition(order.begin(), order.end(),
                          [](const QString& p) { return !describesExperiment(p); });
    return order;
}

} // namespace

ExperimentSettingsDiff::ExperimentSettingsDiff(const std::vector<Experiment>& experiments)
    : m_experimentCount(static_cast<int>(experiments.size()))
{
    std::vector<std::vector<Setting>> perExperiment;
    std::vector<QHash<QString, const ordered*>> lookup(experiments.size());
    perExperiment.reserve(experiments.size());
    for (const Experiment& experiment : experiments)
        perExperiment.push_back(settingsOf(experiment));
    for (size_t i = 0; i < perExperiment.size(); ++i)
        for (const Setting& setting : perExperiment[i])
            lookup[i].insert(setting.path, &setting.value);

    for (const QString& path : mergedPaths(perExperiment)) {
        SettingsDiffRow row{path, labelFor(path), {}, {}, false};
        const ordered* first = lookup.empty() ? nullptr : lookup.front().value(path);
        for (const auto& values : lookup) {
            const ordered* value = values.value(path);
            row.values << (value ? display(path, *value) : kMissing);
            row.present << (value != nullptr);
            const bool same = (value == nullptr) == (first == nullptr) && (!value || *value == *first);
            row.differs = row.differs || !same;
        }
        m_rows.push_back(std::move(row));
    }
}

int ExperimentSettingsDiff::differingCount() const
{
    return static_cast<int>(
        std::count_if(m_rows.begin(), m_rows.end(), [](const SettingsDiffRow& r) { return r.differs; }));
}

QString ExperimentSettingsDiff::labelFor(const QString& path)
{
    // Mostly the experiment editor's words, so a row reads as the field the user changed there.
    static const QHash<QString, QString> labels = {
        {QStringLiteral("dataset.path"), QStringLiteral("CSV file")},
        {QStringLiteral("dataset.target"), QStringLiteral("Target")},
        {QStringLiteral("dataset.task"), QStringLiteral("Task")},
        {QStringLiteral("dataset.missing"), QStringLiteral("Missing values")},
        {QStringLiteral("dataset.split.column"), QStringLiteral("Split column")},
        {QStringLiteral("dataset.split.validation"), QStringLiteral("Validation fraction")},
        {QStringLiteral("dataset.split.test"), QStringLiteral("Test fraction")},
        {QStringLiteral("dataset.split.seed"), QStringLiteral("Split seed")},
        {QStringLiteral("model.type"), QStringLiteral("Model")},
        {QStringLiteral("model.hidden"), QStringLiteral("Hidden layers")},
        {QStringLiteral("model.activation"), QStringLiteral("Activation")},
        {QStringLiteral("model.dropout"), QStringLiteral("Dropout")},
        {QStringLiteral("model.layer_norm"), QStringLiteral("Layer norm")},
        {QStringLiteral("model.command"), QStringLiteral("Command line")},
        {QStringLiteral("model.workdir"), QStringLiteral("Working folder")},
        {QStringLiteral("model.parallel"), QStringLiteral("Seeds at once")},
        {QStringLiteral("model.timeout_minutes"), QStringLiteral("Timeout per seed (minutes)")},
        {QStringLiteral("model.watch"), QStringLiteral("Also watch")},
        {QStringLiteral("training.optimizer"), QStringLiteral("Optimizer")},
        {QStringLiteral("training.lr"), QStringLiteral("Learning rate")},
        {QStringLiteral("training.weight_decay"), QStringLiteral("Weight decay")},
        {QStringLiteral("training.momentum"), QStringLiteral("Momentum")},
        {QStringLiteral("training.batch_size"), QStringLiteral("Batch size")},
        {QStringLiteral("training.epochs"), QStringLiteral("Epochs")},
        {QStringLiteral("training.schedule"), QStringLiteral("Schedule")},
        {QStringLiteral("training.early_stopping_patience"), QStringLiteral("Early stopping patience")},
        {QStringLiteral("metric"), QStringLiteral("Metric")},
        {QStringLiteral("seeds.count"), QStringLiteral("Seeds")},
        {QStringLiteral("seeds.vary"), QStringLiteral("Seeds vary")},
        {QStringLiteral("seeds.list"), QStringLiteral("Seed list")},
        {QStringLiteral("device"), QStringLiteral("Device")},
        {QStringLiteral("tags"), QStringLiteral("Tags")},
        {QStringLiteral("notes"), QStringLiteral("Notes")},
    };
    return labels.value(path, path);
}

} // namespace seedscape
