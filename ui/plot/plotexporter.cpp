#include "plotexporter.h"

#include "exportfit.h"
#include "plottheme.h"
#include "svgtextoutliner.h"

#include "common/atomicfile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPdfWriter>
#include <QSvgGenerator>

#include "qcustomplot_include.h"

#include <cmath>
#include <vector>

namespace seedscape {

namespace {

// Vector files are laid out at the screen's 96 dpi whatever the chosen resolution: fonts (in
// points), pens and markers keep their size relative to the plot, and only PNG pixels change.
constexpr int kVectorDpi = 96;
// White space around the whole plot, so no legend, label or tick touches the file's edge.
constexpr int kBorder = 8;

// A plot as exported: light colours (files are for papers, whatever the screen's palette), a
// border around it, and nothing marked exportHidden (the selection ring, hover marks); the
// window's plot is put back as it was afterwards, in its screen colours.
class ExportState
{
public:
    explicit ExportState(QCustomPlot* plot)
        : m_plot(plot), m_margins(plot->plotLayout()->margins()), m_screenTheme(PlotTheme::appliedTo(plot))
    {
        PlotTheme::light().apply(m_plot);
        m_plot->plotLayout()->setMargins(QMargins(kBorder, kBorder, kBorder, kBorder));
        for (int i = 0; i < m_plot->plottableCount(); ++i)
            hide(m_plot->plottable(i));
        for (int i = 0; i < m_plot->itemCount(); ++i)
            hide(m_plot->item(i));
    }
    ~ExportState()
    {
        m_plot->plotLayout()->setMargins(m_margins);
        for (QCPLayerable* layerable : m_hidden)
            layerable->setVisible(true);
        m_screenTheme.apply(m_plot);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    ExportState(const ExportState&) = delete;
    ExportState& operator=(const ExportState&) = delete;

private:
    void hide(QCPLayerable* layerable)
    {
        if (layerable->visible() && layerable->property("exportHidden").toBool()) {
            layerable->setVisible(false);
            m_hidden.push_back(layerable);
        }
    }

    QCustomPlot* m_plot;
    QMargins m_margins;
    PlotTheme m_screenTheme;
    std::vector<QCPLayerable*> m_hidden;
};

} // namespace

std::optional<PlotExporter::Format> PlotExporter::formatOf(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return Format::Png;
    if (suffix == QLatin1String("svg"))
        return Format::Svg;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

void PlotExporter::save(QCustomPlot* plot, const QString& path, int width, int height, int dpi)
{
    const auto format = formatOf(path);
    if (!format)
        throw StorageError(QStringLiteral("%1: unknown format; use .png, .svg or .pdf").arg(path));
    AtomicFile::write(path, encode(plot, *format, width, height, dpi, path));
}

QByteArray PlotExporter::encode(QCustomPlot* plot, Format format, int width, int height, int dpi,
                                const QString& path)
{
    if (width < 1 || height < 1 || dpi < 1)
        throw StorageError(QStringLiteral("%1: size %2×%3 at %4 dpi is not a picture")
                               .arg(path)
                               .arg(width)
                               .arg(height)
                               .arg(dpi));
    const ExportState exportState(plot);
    const ExportFit fit(plot, width, height); // a small figure's words
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    switch (format) {
    case Format::Png: {
        // width × height is the logical size, as on screen; dpi/96 more pixels per side.
        const double scale = dpi / 96.0;
        // Qt cannot paint an image this large (it says so on stderr and gives an empty one): say why.
        const double pixelsWide = std::round(width * scale), pixelsHigh = std::round(height * scale);
        if (pixelsWide * pixelsHigh > kMaxPngPixels)
            throw StorageError(QStringLiteral("%1: %2×%3 at %4 dpi is %5×%6 pixels; a PNG can have at most "
                                              "%7 million: lower the size or the dpi (SVG and PDF scale "
                                              "without it)")
                                   .arg(path)
                                   .arg(width)
                                   .arg(height)
                                   .arg(dpi)
                                   .arg(pixelsWide, 0, 'f', 0)
                                   .arg(pixelsHigh, 0, 'f', 0)
                                   .arg(kMaxPngPixels / 1e6, 0, 'f', 0));
        QImage image = plot->toPixmap(width, height, scale).toImage();
        const int dotsPerMeter = static_cast<int>(std::lround(dpi / 0.0254));
        image.setDotsPerMeterX(dotsPerMeter);
        image.setDotsPerMeterY(dotsPerMeter);
        if (!image.save(&buffer, "PNG"))
            throw StorageError(QStringLiteral("%1: cannot encode the PNG").arg(path));
        break;
    }
    case Format::Svg: {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(QSize(width, height));
        generator.setViewBox(QRect(0, 0, width, height));
        generator.setResolution(kVectorDpi);
        generator.setTitle(QStringLiteral("Seedscape plot"));
        QCPPainter painter;
        painter.begin(&generator);
        painter.setMode(QCPPainter::pmVectorized); // true shapes, not bitmaps, in the drawing
        plot->toPainter(&painter, width, height);
        painter.end();
        buffer.close();
        return SvgTextOutliner::outline(buffer.data());
    }
    case Format::Pdf: {
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("Seedscape"));
        writer.setResolution(kVectorDpi);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setPageSize(QPageSize(QSizeF(width, height) * 72.0 / kVectorDpi, QPageSize::Point));
        QCPPainter painter;
        painter.begin(&writer);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, width, height);
        painter.end();
        break;
    }
    }
    return buffer.data();
}

} // namespace seedscape
