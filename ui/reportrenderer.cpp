#include "reportrenderer.h"

#include "plot/plotpage.h"
#include "plot/plotrenderer.h"
#include "reportbuilder.h"
#include "reportpdfprinter.h"
#include "workspacesnapshot.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "store/workspace.h"

#include <QFileInfo>

#include <memory>

namespace seedscape {

QStringList ReportRenderer::render(const QString& workspaceFolder, const QString& outputPath,
                                   const QString& experiment)
{
    const QString suffix = QFileInfo(outputPath).suffix().toLower();
    if (suffix != QLatin1String("html") && suffix != QLatin1String("pdf"))
        throw InputError({outputPath}, QStringLiteral("unknown format; use .html or .pdf"));
    PlotRenderer::requireOutputFolder(outputPath);
    QStringList otherGroups;
    const std::vector<ExperimentResults> group =
        PlotRenderer::comparableGroup(workspaceFolder, experiment, &otherGroups);

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
    AtomicFile::write(outputPath,
                      suffix == QLatin1String("html") ? report.toHtml() : ReportPdfPrinter::print(report));
    if (!experiment.isEmpty() || otherGroups.isEmpty())
        return {};
    return {PlotRenderer::otherGroupsWarning(group, otherGroups)};
}

} // namespace seedscape
