#pragma once

// Internal to core/train: includes LibTorch, so only core .cpp files include it.
#include "data/preparedata.h"
#include "seedresultassembler.h"

#include <torch/torch.h>

namespace seedscape {

// The prepared data as float32 tensors, built once per experiment and only read by its seeds.
struct TrainingTensors
{
    explicit TrainingTensors(const PreparedData& data);

    torch::Tensor trainX, validationX, testX; // rows × features, standardised
    torch::Tensor trainY; // regression: standardised value (rows × 1); binary: 0/1 (rows × 1); multiclass:
                          // class (rows, int64), or one-hot rows for the batched engine on a GPU
    std::vector<double> validationTruth, testTruth; // original units / class indices, for the metrics
    Task task;
    int outputs = 1;                        // 1 for regression and binary, the class count for multiclass
    double targetMean = 0, targetScale = 1; // regression: predictions back to original units

    // 1 for regression and binary (the value, or P(class 1)), the class count for multiclass.
    int predictionColumns() const { return task == Task::Multiclass ? outputs : 1; }
    // What the seeds' predictions are scored against.
    SeedResultAssembler::Truth truth() const { return {&validationTruth, &testTruth, predictionColumns()}; }

    // Moves the tensors the training reads to the device the group trains on (the truth stays).
    void moveTo(const torch::Device& device);

    static std::vector<double> toVector(const torch::Tensor& t);
};

} // namespace seedscape
