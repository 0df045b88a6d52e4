#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class QCustomPlot;

namespace seedscape {

// Saves a plot as drawn, at a chosen size: PNG (pixels, at a resolution in dpi), SVG or
// PDF (vector, the same whatever the dpi; SVG text as outlines). Files are for papers: always in
// the light theme (PlotTheme::light), whatever the screen's palette. A white border keeps every label
// off the edge; plottables and items with the property exportHidden (the selection ring) are left
// out. Every save is atomic; failures throw StorageError naming the file.
class PlotExporter
{
public:
    enum class Format
    {
        Png,
        Svg,
        Pdf
    };

    // From the file name's extension (.png, .svg, .pdf, any case).
    static std::optional<Format> formatOf(const QString& path);
    static void save(QCustomPlot* plot, const QString& path, int width, int height, int dpi = 96);
    // The file's bytes, for embedding (the report's SVG); path only names it in errors.
    static QByteArray encode(QCustomPlot* plot, Format format, int width, int height, int dpi,
                             const QString& path);

    // The largest PNG drawn (1 GB of pixels in memory); beyond it, a StorageError says so.
    static constexpr double kMaxPngPixels = 250e6;
};

} // namespace seedscape
