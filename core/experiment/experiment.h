#pragma once

#include "commandspec.h"
#include "data/datasetspec.h"
#include "devicespec.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace seedscape {

enum class Activation
{
    ReLU,
    GELU,
    Tanh
};
enum class OptimizerKind
{
    SGD,
    Adam,
    AdamW
};
enum class Schedule
{
    None,
    Cosine,
    Step
};
enum class Metric
{
    Auto,
    RMSE,
    MAE,
    R2,
    Accuracy,
    LogLoss,
    AUC,
    F1Macro
};

enum class ModelType
{
    Mlp,     // the built-in MLP, trained by Seedscape
    Command, // the user's own program, run once per seed (CommandSpec)
};

struct ModelSpec
{
    std::vector<int> hidden = {64, 64}; // empty: a linear model (Mlp only, as the next three)
    Activation activation = Activation::ReLU;
    double dropout = 0.0;
    bool layerNorm = false;
    ModelType type = ModelType::Mlp;
    CommandSpec command; // Command only

    bool operator==(const ModelSpec&) const = default;
};

struct TrainingSpec
{
    OptimizerKind optimizer = OptimizerKind::Adam;
    double lr = 1e-3;
    double weightDecay = 0.0;
    double momentum = 0.9; // used by SGD only
    int batchSize = 32;
    int epochs = 200;
    Schedule schedule = Schedule::None;
    int earlyStoppingPatience = 0; // 0: off

    bool operator==(const TrainingSpec&) const = default;
};

// Which sources of randomness differ between the seeds of a sweep; a source held fixed uses the
// same stream for every seed, so a user can see which source causes the spread.
struct SeedSpec
{
    int count = 16;
    bool varyInit = true;
    bool varyOrder = true;
    bool varyDropout = true;
    std::vector<quint64> list; // explicit seeds used first

    bool operator==(const SeedSpec&) const = default;
};

// One experiment: the definition a user edits and the file format 1 holds.
struct Experiment
{
    static constexpr int kFormat = 1;

    QString name;
    DatasetSpec dataset;
    ModelSpec model;
    TrainingSpec training;
    Metric metric = Metric::Auto; // Auto: follows the task (rmse, auc, accuracy)
    SeedSpec seeds;
    DeviceSpec device; // where built-in MLPs train (a command experiment's program decides itself)
    // The user's own words about the experiment: they never change what a seed means.
    QStringList tags; // short labels to filter by, each unique, no commas
    QString notes;    // free text

    bool isCommand() const { return model.type == ModelType::Command; }
    bool operator==(const Experiment&) const = default;
};

} // namespace seedscape
