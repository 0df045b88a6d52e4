#include "experimentnames.h"

#include <array>
#include <utility>

namespace seedscape {

namespace {

template <typename Enum, size_t N> using NameTable = std::array<std::pair<Enum, const char*>, N>;

const NameTable<Task, 4> kTasks{{{Task::Auto, "auto"},
                                 {Task::Regression, "regression"},
                                 {Task::Binary, "binary"},
                                 {Task::Multiclass, "multiclass"}}};
const NameTable<MissingPolicy, 2> kMissing{{{MissingPolicy::Error, "error"}, {MissingPolicy::Drop, "drop"}}};
const NameTable<Activation, 3> kActivations{
    {{Activation::ReLU, "relu"}, {Activation::GELU, "gelu"}, {Activation::Tanh, "tanh"}}};
const NameTable<OptimizerKind, 3> kOptimizers{
    {{OptimizerKind::SGD, "sgd"}, {OptimizerKind::Adam, "adam"}, {OptimizerKind::AdamW, "adamw"}}};
const NameTable<Schedule, 3> kSchedules{
    {{Schedule::None, "none"}, {Schedule::Cosine, "cosine"}, {Schedule::Step, "step"}}};
const NameTable<Metric, 8> kMetrics{{{Metric::Auto, "auto"},
                                     {Metric::RMSE, "rmse"},
                                     {Metric::MAE, "mae"},
                                     {Metric::R2, "r2"},
                                     {Metric::Accuracy, "accuracy"},
                                     {Metric::LogLoss, "logloss"},
                                     {Metric::AUC, "auc"},
                                     {Metric::F1Macro, "f1_macro"}}};

template <typename Enum, size_t N> QString nameOf(const NameTable<Enum, N>& table, Enum value)
{
    for (const auto& [v, word] : table)
        if (v == value)
            return QString::fromLatin1(word);
    return {};
}

template <typename Enum, size_t N>
std::optional<Enum> parse(const NameTable<Enum, N>& table, const QString& word)
{
    for (const auto& [v, w] : table)
        if (word == QLatin1String(w))
            return v;
    return std::nullopt;
}

template <typename Enum, size_t N> QStringList wordsOf(const NameTable<Enum, N>& table, size_t skip = 0)
{
    QStringList words;
    for (size_t i = skip; i < N; ++i)
        words << QString::fromLatin1(table[i].second);
    return words;
}

} // namespace

namespace names {

QString task(Task value)
{
    return nameOf(kTasks, value);
}
QString missing(MissingPolicy value)
{
    return nameOf(kMissing, value);
}
QString activation(Activation value)
{
    return nameOf(kActivations, value);
}
QString optimizer(OptimizerKind value)
{
    return nameOf(kOptimizers, value);
}
QString schedule(Schedule value)
{
    return nameOf(kSchedules, value);
}
QString metric(Metric value)
{
    return nameOf(kMetrics, value);
}
QString metricTitle(Metric value)
{
    switch (value) {
    case Metric::Auto:
        return QStringLiteral("score");
    case Metric::RMSE:
        return QStringLiteral("RMSE");
    case Metric::MAE:
        return QStringLiteral("MAE");
    case Metric::R2:
        return QStringLiteral("R²");
    case Metric::Accuracy:
        return QStringLiteral("accuracy");
    case Metric::LogLoss:
        return QStringLiteral("log loss");
    case Metric::AUC:
        return QStringLiteral("ROC AUC");
    case Metric::F1Macro:
        return QStringLiteral("macro F1");
    }
    return metric(value);
}

std::optional<Task> parseTask(const QString& word)
{
    return parse(kTasks, word);
}
std::optional<MissingPolicy> parseMissing(const QString& word)
{
    return parse(kMissing, word);
}
std::optional<Activation> parseActivation(const QString& word)
{
    return parse(kActivations, word);
}
std::optional<OptimizerKind> parseOptimizer(const QString& word)
{
    return parse(kOptimizers, word);
}
std::optional<Schedule> parseSchedule(const QString& word)
{
    return parse(kSchedules, word);
}
std::optional<Metric> parseMetric(const QString& word)
{
    const auto m = parse(kMetrics, word);
    return m == Metric::Auto ? std::nullopt : m;
}

QStringList tasks()
{
    return wordsOf(kTasks);
}
QStringList missingPolicies()
{
    return wordsOf(kMissing);
}
QStringList activations()
{
    return wordsOf(kActivations);
}
QStringList optimizers()
{
    return wordsOf(kOptimizers);
}
QStringList schedules()
{
    return wordsOf(kSchedules);
}
QStringList metrics()
{
    return wordsOf(kMetrics, 1);
}
QStringList randomnessSources()
{
    return {QStringLiteral("init"), QStringLiteral("order"), QStringLiteral("dropout")};
}

} // namespace names

Metric effectiveMetric(Metric metric, Task task)
{
    if (metric != Metric::Auto)
        return metric;
    switch (task) {
    case Task::Binary:
        return Metric::AUC;
    case Task::Multiclass:
        return Metric::Accuracy;
    default:
        return Metric::RMSE;
    }
}

bool metricFitsTask(Metric metric, Task task)
{
    switch (metric) {
    case Metric::Auto:
        return true;
    case Metric::RMSE:
    case Metric::MAE:
    case Metric::R2:
        return task == Task::Auto || task == Task::Regression;
    case Metric::AUC:
        return task == Task::Auto || task == Task::Binary;
    case Metric::Accuracy:
    case Metric::LogLoss:
    case Metric::F1Macro:
        return task == Task::Auto || isClassification(task);
    }
    return false;
}

bool higherIsBetter(Metric metric)
{
    return metric == Metric::R2 || metric == Metric::Accuracy || metric == Metric::AUC ||
           metric == Metric::F1Macro;
}

QString describeModel(const Experiment& e)
{
    if (e.isCommand())
        return QStringLiteral("your program: ") + e.model.command.command.join(QLatin1Char(' '));
    QStringList widths;
    for (int w : e.model.hidden)
        widths << QString::number(w);
    QString text = widths.isEmpty() ? QStringLiteral("linear")
                                    : widths.join(QLatin1Char('-')) + QLatin1Char(' ') +
                                          names::activation(e.model.activation);
    if (e.model.dropout > 0)
        text += QStringLiteral(", dropout %1").arg(e.model.dropout);
    if (e.model.layerNorm)
        text += QStringLiteral(", layer norm");
    return text + QStringLiteral(", %1 lr %2, %3 epochs")
                      .arg(names::optimizer(e.training.optimizer))
                      .arg(e.training.lr)
                      .arg(e.training.epochs);
}

QString describeTrainingDetails(const Experiment& e)
{
    if (e.isCommand())
        return {};
    const TrainingSpec& t = e.training;
    QStringList parts{QStringLiteral("batch %1").arg(t.batchSize)};
    if (t.weightDecay > 0)
        parts << QStringLiteral("weight decay %1").arg(t.weightDecay);
    if (t.optimizer == OptimizerKind::SGD)
        parts << QStringLiteral("momentum %1").arg(t.momentum);
    parts << QStringLiteral("schedule %1").arg(names::schedule(t.schedule));
    parts << (t.earlyStoppingPatience > 0
                  ? QStringLiteral("early stopping after %1 epochs without improvement")
                        .arg(t.earlyStoppingPatience)
                  : QStringLiteral("no early stopping"));
    return parts.join(QStringLiteral(", "));
}

} // namespace seedscape
