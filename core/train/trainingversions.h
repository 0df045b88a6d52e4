#pragma once

#include <QString>

namespace seedscape {

// What built a seed, recorded with it: "seedscape 0.1.0, libtorch 1.13.0, qt 6.4.2".
QString trainingVersions();

} // namespace seedscape
