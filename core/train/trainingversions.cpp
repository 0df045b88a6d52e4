#include "trainingversions.h"

#include <torch/version.h> // the version macros only: no LibTorch API, no precompiled header needed

namespace seedscape {

QString trainingVersions()
{
    return QStringLiteral("seedscape %1, libtorch %2.%3.%4, qt %5")
        .arg(QStringLiteral(SEEDSCAPE_VERSION))
        .arg(TORCH_VERSION_MAJOR)
        .arg(TORCH_VERSION_MINOR)
        .arg(TORCH_VERSION_PATCH)
        .arg(QString::fromLatin1(qVersion()));
}

} // namespace seedscape
