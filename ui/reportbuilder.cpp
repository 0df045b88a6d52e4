#include "reportbuilder.h"

#include "experimenttablemodel.h"
#include "plot/plotexporter.h"
#include "plot/plotpage.h"
#include "workspacesnapshot.h"

#include <QFileInfo>

namespace seedscape {

HtmlReport ReportBuilder::build(const QString& workspaceFolder, const ExperimentTableModel& experiments,
                                const std::vector<PlotPage*>& pages, const QString& path)
{
    WorkspaceStatistics statistics = WorkspaceStatistics::fromExperiments(experiments.checkedStatistics());
    std::vector<Experiment> definitions;
    for (const ExperimentStatistics& e : statistics.experiments) {
        const int row = experiments.rowOf(e.name);
        if (row >= 0 && experiments.entry(row).experiment)
            definitions.push_back(*experiments.entry(row).experiment);
    }
    return build(workspaceFolder, std::move(statistics), std::move(definitions), pages, path);
}

HtmlReport ReportBuilder::build(const QString& workspaceFolder, WorkspaceStatistics statistics,
                                std::vector<Experiment> definitions, const std::vector<PlotPage*>& pages,
                                const QString& path)
{
    HtmlReport report;
    report.title = tr("Seedscape report: %1").arg(QFileInfo(workspaceFolder).fileName());
    report.workspace = workspaceFolder;
    report.statistics = std::move(statistics);
    report.definitions = std::move(definitions);
    for (PlotPage* page : pages)
        if (page->hasContent())
            report.figures.push_back({page->caption(),
                                      PlotExporter::encode(page->plot(), PlotExporter::Format::Svg,
                                                           kFigureWidth, kFigureHeight, 96, path),
                                      page->name()});
    report.note =
        tr("k-ensembles use at most %1 subsets per experiment, and the ensemble-size curve every "
           "subset up to that and %2 random ones per size beyond it; the command seedscape-cli stats gives "
           "the full computation.")
            .arg(WorkspaceSnapshot::statisticsOptions().subsetLimit)
            .arg(WorkspaceSnapshot::statisticsOptions().curveSubsetLimit);
    return report;
}

} // namespace seedscape
