#include "labelsfile.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "common/numberformat.h"
#include "common/strictjsonparser.h"
#include "experiment/experimentnames.h"
#include "resultstore.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cmath>
#include <tuple>

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
                         QStringLiteral("not a valid labels file: %1").arg(StrictJsonParser::readable(e)));
    }
    return labels;
}

QString LabelsFile::firstDifference(const ExperimentLabels& now, const ExperimentLabels& stored)
{
    if (now.task != stored.task)
        return QStringLiteral("its task is now %1 (was %2)")
            .arg(names::task(now.task), names::task(stored.task));
    if (now.metric != stored.metric)
        return QStringLiteral("its metric is now %1 (was %2)")
            .arg(names::metric(now.metric), names::metric(stored.metric));
    if (now.classNames != stored.classNames)
        return QStringLiteral("its classes are now %1 (were %2)")
            .arg(now.classNames.join(QStringLiteral(", ")), stored.classNames.join(QStringLiteral(", ")));
    if (now.validation.size() != stored.validation.size() || now.test.size() != stored.test.size())
        return QStringLiteral("it now has %1 validation and %2 test rows (were %3 and %4)")
            .arg(now.validation.size())
            .arg(now.test.size())
            .arg(stored.validation.size())
            .arg(stored.test.size());
    const auto shown = [&now](double v) {
        const auto index = static_cast<qsizetype>(v);
        return now.classNames.isEmpty() || index < 0 || index >= now.classNames.size()
                   ? formatTypedNumber(v)
                   : now.classNames[index];
    };
    for (const auto& [split, a, b] :
         {std::tuple{QStringLiteral("validation"), &now.validation, &stored.validation},
          std::tuple{QStringLiteral("test"), &now.test, &stored.test}})
        for (size_t i = 0; i < a->size(); ++i)
            if ((*a)[i] != (*b)[i] && !(std::isnan((*a)[i]) && std::isnan((*b)[i])))
                return QStringLiteral("%1 row %2 is now %3 (was %4)")
                    .arg(split)
                    .arg(i)
                    .arg(shown((*a)[i]), shown((*b)[i]));
    return {};
}

void LabelsFile::requireUnchanged(const ExperimentLabels& fresh, const QString& folder,
                                  const QString& experimentName, const QString& dataPath,
                                  bool beforeFirstSeed)
{
    if (!exists(folder))
        return;
    const int finished = ResultStore(folder).finishedCount();
    if (finished == 0 && !beforeFirstSeed)
        return; // failed seeds were scored against nothing: fixing the data is the usual next step
    ExperimentLabels stored;
    try {
        stored = read(folder);
    } catch (const InputError&) {
        return; // damaged: rebuilt from the data, as run says
    }
    const QString difference = firstDifference(fresh, stored);
    if (difference.isEmpty())
        return;
    const QString since =
        finished == 0
            ? QStringLiteral("'%1''s truth was stored (when its job was submitted)").arg(experimentName)
        : finished == 1
            ? QStringLiteral("the stored seed of '%1' was trained").arg(experimentName)
            : QStringLiteral("the %1 stored seeds of '%2' were trained").arg(finished).arg(experimentName);
    throw InputError(
        {dataPath},
        QStringLiteral("the data changed since %1: %2. New seeds would be scored against other truth "
                       "than the stored ones, and its statistics would mix two datasets. Undo the "
                       "change to the data, or save the experiment under a new name (a variant) to "
                       "train on the new data")
            .arg(since, difference));
}

} // namespace seedscape
