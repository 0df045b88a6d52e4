#include "labelsfile.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "experiment/experimentnames.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace seedscape {

QString LabelsFile::fileName()
{
    return QStringLiteral("labels.json");
}

bool LabelsFile::exists(const QString& folder)
{
    return QFileInfo::exists(folder + QLatin1Char('/') + fileName());
}

void LabelsFile::write(const ExperimentLabels& labels, const QString& folder)
{
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    root["format"] = 1;
    root["task"] = names::task(labels.task).toStdString();
    root["metric"] = names::metric(labels.metric).toStdString();
    nlohmann::ordered_json classes = nlohmann::ordered_json::array();
    for (const QString& c : labels.classNames)
        classes.push_back(c.toStdString());
    root["classes"] = classes;
    root["val"] = labels.validation;
    root["test"] = labels.test;
    AtomicFile::write(folder + QLatin1Char('/') + fileName(), QByteArray::fromStdString(root.dump() + "\n"));
}

ExperimentLabels LabelsFile::read(const QString& folder)
{
    const QString path = folder + QLatin1Char('/') + fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError({path}, QStringLiteral("cannot open: %1").arg(file.errorString()));
    ExperimentLabels labels;
    try {
        const auto root = nlohmann::json::parse(file.readAll().toStdString());
        if (root.at("format").get<int>() > 1)
            throw InputError({path, 0, {}, QStringLiteral("format")},
                             QStringLiteral("written by a newer Seedscape"));
        const auto task = names::parseTask(QString::fromStdString(root.at("task").get<std::string>()));
        const auto metric = names::parseMetric(QString::fromStdString(root.at("metric").get<std::string>()));
        if (!task || *task == Task::Auto)
            throw InputError({path, 0, {}, QStringLiteral("task")}, QStringLiteral("unknown task"));
        if (!metric)
            throw InputError({path, 0, {}, QStringLiteral("metric")}, QStringLiteral("unknown metric"));
        labels.task = *task;
        labels.metric = *metric;
        for (const auto& c : root.at("classes"))
            labels.classNames << QString::fromStdString(c.get<std::string>());
        labels.validation = root.at("val").get<std::vector<double>>();
        labels.test = root.at("test").get<std::vector<double>>();
    } catch (const nlohmann::json::exception& e) {
        throw InputError({path},
                         QStringLiteral("not a valid labels file: %1").arg(QString::fromUtf8(e.what())));
    }
    return labels;
}

} // namespace seedscape
