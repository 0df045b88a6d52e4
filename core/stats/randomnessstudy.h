#pragma once

#include "experimentstatistics.h"

#include "experiment/experiment.h"

#include <map>
#include <vector>

namespace seedscape {

// Where an experiment's seed spread comes from (PRODUCT: "which source of randomness causes the
// spread"). The study trains one variant per source of randomness that lets only that source vary
// between seeds (seeds.vary); each variant's spread is what that source alone causes, set beside the
// spread with every source varying.
class RandomnessStudy
{
public:
    // The sources that can move a built-in model's scores: init and order always, dropout when the
    // model has dropout. None for a command experiment: its program owns its randomness.
    static QStringList sources(const Experiment& base);
    // The sources of randomness e's seeds hold fixed: sources(e) that its seeds.vary leaves out.
    static QStringList heldFixed(const Experiment& e);
    // One variant of base per source: seeds.vary that source alone, no seed list, named
    // BASE-only-SOURCE (numbered when taken), tagged "randomness-study", its notes saying what it is.
    static std::vector<Experiment> variants(const Experiment& base, const QStringList& takenNames);
    // Whether a and b differ in nothing but their seeds (which sources vary, count, list) and their
    // name, tags and notes: their spreads then differ only by what varies.
    static bool differOnlyInSeeds(const Experiment& a, const Experiment& b);

    struct Row
    {
        QString experiment;
        QStringList vary; // the sources that differ between its seeds and can move its scores
        int seeds = 0;
        Spread validation, test;
    };
    // focus first (undefined spreads while it has no seeds), then every experiment of definitions that
    // differs from it only in its seeds and has seeds, by how many sources vary (most first) and name.
    static std::vector<Row> rows(const Experiment& focus, const std::vector<Experiment>& definitions,
                                 const std::map<QString, ExperimentStatistics>& statistics);
    // Every study among definitions, as the report and `stats --json` list them: the rows of each
    // experiment with seeds that has variants differing only in their seeds and no more sources
    // varying (the variants are in its rows, not studies of their own), in definitions' order.
    static std::vector<std::vector<Row>> studies(const std::vector<Experiment>& definitions,
                                                 const std::map<QString, ExperimentStatistics>& statistics);

    static constexpr const char* kTag = "randomness-study";
};

} // namespace seedscape
