#pragma once

class QCustomPlot;

namespace seedscape {

// A plot's legend in a row of its own under the plot, its entries three to a line: inside, it
// would cover curves that rise towards the top right, where a legend usually sits (the
// ensemble-size curve, the learning curves). ExportFit rewraps it to a small figure's width.
class LegendUnderPlot
{
public:
    static void place(QCustomPlot* plot);
};

} // namespace seedscape
