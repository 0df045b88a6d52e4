#pragma once

// Internal to core/train: includes LibTorch, so only core .cpp files include it.
#include "earlystopping.h"
#include "seedresult.h"

#include <QByteArray>

#include <torch/torch.h>

#include <string>
#include <vector>

namespace seedscape {

// The state of running seeds as bytes, for checkpoints: tensors, numbers, generator states and
// each seed's progress so far, stored under keys with LibTorch's archive format. Every value is
// kept exactly (doubles as float64, generators as their full state), so training resumed from a
// checkpoint computes the same numbers as training that never stopped.
class CheckpointWriter
{
public:
    void tensor(const std::string& key, const torch::Tensor& value);
    void doubles(const std::string& key, const std::vector<double>& values);
    void integers(const std::string& key, const std::vector<int64_t>& values);
    void generator(const std::string& key, const at::Generator& generator);
    // A seed's record so far (curves, epochs, status), and its early-stopping state.
    void progress(const std::string& key, const SeedResult& result, const EarlyStopping& stopping);
    torch::serialize::OutputArchive& archive() { return m_archive; }

    QByteArray bytes();

private:
    torch::serialize::OutputArchive m_archive;
};

class CheckpointReader
{
public:
    // Throws std::exception when the bytes are no such archive.
    explicit CheckpointReader(const QByteArray& bytes);

    torch::Tensor tensor(const std::string& key);
    std::vector<double> doubles(const std::string& key);
    std::vector<int64_t> integers(const std::string& key);
    void generator(const std::string& key, at::Generator& generator);
    // Restores what progress() wrote into a record begun anew (seed, streams and provenance stay).
    void progress(const std::string& key, SeedResult& result, EarlyStopping& stopping);
    torch::serialize::InputArchive& archive() { return m_archive; }

private:
    torch::serialize::InputArchive m_archive;
};

} // namespace seedscape
