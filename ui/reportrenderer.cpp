#include "reportrenderer.h"

#include "plot/plotexporter.h"
#include "plot/plotpage.h"
#include "plot/plotrenderer.h"
#include "reportbuilder.h"
#include "workspacesnapshot.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "store/workspace.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFont>
#include <QImage>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QUrl>

#include <memory>

namespace seedscape {

namespace {

constexpr int kFigureDpi = 192;
constexpr int kPrintedWidth = 700; // of landscape A4's text width of 1000 pixels at 96 dpi

// The report printed: Qt's rich text draws no inline SVG, so each figure becomes a picture.
QByteArray printed(const QString& html, const std::vector<QImage>& figures)
{
    QTextDocument document;
    QString pictures = html;
    static const QRegularExpression svg(QStringLiteral("<svg\\b.*?</svg>"),
                                        QRegularExpression::DotMatchesEverythingOption);
    for (size_t i = 0; i < figures.size(); ++i) {
        const QString name = QStringLiteral("seedscape-figure-%1.png").arg(i);
        document.addResource(QTextDocument::ImageResource, QUrl(name), figures[i]);
        const QRegularExpressionMatch match = svg.match(pictures);
        if (!match.hasMatch())
            break;
        pictures.replace(match.capturedStart(), match.capturedLength(),
                         QStringLiteral("<p><img src=\"%1\" width=\"%2\"></p>").arg(name).arg(kPrintedWidth));
    }
    // Qt's rich text knows no <figure>: as unknown inline tags they would put a figure on the line
    // of the text before it.
    pictures.replace(QStringLiteral("<figure>"), QStringLiteral("<div>"))
        .replace(QStringLiteral("</figure>"), QStringLiteral("</div>"))
        .replace(QStringLiteral("<figcaption>"), QStringLiteral("<p>"))
        .replace(QStringLiteral("</figcaption>"), QStringLiteral("</p>"))
        .replace(QStringLiteral("<table"),
                 QStringLiteral("<table width=\"100%\"")); // else it shrinks to the words
    document.setDefaultFont(QFont(QStringLiteral("Sans Serif"), 8));
    document.setHtml(pictures);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setCreator(QStringLiteral("Seedscape"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape); // the statistics table has 13 columns
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    document.print(&writer);
    return buffer.data();
}

} // namespace

void ReportRenderer::render(const QString& workspaceFolder, const QString& outputPath,
                            const QString& experiment)
{
    const QString suffix = QFileInfo(outputPath).suffix().toLower();
    if (suffix != QLatin1String("html") && suffix != QLatin1String("pdf"))
        throw InputError({outputPath}, QStringLiteral("unknown format; use .html or .pdf"));
    const std::vector<ExperimentResults> group = PlotRenderer::comparableGroup(workspaceFolder, experiment);

    std::vector<std::unique_ptr<PlotPage>> views;
    std::vector<PlotPage*> pages;
    const ExperimentColours colours = ExperimentColours::ofWorkspace(workspaceFolder);
    for (const QString& kind : PlotRenderer::kinds()) {
        PlotRenderer::Options options;
        options.kind = kind;
        options.experiment = experiment;
        options.width = ReportBuilder::kFigureWidth;
        options.height = ReportBuilder::kFigureHeight;
        views.push_back(PlotRenderer::view(group, options, colours));
        pages.push_back(views.back().get());
    }
    // The statistics as the window computes them, so the numbers match what it shows.
    WorkspaceStatistics statistics =
        WorkspaceStatistics::compute(group, WorkspaceSnapshot::statisticsOptions());
    std::vector<Experiment> definitions;
    const Workspace workspace(workspaceFolder);
    for (const ExperimentResults& r : group)
        if (workspace.contains(r.name)) {
            try {
                definitions.push_back(workspace.experiment(r.name));
            } catch (const InputError&) {
                // an unreadable definition leaves its settings out; the scores are still reported
            } catch (const StorageError&) {
            }
        }
    const HtmlReport report = ReportBuilder::build(workspaceFolder, std::move(statistics),
                                                   std::move(definitions), pages, outputPath);
    const QByteArray html = report.toHtml();
    if (suffix == QLatin1String("html")) {
        AtomicFile::write(outputPath, html);
        return;
    }
    std::vector<QImage> figures;
    for (PlotPage* page : pages)
        if (page->hasContent())
            figures.push_back(QImage::fromData(
                PlotExporter::encode(page->plot(), PlotExporter::Format::Png, ReportBuilder::kFigureWidth,
                                     ReportBuilder::kFigureHeight, kFigureDpi, outputPath)));
    AtomicFile::write(outputPath, printed(QString::fromUtf8(html), figures));
}

} // namespace seedscape
