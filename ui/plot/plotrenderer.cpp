#include "plotrenderer.h"

#include "learningcurveview.h"
#include "plotexporter.h"
#include "scatterplotview.h"
#include "statisticsplotview.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "stats/scatterdata.h"
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"

#include <QFileInfo>

namespace seedscape {

QStringList PlotRenderer::kinds()
{
    return {QStringLiteral("scatter"), QStringLiteral("spread"), QStringLiteral("ensemble-size"),
            QStringLiteral("curves")};
}

void PlotRenderer::render(const QString& workspaceFolder, const QString& kind, const QString& outputPath,
                          int width, int height, int dpi, int k)
{
    if (!QFileInfo(workspaceFolder).isDir())
        throw InputError({workspaceFolder}, QStringLiteral("no such workspace folder"));
    if (!kinds().contains(kind))
        throw InputError({}, QStringLiteral("unknown plot kind '%1'; the kinds are: %2")
                                 .arg(kind, kinds().join(QStringLiteral(", "))));
    if (!PlotExporter::formatOf(outputPath))
        throw InputError({outputPath}, QStringLiteral("unknown format; use .png, .svg or .pdf"));
    const std::vector<ExperimentResults> results = ExperimentResults::loadWorkspace(workspaceFolder);
    std::vector<const ExperimentResults*> pointers;
    for (const ExperimentResults& r : results)
        pointers.push_back(&r);
    ScatterData data = ScatterData::build(pointers, k, 200, 0);
    if (data.series.empty())
        throw InputError({workspaceFolder}, QStringLiteral("no experiment has a finished seed yet"));
    if (kind == QLatin1String("scatter")) {
        ScatterPlotView view;
        view.resize(width, height);
        view.setData(std::move(data));
        PlotExporter::save(view.plot(), outputPath, width, height, dpi);
        return;
    }
    if (kind == QLatin1String("curves")) { // the first experiment with seeds, by name
        const ExperimentResults* first = pointers.front();
        for (const ExperimentResults* r : pointers)
            if (!r->seeds.empty()) {
                first = r;
                break;
            }
        std::vector<std::vector<double>> curves;
        for (const SeedResult& seed : first->seeds)
            curves.push_back(seed.validationCurve);
        LearningCurveView view;
        view.resize(width, height);
        view.setData(first->name, first->labels.metric, std::move(curves));
        PlotExporter::save(view.plot(), outputPath, width, height, dpi);
        return;
    }
    StatisticsOptions options;
    options.ks = {k};
    StatisticsPlotView view(kind == QLatin1String("spread") ? StatisticsPlotView::Kind::Spread
                                                            : StatisticsPlotView::Kind::EnsembleSize);
    view.resize(width, height);
    view.setData(WorkspaceStatistics::compute(results, options).experiments);
    PlotExporter::save(view.plot(), outputPath, width, height, dpi);
}

} // namespace seedscape
