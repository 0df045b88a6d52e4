#pragma once

#include <QString>

namespace seedscape {

// Draws a workspace's plot without a window and saves it: what `seedscape-cli plot` runs, with
// the same view code as the window, so a file shows exactly what the screen would.
class PlotRenderer
{
public:
    // kind: "scatter" (validation vs test), "spread" (seed spread), "ensemble-size", or "curves"
    // (learning curves of the first experiment with seeds). Throws InputError or StorageError.
    static void render(const QString& workspaceFolder, const QString& kind, const QString& outputPath,
                       int width, int height, int dpi = 96, int k = 3);

    static QStringList kinds();
};

} // namespace seedscape
