#include "trainingtensors.h"

namespace seedscape {

namespace {

torch::Tensor rowsOf(const std::vector<double>& rowMajor, int columns, const std::vector<int>& rows)
{
    torch::Tensor t = torch::empty({static_cast<int64_t>(rows.size()), columns}, torch::kFloat32);
    float* out = t.data_ptr<float>();
    for (size_t i = 0; i < rows.size(); ++i)
        for (int c = 0; c < columns; ++c)
            out[i * columns + c] = static_cast<float>(rowMajor[static_cast<size_t>(rows[i]) * columns + c]);
    return t;
}

std::vector<double> truthOf(const PreparedData& data, const std::vector<int>& rows)
{
    std::vector<double> truth;
    truth.reserve(rows.size());
    for (int r : rows)
        truth.push_back(data.dataset.target[r]);
    return truth;
}

} // namespace

TrainingTensors::TrainingTensors(const PreparedData& p) : task(p.dataset.task)
{
    const int columns = p.dataset.featureCount();
    trainX = rowsOf(p.features, columns, p.split.train);
    validationX = rowsOf(p.features, columns, p.split.validation);
    testX = rowsOf(p.features, columns, p.split.test);
    validationTruth = truthOf(p, p.split.validation);
    testTruth = truthOf(p, p.split.test);
    const torch::Tensor target = rowsOf(p.target, 1, p.split.train);
    if (task == Task::Multiclass) {
        trainY = target.squeeze(1).to(torch::kInt64);
        outputs = p.dataset.classCount();
    } else {
        trainY = target;
    }
    if (p.targetScaler) {
        targetMean = p.targetScaler->means()[0];
        targetScale = p.targetScaler->scales()[0];
    }
}

void TrainingTensors::moveTo(const torch::Device& device)
{
    for (torch::Tensor* t : {&trainX, &validationX, &testX, &trainY})
        *t = t->to(device);
}

std::vector<double> TrainingTensors::toVector(const torch::Tensor& t)
{
    const torch::Tensor d = t.to(torch::kFloat64).contiguous();
    return std::vector<double>(d.data_ptr<double>(), d.data_ptr<double>() + d.numel());
}

} // namespace seedscape
