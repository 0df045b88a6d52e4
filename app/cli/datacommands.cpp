// seedscape-cli check and sample: look at data and experiments without training.
#include "clioptions.h"
#include "commands.h"

#include "data/preparedata.h"
#include "experiment/experimentnames.h"
#include "experiment/experimentreader.h"
#include "experiment/resourceestimate.h"
#include "store/sampleworkspace.h"
#include "store/workspace.h"
#include "sweep/sweeprunner.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>

namespace seedscape::cli {

namespace {

nlohmann::ordered_json toJson(const QStringList& list)
{
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const QString& s : list)
        a.push_back(s.toStdString());
    return a;
}

} // namespace

int checkCommand(const QStringList& args)
{
    const CliOptions options(args, {});
    if (options.positional().size() != 1)
        throw UsageError(QStringLiteral("check takes one experiment file"));
    const QString file = options.positional().front();
    const Experiment e = ExperimentReader::readFile(file);
    const QString dataPath = e.dataset.resolvedPath(QFileInfo(file).absolutePath());
    const PreparedData p = Workspace::prepareDataOfFile(e, file);
    const Dataset& d = p.dataset;
    const Metric metric = effectiveMetric(e.metric, d.task);
    // The same refusals and warnings as run, so that check finds them before a sweep starts.
    QStringList warnings = d.warnings;
    try { // run refuses this in the file's own folder (a workspace), and allows it from elsewhere
        Workspace(QFileInfo(file).absolutePath()).requireNameOfFile(file, e.name);
    } catch (const InputError& mismatch) {
        warnings << mismatch.message();
    }
    if (e.isCommand()) {
        e.model.command.requireRunnable(file);
    } else {
        const ResourceEstimate estimate(e, ResourceEstimate::shapeOf(p), e.seeds.count,
                                        SweepRunner::defaultJobs());
        estimate.requireFits(ResourceEstimate::availableMemoryBytes(), file);
        if (const auto slow = estimate.durationWarning(file))
            warnings << *slow;
    }
    for (const QString& warning : warnings)
        std::cerr << "warning: " << warning.toStdString() << std::endl;
    nlohmann::ordered_json out = {
        {"name", e.name.toStdString()},
        {"dataset",
         {{"file", dataPath.toStdString()},
          {"rows", d.rowCount()},
          {"features", d.featureCount()},
          {"feature_names", toJson(d.featureNames)},
          {"target", d.targetName.toStdString()},
          {"task", names::task(d.task).toStdString()},
          {"classes", toJson(d.classNames)},
          {"split",
           {{"train", p.split.train.size()},
            {"validation", p.split.validation.size()},
            {"test", p.split.test.size()}}},
          {"dropped_rows", d.droppedRows},
          {"warnings", toJson(d.warnings)}}},
        {"metric", names::metric(metric).toStdString()},
        {"higher_is_better", higherIsBetter(metric)},
        {"warnings", toJson(warnings)},
    };
    if (!e.isCommand()) { // a command experiment's cost is its program's business
        const ResourceEstimate estimate(e, ResourceEstimate::shapeOf(p), e.seeds.count,
                                        SweepRunner::defaultJobs());
        // Counts as whole numbers ("parameters": 547, not 547.0).
        out["estimate"] = {{"parameters", static_cast<long long>(std::llround(estimate.parameters()))},
                           {"memory_bytes", static_cast<long long>(std::llround(estimate.memoryBytes()))},
                           {"sweep_seconds", estimate.sweepSeconds()}};
    }
    if (e.isCommand()) { // its data is read for the target only: "0 features" read as misparsed data
        out["dataset"]["features"] = nullptr;
        out["dataset"]["feature_names"] = nullptr;
    }
    std::cout << out.dump(2) << std::endl;
    return 0;
}

int sampleCommand(const QStringList& args)
{
    const CliOptions options(args, {QStringLiteral("--workspace")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("sample takes no file, only --workspace DIR"));
    const QString folder = options.required(QStringLiteral("--workspace"));
    const int count = SampleWorkspace::create(folder);
    std::cerr << "sample workspace " << folder.toStdString() << ": " << count << " experiments" << std::endl;
    return 0;
}

} // namespace seedscape::cli
