#include "checkpointarchive.h"

#include <sstream>
#include <stdexcept>

namespace seedscape {

namespace {

torch::Tensor fromBytes(const QByteArray& bytes)
{
    return torch::from_blob(const_cast<char*>(bytes.constData()), {bytes.size()}, torch::kUInt8).clone();
}

QByteArray toBytes(const torch::Tensor& t)
{
    const torch::Tensor c = t.contiguous();
    return QByteArray(reinterpret_cast<const char*>(c.data_ptr<uint8_t>()), c.numel());
}

} // namespace

void CheckpointWriter::tensor(const std::string& key, const torch::Tensor& value)
{
    // A copy on the host: lanes are views of larger buffers, which may live on a GPU.
    m_archive.write(key, value.detach().to(torch::kCPU).clone());
}

void CheckpointWriter::doubles(const std::string& key, const std::vector<double>& values)
{
    m_archive.write(key, torch::tensor(values, torch::kFloat64).clone());
}

void CheckpointWriter::integers(const std::string& key, const std::vector<int64_t>& values)
{
    m_archive.write(key, torch::tensor(values, torch::kInt64).clone());
}

void CheckpointWriter::generator(const std::string& key, const at::Generator& generator)
{
    m_archive.write(key, generator.get_state());
}

void CheckpointWriter::progress(const std::string& key, const SeedResult& r, const EarlyStopping& stopping)
{
    const EarlyStopping::State s = stopping.state();
    doubles(key + ".train_loss", r.trainLoss);
    doubles(key + ".validation_curve", r.validationCurve);
    doubles(key + ".numbers", {s.bestScore, r.durationSeconds});
    integers(key + ".integers", {static_cast<int64_t>(r.status), r.epochsRun, r.bestEpoch, r.failureEpoch,
                                 s.bestEpoch, s.sinceImprovement, r.startedAt.toMSecsSinceEpoch()});
    m_archive.write(key + ".failure", fromBytes(r.failureReason.toUtf8()));
}

QByteArray CheckpointWriter::bytes()
{
    std::ostringstream out;
    m_archive.save_to(out);
    const std::string s = out.str();
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

CheckpointReader::CheckpointReader(const QByteArray& bytes)
{
    std::istringstream in(std::string(bytes.constData(), static_cast<size_t>(bytes.size())));
    m_archive.load_from(in);
}

torch::Tensor CheckpointReader::tensor(const std::string& key)
{
    torch::Tensor t;
    m_archive.read(key, t);
    return t;
}

std::vector<double> CheckpointReader::doubles(const std::string& key)
{
    const torch::Tensor t = tensor(key).contiguous();
    return std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
}

std::vector<int64_t> CheckpointReader::integers(const std::string& key)
{
    const torch::Tensor t = tensor(key).contiguous();
    return std::vector<int64_t>(t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + t.numel());
}

void CheckpointReader::generator(const std::string& key, at::Generator& generator)
{
    generator.set_state(tensor(key));
}

void CheckpointReader::progress(const std::string& key, SeedResult& r, EarlyStopping& stopping)
{
    r.trainLoss = doubles(key + ".train_loss");
    r.validationCurve = doubles(key + ".validation_curve");
    const std::vector<double> numbers = doubles(key + ".numbers");
    const std::vector<int64_t> integers = this->integers(key + ".integers");
    if (numbers.size() != 2 || integers.size() != 7)
        throw std::runtime_error("checkpoint: malformed progress of " + key);
    r.status = static_cast<SeedStatus>(integers[0]);
    r.epochsRun = static_cast<int>(integers[1]);
    r.bestEpoch = static_cast<int>(integers[2]);
    r.failureEpoch = static_cast<int>(integers[3]);
    r.startedAt = QDateTime::fromMSecsSinceEpoch(integers[6], Qt::UTC);
    r.durationSeconds = numbers[1];
    r.failureReason = QString::fromUtf8(toBytes(tensor(key + ".failure")));
    stopping.restore({numbers[0], static_cast<int>(integers[4]), static_cast<int>(integers[5])});
}

} // namespace seedscape
