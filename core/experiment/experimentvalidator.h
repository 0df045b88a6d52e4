#pragma once

#include "experiment.h"

#include <QString>

#include <optional>
#include <vector>

namespace seedscape {

struct FieldProblem
{
    QString field;   // the path in the experiment file, e.g. "training.lr"
    QString message; // what is wrong, with the value found
};

// The value rules of the experiment file, shared by the file reader and the editor (which shows
// them as the user types), so both say the same thing about the same value.
class ExperimentValidator
{
public:
    static std::vector<FieldProblem> validate(const Experiment& experiment);
    static std::optional<FieldProblem> validateName(const QString& name);
    // A command model's rules (whether the program exists is checked where it runs).
    static void validateCommand(const CommandSpec& command, std::vector<FieldProblem>& problems);
    // The metric against the task the data gave (Task::Auto in the file, inferred when the data was
    // read): the file's own rule sees only a stated task. A problem for the field "metric".
    static std::optional<FieldProblem> validateMetricForData(const Experiment& experiment, Task dataTask);
    // Tags: non-empty, trimmed, unique, without commas (they are shown joined by commas).
    static void validateTags(const QStringList& tags, std::vector<FieldProblem>& problems);

    static constexpr int kMaxSeeds = 100000;
    static constexpr int kMaxLayerWidth = 65536;
    static constexpr int kMaxLayers = 64;
    static constexpr int kMaxTagLength = 40;
};

} // namespace seedscape
