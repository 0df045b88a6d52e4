#pragma once

#include "experiment/devicespec.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace seedscape {

// The device a group of seeds trains on, resolved from an experiment's DeviceSpec against the
// LibTorch this program is built with and the GPUs of this machine. Plain data: no LibTorch here.
struct ComputeDevice
{
    bool cuda = false;
    int index = 0;   // the GPU's number (cuda only)
    QString id;      // "cpu" or "cuda:0": what a seed record says
    QString gpuName; // "NVIDIA H200" (cuda only)
    QString note;    // why "auto" chose the CPU, for the log; empty otherwise

    // "auto" without a GPU resolves to the CPU with a note; "cuda" or "cuda:N" that this build or
    // machine cannot give throws an InputError naming the field "device" and what is missing.
    static ComputeDevice resolve(const DeviceSpec& spec);

    // Whether the LibTorch this program is built with has CUDA.
    static bool cudaBuilt();
    static int gpuCount(); // 0 without CUDA
    // One line per device there is, for the window and --version: "cpu", "cuda:0 (NVIDIA H200, 139 GiB)".
    static QStringList available();
    // The device words an experiment may use here: cpu and auto, and cuda/cuda:N where GPUs are.
    static QStringList choices();
    // Free memory of GPU index in bytes; -1 where not known.
    static qint64 freeMemory(int index);
    // A short text of the CUDA situation of this build: "LibTorch 1.13.1 without CUDA".
    static QString buildDescription();
    // The CUBLAS_WORKSPACE_CONFIG a GPU sweep runs with, given the one set (empty: none): kept when
    // LibTorch's deterministic mode accepts it (":4096:8", ":16:8"), else ":4096:8".
    static QByteArray deterministicCublasWorkspace(const QByteArray& current);
};

} // namespace seedscape
