#pragma once

#include "experimentcolours.h"
#include "store/experimentresults.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace seedscape {

class PlotPage;

// Draws a workspace's plot without a window and saves it: what `seedscape-cli plot` runs, with
// the same view code as the window, so a file shows exactly what the screen would.
class PlotRenderer
{
public:
    struct Options
    {
        // "scatter" (validation vs test), "spread" (seed spread), "ensemble-size", or "curves"
        // (learning curves of the chosen experiment, or the first with seeds).
        QString kind = QStringLiteral("scatter");
        QString experiment;      // plot this experiment and those comparable with it
        bool box = false;        // spread: a box plot instead of a strip of seeds
        bool testScores = false; // spread: test scores instead of validation scores
        int width = 900, height = 700, dpi = 96, k = 3;
    };

    // Throws InputError or StorageError (also for an output folder that does not exist). Returns
    // what the plot cannot show although it was asked to (a k above every experiment's seeds,
    // curves of an experiment that recorded none, with no experiment named the experiments of other
    // groups: otherGroupsWarning), one warning each.
    static QStringList render(const QString& workspaceFolder, const QString& outputPath,
                              const Options& options);

    // Throws InputError when outputPath's folder does not exist.
    static void requireOutputFolder(const QString& outputPath);

    // The experiments drawn together: the chosen one (by default the first with seeds) and the
    // others of its comparison group (scored on the same rows), in the workspace's order.
    // Throws InputError for an unknown name or a workspace without finished seeds.
    // otherGroups, when given, receives the experiments with seeds that other groups hold; problems,
    // the damaged files left out (ExperimentResults::loadWorkspace), as `stats` warns of them.
    static std::vector<ExperimentResults> comparableGroup(const QString& workspaceFolder,
                                                          const QString& experiment,
                                                          QStringList* otherGroups = nullptr,
                                                          QStringList* problems = nullptr);
    // With no experiment named, the plot or report shows the first one's group only: the others are
    // named, so that they are never left out without a word. Empty when there are none.
    static QString otherGroupsWarning(const std::vector<ExperimentResults>& group,
                                      const QStringList& otherGroups);
    // A view of one kind holding the group's data, drawn at options' size, each experiment in its
    // colour among colours (ExperimentColours::ofWorkspace: the same as in the window).
    static std::unique_ptr<PlotPage> view(const std::vector<ExperimentResults>& group, const Options& options,
                                          const ExperimentColours& colours = {});

    static QStringList kinds();
};

} // namespace seedscape
