#include "plotexporter.h"

#include "common/atomicfile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPdfWriter>
#include <QSvgGenerator>

#include "qcustomplot_include.h"

#include <cmath>

namespace seedscape {

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
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    switch (format) {
    case Format::Png: {
        // width × height is the logical size, as on screen; dpi/96 more pixels per side.
        const double scale = dpi / 96.0;
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
        generator.setResolution(dpi);
        generator.setTitle(QStringLiteral("Seedscape plot"));
        QCPPainter painter;
        painter.begin(&generator);
        painter.setMode(QCPPainter::pmVectorized); // true shapes, not bitmaps, in the drawing
        plot->toPainter(&painter, width, height);
        painter.end();
        break;
    }
    case Format::Pdf: {
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("Seedscape"));
        writer.setResolution(dpi);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setPageSize(QPageSize(QSizeF(width, height) * 72.0 / dpi, QPageSize::Point));
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
