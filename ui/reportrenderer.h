#pragma once

#include <QStringList>

namespace seedscape {

// Writes a workspace's report without a window: what `seedscape-cli report` runs. The figures
// are the window's views drawn offscreen, the statistics those of the comparable experiments
// (PlotRenderer::comparableGroup). .html: the one-file report; .pdf: the same document printed
// by Qt (ReportPdfPrinter), its figures as vector shapes.
class ReportRenderer
{
public:
    // experiment: the report covers it and the experiments comparable with it (empty: the first
    // with seeds). Throws InputError or StorageError. Returns warnings: with no experiment named,
    // the experiments of other comparison groups, which the report leaves out.
    static QStringList render(const QString& workspaceFolder, const QString& outputPath,
                              const QString& experiment);
};

} // namespace seedscape
