// The experiment reader on arbitrary bytes: strict JSON reading, every field and its checks.
#include "experiment/experimentreader.h"
#include "fuzzinput.h"

#include <QByteArray>

using namespace seedscape;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return fuzz::runInput([&] {
        const QByteArray bytes =
            QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
        ExperimentReader::fromJson(bytes, QStringLiteral("fuzz.experiment.json"));
    });
}
