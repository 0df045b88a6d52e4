#include "experimentvalidator.h"

#include "experimentnames.h"

#include "common/numberformat.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <set>

namespace seedscape {

std::optional<FieldProblem> ExperimentValidator::validateName(const QString& name)
{
    const QString field = QStringLiteral("name");
    if (name.trimmed().isEmpty())
        return FieldProblem{field, QStringLiteral("must not be empty")};
    if (name != name.trimmed())
        return FieldProblem{field, QStringLiteral("must not start or end with spaces")};
    if (name.size() > 120)
        return FieldProblem{field, QStringLiteral("is longer than 120 characters")};
    if (name.startsWith(QLatin1Char('.')))
        return FieldProblem{field, QStringLiteral("must not start with '.'")};
    // The name becomes a file name in the workspace, so it must be one on every system.
    for (QChar c : name)
        if (c.category() == QChar::Other_Control || QStringLiteral("/\\:*?\"<>|").contains(c))
            return FieldProblem{field, QStringLiteral("must not contain '%1'")
                                           .arg(c == QLatin1Char('\t') ? QStringLiteral("\\t") : QString(c))};
    return std::nullopt;
}

void ExperimentValidator::validateCommand(const CommandSpec& c, std::vector<FieldProblem>& problems)
{
    if (c.command.isEmpty() || c.command.front().trimmed().isEmpty())
        problems.push_back(
            {QStringLiteral("model.command"),
             QStringLiteral("must name the program to run, then its arguments, e.g. python3 train.py")});
    for (qsizetype i = 0; i < c.command.size(); ++i)
        if (const auto unknown = CommandSpec::unknownPlaceholder(c.command[i])) {
            problems.push_back(
                {QStringLiteral("model.command[%1]").arg(i),
                 QStringLiteral("%1 is not a placeholder; the known ones are {%2}")
                     .arg(*unknown, CommandSpec::placeholders().join(QStringLiteral("}, {")))});
            break;
        }
    for (qsizetype i = 0; i < c.watch.size(); ++i) {
        const QString field = QStringLiteral("model.watch[%1]").arg(i);
        if (c.watch[i].trimmed().isEmpty())
            problems.push_back({field, QStringLiteral("must name a file or folder")});
        else if (c.watch[i].contains(QLatin1Char('{')))
            problems.push_back({field, QStringLiteral("cannot hold a placeholder: the watched files are the "
                                                      "same for every seed")});
    }
    if (c.parallel < 1 || c.parallel > CommandSpec::kMaxParallel)
        problems.push_back(
            {QStringLiteral("model.parallel"), QStringLiteral("must be between 1 and %1, got %2")
                                                   .arg(CommandSpec::kMaxParallel)
                                                   .arg(c.parallel)});
    if (!(c.timeoutMinutes >= 0) || !std::isfinite(c.timeoutMinutes))
        problems.push_back(
            {QStringLiteral("model.timeout_minutes"),
             QStringLiteral("must be 0 (none) or more, got %1").arg(formatTypedNumber(c.timeoutMinutes))});
}

std::vector<FieldProblem> ExperimentValidator::validate(const Experiment& e)
{
    std::vector<FieldProblem> problems;
    auto fail = [&](const char* field, const QString& message) {
        problems.push_back({QString::fromLatin1(field), message});
    };

    if (auto p = validateName(e.name))
        problems.push_back(*p);
    if (e.dataset.path.trimmed().isEmpty())
        fail("dataset.path", QStringLiteral("must name a CSV file"));
    if (e.dataset.target.trimmed().isEmpty())
        fail("dataset.target", QStringLiteral("must name the target column"));

    const SplitSpec& split = e.dataset.split;
    if (!split.usesColumn()) {
        if (!(split.validation > 0 && split.validation < 1))
            fail("dataset.split.validation", QStringLiteral("must be between 0 and 1 (exclusive), got %1")
                                                 .arg(formatTypedNumber(split.validation)));
        if (!(split.test > 0 && split.test < 1))
            fail("dataset.split.test", QStringLiteral("must be between 0 and 1 (exclusive), got %1")
                                           .arg(formatTypedNumber(split.test)));
        if (split.validation + split.test >= 1)
            fail("dataset.split",
                 QStringLiteral("validation %1 + test %2 leave no training set; their sum must be below 1")
                     .arg(formatTypedNumber(split.validation), formatTypedNumber(split.test)));
    }

    if (e.isCommand())
        validateCommand(e.model.command, problems);

    if (static_cast<int>(e.model.hidden.size()) > kMaxLayers)
        fail("model.hidden",
             QStringLiteral("has %1 layers; at most %2").arg(e.model.hidden.size()).arg(kMaxLayers));
    for (int width : e.model.hidden)
        if (width < 1 || width > kMaxLayerWidth) {
            fail("model.hidden", QStringLiteral("layer sizes must be between 1 and %1, got %2")
                                     .arg(kMaxLayerWidth)
                                     .arg(width));
            break;
        }
    if (!(e.model.dropout >= 0 && e.model.dropout < 1))
        fail(
            "model.dropout",
            QStringLiteral("must be at least 0 and below 1, got %1").arg(formatTypedNumber(e.model.dropout)));

    const TrainingSpec& t = e.training;
    // The trainers compute in float32: a value beyond its range would become inf or 0 there.
    const auto floatRange = [](double v) {
        return QStringLiteral("%1 is outside the float32 range the trainers use (1.2e-38 to 3.4e38)")
            .arg(formatTypedNumber(v));
    };
    if (!(t.lr > 0) || !std::isfinite(t.lr))
        fail("training.lr", QStringLiteral("must be greater than 0, got %1").arg(formatTypedNumber(t.lr)));
    else if (t.lr > FLT_MAX || t.lr < FLT_MIN)
        fail("training.lr", floatRange(t.lr));
    if (!(t.weightDecay >= 0) || !std::isfinite(t.weightDecay))
        fail("training.weight_decay",
             QStringLiteral("must be 0 or more, got %1").arg(formatTypedNumber(t.weightDecay)));
    else if (t.weightDecay > FLT_MAX || (t.weightDecay > 0 && t.weightDecay < FLT_MIN))
        fail("training.weight_decay", floatRange(t.weightDecay));
    if (!(t.momentum >= 0 && t.momentum < 1))
        fail("training.momentum",
             QStringLiteral("must be at least 0 and below 1, got %1").arg(formatTypedNumber(t.momentum)));
    if (t.batchSize < 1)
        fail("training.batch_size", QStringLiteral("must be at least 1, got %1").arg(t.batchSize));
    if (t.epochs < 1)
        fail("training.epochs", QStringLiteral("must be at least 1, got %1").arg(t.epochs));
    if (t.earlyStoppingPatience < 0)
        fail("training.early_stopping_patience",
             QStringLiteral("must be 0 (off) or more, got %1").arg(t.earlyStoppingPatience));

    if (!metricFitsTask(e.metric, e.dataset.task))
        fail("metric", QStringLiteral("%1 does not score a %2 task")
                           .arg(names::metric(e.metric), names::task(e.dataset.task)));

    if (e.seeds.count < 1 || e.seeds.count > kMaxSeeds)
        fail("seeds.count",
             QStringLiteral("must be between 1 and %1, got %2").arg(kMaxSeeds).arg(e.seeds.count));
    std::set<quint64> distinct(e.seeds.list.begin(), e.seeds.list.end());
    if (distinct.size() != e.seeds.list.size())
        fail("seeds.list", QStringLiteral("lists a seed twice"));
    validateTags(e.tags, problems);
    return problems;
}

void ExperimentValidator::validateTags(const QStringList& tags, std::vector<FieldProblem>& problems)
{
    for (qsizetype i = 0; i < tags.size(); ++i) {
        const QString field = QStringLiteral("tags[%1]").arg(i);
        const QString& tag = tags[i];
        if (tag.trimmed().isEmpty() || tag != tag.trimmed())
            problems.push_back({field, QStringLiteral("must be a word or words without spaces around them")});
        else if (tag.size() > kMaxTagLength)
            problems.push_back({field, QStringLiteral("is longer than %1 characters").arg(kMaxTagLength)});
        // The window and `stats` show tags joined by commas: a comma inside one would read as two.
        else if (tag.contains(QLatin1Char(',')) || std::any_of(tag.begin(), tag.end(), [](QChar c) {
                     return c.category() == QChar::Other_Control;
                 }))
            problems.push_back({field, QStringLiteral("must not contain commas or control characters")});
        else if (tags.indexOf(tag) < i)
            problems.push_back({field, QStringLiteral("\"%1\" is given twice").arg(tag)});
        else
            continue;
        return; // one problem per list is enough to find it
    }
}

std::optional<FieldProblem> ExperimentValidator::validateMetricForData(const Experiment& e, Task dataTask)
{
    if (metricFitsTask(e.metric, dataTask))
        return std::nullopt;
    return FieldProblem{QStringLiteral("metric"),
                        QStringLiteral("%1 does not score a %2 task (the task inferred from the target "
                                       "'%3'; set \"metric\" to one that does, or \"dataset.task\")")
                            .arg(names::metric(e.metric), names::task(dataTask), e.dataset.target)};
}

} // namespace seedscape
