#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace seedscape {

// Where an experiment's built-in MLPs train, as its file says: "cpu", "cuda" (the first GPU),
// "cuda:N" (GPU N), or "auto" (the first GPU where this build's LibTorch has CUDA and a GPU is
// present, else the CPU). ComputeDevice resolves it on the machine that trains. A seed means the
// same on every device, so the device is not part of an experiment's fingerprint.
struct DeviceSpec
{
    enum class Kind
    {
        Cpu,
        Cuda,
        Auto,
    };

    Kind kind = Kind::Cpu;
    int index = -1; // Cuda: the GPU's number; -1 when the file said plain "cuda" (GPU 0)

    static DeviceSpec cpu() { return {}; }
    static DeviceSpec cuda(int index = -1) { return {Kind::Cuda, index}; }
    static DeviceSpec automatic() { return {Kind::Auto, -1}; }

    int gpu() const { return index < 0 ? 0 : index; }
    // The word the file holds: parse(name()) gives this spec back.
    QString name() const;
    static std::optional<DeviceSpec> parse(const QString& word);
    // The accepted words, for messages: cpu, cuda, cuda:N, auto.
    static QStringList words();

    bool operator==(const DeviceSpec&) const = default;
};

} // namespace seedscape
