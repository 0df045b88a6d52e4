#pragma once

// QCustomPlot's header uses Qt's keyword macros (signals, slots, emit, foreach), which the
// project turns off with QT_NO_KEYWORDS because they collide with LibTorch. Define them for this
// header alone; every ui file includes QCustomPlot through here.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
