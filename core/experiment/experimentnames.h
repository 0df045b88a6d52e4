#pragma once

#include "experiment.h"

#include <QStringList>

#include <optional>

namespace seedscape {

// The words the experiment file and the command line use for each setting, both ways.
namespace names {

QString task(Task value);
QString missing(MissingPolicy value);
QString activation(Activation value);
QString optimizer(OptimizerKind value);
QString schedule(Schedule value);
QString metric(Metric value); // Auto gives "auto"
// How a metric is written for people: on axes, in hovers and captions ("R²", "log loss"; Auto:
// "score"). metric() is the word files and the command line use.
QString metricTitle(Metric value);

std::optional<Task> parseTask(const QString& word);
std::optional<MissingPolicy> parseMissing(const QString& word);
std::optional<Activation> parseActivation(const QString& word);
std::optional<OptimizerKind> parseOptimizer(const QString& word);
std::optional<Schedule> parseSchedule(const QString& word);
std::optional<Metric> parseMetric(const QString& word); // does not accept "auto"

// All accepted words of a setting, for messages and drop-downs.
QStringList tasks();
QStringList missingPolicies();
QStringList activations();
QStringList optimizers();
QStringList schedules();
QStringList metrics();
QStringList randomnessSources(); // init, order, dropout

} // namespace names

// The metric an experiment reports once the task is known; "auto" follows the task.
Metric effectiveMetric(Metric metric, Task task);
// Whether a metric can score a task (Auto fits every task; so does every metric for Task::Auto).
bool metricFitsTask(Metric metric, Task task);
bool higherIsBetter(Metric metric);
// "64-64 relu, dropout 0.1, adam lr 0.001, 200 epochs" — a short description of model and training.
QString describeModel(const Experiment& experiment);
// The rest of the training, for a report: "batch 32, weight decay 0.0001, schedule cosine, early stopping
// after 20 epochs without improvement"; empty for a command experiment (its program decides).
QString describeTrainingDetails(const Experiment& experiment);

} // namespace seedscape
