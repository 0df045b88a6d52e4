#pragma once

#include "experiment/experiment.h"

#include <vector>

namespace seedscape {

// The metrics of docs/statistics.md, on plain numbers, so that training, ensembles and statistics all
// score a prediction the same way.
//   truth: the value (regression) or the class index (classification), one per row.
//   predictions: regression: the value per row; binary: P(class 1) per row;
//   multiclass: a probability row per row, row-major (rows × classes).
// Returns NaN where the metric is undefined (R² of a constant truth, ROC AUC with one class).
class MetricScorer
{
public:
    static double score(Metric metric, const std::vector<double>& truth,
                        const std::vector<double>& predictions, int classes);

    static double rmse(const std::vector<double>& truth, const std::vector<double>& predicted);
    static double mae(const std::vector<double>& truth, const std::vector<double>& predicted);
    static double r2(const std::vector<double>& truth, const std::vector<double>& predicted);
    // Classes are predicted by argmax (multiclass, lowest index on ties) or p ≥ 0.5 (binary: classes == 2
    // and one column of P(class 1)).
    static double accuracy(const std::vector<double>& truth, const std::vector<double>& predictions,
                           int classes);
    static double logLoss(const std::vector<double>& truth, const std::vector<double>& predictions,
                          int classes);
    // Mann–Whitney U / (n₁·n₀), ties counted ½.
    static double rocAuc(const std::vector<double>& truth, const std::vector<double>& probabilityOfOne);
    // Unweighted mean of per-class F1; a class with no true and no predicted rows is left out.
    static double f1Macro(const std::vector<double>& truth, const std::vector<double>& predictions,
                          int classes);

    // Whether score improves on best in the metric's direction (a non-finite best always loses,
    // a non-finite score never wins): how early stopping picks its epoch.
    static bool isImprovement(double score, double best, bool higherIsBetter);

    // The predicted class of each row.
    static std::vector<int> predictedClasses(const std::vector<double>& predictions, int rows, int classes);

    static constexpr double kProbabilityClip = 1e-15;
};

} // namespace seedscape
