#include "reportrenderer.h"

#include "plot/plotpage.h"
#include "plot/plotrenderer.h"
#include "reportbuilder.h"
#include "reportpdfprinter.h"
#include "workspacesnapshot.h"

#include "common/atomicfile.h"
#include "common/countednoun.h"
#include "common/inputerror.h"
#include "store/workspace.h"

#include <QFileInfo>

#include <memory>

namespace seedscape {

namespace {

constexpr int kOtherGroupsNamed = 20; // the report has room for more names than a warning line

} // namespace

QStringList ReportRenderer::render(const QString& workspaceFolder, const QString& outputPath,
                                   const QString& experiment)
{
    const QString suffix = QFileInfo(outputPath).suffix().toLower();
    if (suffix != QLatin1String("html") && suffix != QLatin1String("pdf"))
        throw InputError({outputPath}, QStringLiteral("unknown format; use .html or .pdf"));
    PlotRenderer::requireOutputFolder(outputPath);
    QStringList otherGroups, damaged;
    const std::vector<ExperimentResults> group =
        PlotRenderer::comparableGroup(workspaceFolder, experiment, &otherGroups, &damaged);

    std::vector<std::unique_ptr<PlotPage>> views;
    std::vector<PlotPage*> pages;
    QString colourProblem;
    const ExperimentColours colours = ExperimentColours::ofWorkspace(workspaceFolder, &colourProblem);
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
    HtmlReport report = ReportBuilder::build(workspaceFolder, std::move(statistics), std::move(definitions),
                                             pages, outputPath);
    // What the report leaves out is said in it too: its reader never sees the command's warnings.
    QStringList warnings = damaged;
    if (!colourProblem.isEmpty())
        warnings << colourProblem;
    if (experiment.isEmpty() && !otherGroups.isEmpty())
        warnings << PlotRenderer::otherGroupsWarning(group, otherGroups);
    report.leftOut = damaged;
    if (!otherGroups.isEmpty())
        report.leftOut << QStringLiteral(
                              "Other comparison groups (other data, split or metric) are not in this "
                              "report: %1.")
                              .arg(namesAndMore(otherGroups, kOtherGroupsNamed));
    AtomicFile::write(outputPath,
                      suffix == QLatin1String("html") ? report.toHtml() : ReportPdfPrinter::print(report));
    return warnings;
}

} // namespace seedscape
