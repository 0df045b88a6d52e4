#include "statisticsjson.h"

#include "experiment/experimentnames.h"
#include "randomnessstudy.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace seedscape {

namespace {

using json = nlohmann::ordered_json;

json number(double v)
{
    return std::isfinite(v) ? json(v) : json(nullptr);
}

json pair(const double* v)
{
    return json::array({number(v[0]), number(v[1])});
}

json spreadJson(const Spread& s)
{
    json expected = json::object();
    for (size_t n = 0; n < s.expectedBest.size(); ++n)
        expected[std::to_string(n + 1)] = number(s.expectedBest[n]);
    return {{"n", s.n},
            {"mean", number(s.mean)},
            {"std", number(s.std)},
            {"min", number(s.min)},
            {"max", number(s.max)},
            {"range", number(s.range)},
            {"ci95", json::array({number(s.ciLow), number(s.ciHigh)})},
            {"iqm", number(s.iqm)},
            {"expected_best", expected}};
}

json correlationJson(const Correlation& c)
{
    return {{"pearson", number(c.pearson)},
            {"spearman", number(c.spearman)},
            {"kendall", number(c.kendall)},
            {"n", c.n},
            {"ci95", std::isfinite(c.pearsonCi95[0]) ? pair(c.pearsonCi95) : json(nullptr)},
            {"spearman_ci95", std::isfinite(c.spearmanCi95[0]) ? pair(c.spearmanCi95) : json(nullptr)},
            {"kendall_ci95", std::isfinite(c.kendallCi95[0]) ? pair(c.kendallCi95) : json(nullptr)}};
}

json textOrNull(const QString& s)
{
    return s.isEmpty() ? json(nullptr) : json(s.toStdString());
}

// What the experiments of a group share (docs/interfaces.md, "groups").
json groupDataJson(const ComparisonGroup& g)
{
    json data = {{"key", textOrNull(g.key)},
                 {"source", g.defined ? "definition" : "labels"},
                 {"task", names::task(g.task).toStdString()},
                 {"metric", names::metric(g.metric).toStdString()},
                 {"labels_hash", textOrNull(g.labelsHash)},
                 {"rows", {{"val", g.validationRows}, {"test", g.testRows}}}};
    if (g.defined) {
        data["file"] = g.dataPath.toStdString();
        data["data_hash"] = textOrNull(g.dataHash);
        data["target"] = g.target.toStdString();
        data["missing"] = g.missing == MissingPolicy::Drop ? "drop" : "error";
        data["split"] =
            g.split.usesColumn()
                ? json{{"column", g.split.column.toStdString()}}
                : json{{"validation", g.split.validation}, {"test", g.split.test}, {"seed", g.split.seed}};
    }
    return data;
}

json groupJson(const WorkspaceStatistics::Group& g)
{
    json names = json::array();
    for (const QString& e : g.experiments)
        names.push_back(e.toStdString());
    json comparisons = json::array();
    for (const auto& c : g.comparisons)
        comparisons.push_back({{"a", c.a.toStdString()},
                               {"b", c.b.toStdString()},
                               {"p_better_val", number(c.pBetterValidation)},
                               {"p_better_test", number(c.pBetterTest)},
                               {"n_a", c.seedsA},
                               {"n_b", c.seedsB}});
    return {
        {"experiments", names},
        {"data", groupDataJson(g.data)},
        {"comparisons", comparisons},
        {"across_experiments",
         {{"metric", names::metric(g.data.metric).toStdString()},
          {"experiments", g.experiments.size()},
          {"seeds", correlationJson(g.acrossSeeds)},
          {"ensembles", correlationJson(g.acrossEnsembles)}}},
        {"pick",
         {{"by_ensemble", textOrNull(g.pickByEnsemble)}, {"by_stability", textOrNull(g.pickByStability)}}}};
}

json sizeJson(const EnsembleScorer::SizeSummary* s)
{
    if (!s || s->count == 0) // k outside 1..N: no such ensembles
        return {{"count", 0},         {"exhaustive", true},   {"val_mean", nullptr}, {"val_min", nullptr},
                {"val_max", nullptr}, {"test_mean", nullptr}, {"test_min", nullptr}, {"test_max", nullptr}};
    return {{"count", s->count},
            {"exhaustive", s->exhaustive},
            {"val_mean", number(s->validationMean)},
            {"val_min", number(s->validationMin)},
            {"val_max", number(s->validationMax)},
            {"test_mean", number(s->testMean)},
            {"test_min", number(s->testMin)},
            {"test_max", number(s->testMax)}};
}

json experimentJson(const ExperimentStatistics& e, const StatisticsOptions& options)
{
    json seeds = json::array();
    for (const auto& s : e.seeds)
        seeds.push_back({{"seed", s.seed}, {"val", number(s.validation)}, {"test", number(s.test)}});
    json damaged = json::array();
    for (const QString& file : e.damagedSeeds)
        damaged.push_back(file.toStdString());
    json heldFixed = json::array();
    for (const QString& source : e.heldFixed)
        heldFixed.push_back(source.toStdString());
    json kEnsembles = json::object();
    for (int k : options.ks)
        kEnsembles[std::to_string(k)] = sizeJson(e.kEnsembles(k));
    json curve = json::array();
    for (const auto& s : e.sizeCurve) {
        json point = sizeJson(&s);
        point["k"] = s.k;
        curve.push_back(point);
    }
    json out = {{"name", e.name.toStdString()},
                {"task", names::task(e.task).toStdString()},
                {"metric", names::metric(e.metric).toStdString()},
                {"higher_is_better", e.higherIsBetter},
                {"seeds", seeds},
                {"failed_seeds", e.failedSeeds},
                {"damaged_seeds", damaged},
                {"held_fixed", heldFixed},
                {"val", spreadJson(e.validation)},
                {"test", spreadJson(e.test)},
                {"ensemble", {{"val", number(e.ensembleValidation)}, {"test", number(e.ensembleTest)}}},
                {"ensemble_gain", {{"val", number(e.gainValidation)}, {"test", number(e.gainTest)}}},
                {"k_ensembles", kEnsembles},
                {"ensemble_size_curve", curve},
                {"val_test_correlation", correlationJson(e.validationTest)}};
    if (e.bootstrap) {
        const BootstrapIntervals& b = *e.bootstrap;
        out["bootstrap"] = {{"resamples", b.resamples},
                            {"val_mean", pair(b.validationMean)},
                            {"test_mean", pair(b.testMean)},
                            {"ensemble_val", pair(b.ensembleValidation)},
                            {"ensemble_test", pair(b.ensembleTest)}};
    }
    return out;
}

// Where the spread comes from (docs/interfaces.md, "randomness_studies"): each study's rows, the
// experiment with every source varying first.
json studiesJson(const WorkspaceStatistics& w, const std::vector<Experiment>& definitions)
{
    std::map<QString, ExperimentStatistics> byName;
    for (const ExperimentStatistics& e : w.experiments)
        byName.emplace(e.name, e);
    json studies = json::array();
    for (const std::vector<RandomnessStudy::Row>& rows : RandomnessStudy::studies(definitions, byName)) {
        json variants = json::array();
        for (const RandomnessStudy::Row& r : rows) {
            json vary = json::array();
            for (const QString& source : r.vary)
                vary.push_back(source.toStdString());
            variants.push_back({{"name", r.experiment.toStdString()},
                                {"vary", vary},
                                {"n", r.seeds},
                                {"val_std", number(r.validation.std)},
                                {"val_range", number(r.validation.range)},
                                {"test_std", number(r.test.std)},
                                {"test_range", number(r.test.range)}});
        }
        studies.push_back({{"experiment", rows.front().experiment.toStdString()}, {"rows", variants}});
    }
    return studies;
}

} // namespace

QByteArray StatisticsJson::toJson(const WorkspaceStatistics& w, const StatisticsOptions& options,
                                  const std::vector<Experiment>& definitions)
{
    json experiments = json::array();
    for (const ExperimentStatistics& e : w.experiments) {
        experiments.push_back(experimentJson(e, options));
        for (const Experiment& d : definitions) {
            if (d.name != e.name)
                continue;
            if (!d.tags.isEmpty()) {
                json tags = json::array();
                for (const QString& tag : d.tags)
                    tags.push_back(tag.toStdString());
                experiments.back()["tags"] = tags;
            }
            if (!d.notes.trimmed().isEmpty())
                experiments.back()["notes"] = d.notes.toStdString();
        }
    }
    json groups = json::array();
    for (const WorkspaceStatistics::Group& g : w.groups)
        groups.push_back(groupJson(g));
    json failedOnly = json::array();
    for (const WorkspaceStatistics::FailedOnly& f : w.failedOnly)
        failedOnly.push_back({{"name", f.name.toStdString()},
                              {"failed_seeds", f.failedSeeds},
                              {"last_failure", f.lastFailure.toStdString()}});
    json root = {{"format", 1},
                 {"experiments", experiments},
                 {"failed_only", failedOnly},
                 {"groups", groups},
                 {"randomness_studies", studiesJson(w, definitions)},
                 {"settings",
                  {{"k", options.ks},
                   {"subset_limit", options.subsetLimit},
                   {"curve_subset_limit", options.curveSubsetLimit},
                   {"bootstrap_resamples", options.bootstrapResamples},
                   {"random_seed", options.randomSeed}}}};
    return QByteArray::fromStdString(root.dump(2) + "\n");
}

} // namespace seedscape
