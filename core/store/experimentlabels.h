#pragma once

#include "data/preparedata.h"
#include "experiment/experiment.h"

#include <QStringList>

#include <vector>

namespace seedscape {

// The true values of an experiment's validation and test rows, and how they are scored: what
// statistics need besides the seeds' predictions. Stored as results/NAME/labels.json.
struct ExperimentLabels
{
    Task task = Task::Regression;
    Metric metric = Metric::RMSE;
    QStringList classNames;         // classification: class index → label; empty for regression
    std::vector<double> validation; // value or class index, in the row order of the predictions
    std::vector<double> test;

    int classCount() const { return static_cast<int>(classNames.size()); }
    // Prediction columns per row: the class count for multiclass, else 1.
    int predictionColumns() const { return task == Task::Multiclass ? classCount() : 1; }
    bool operator==(const ExperimentLabels&) const = default;

    // The labels of the validation and test rows of prepared data, scored with metric.
    static ExperimentLabels fromData(const PreparedData& data, Metric metric);
};

} // namespace seedscape
