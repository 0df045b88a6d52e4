#include "scatterdata.h"

#include "common/countednoun.h"
#include "ensemblescorer.h"
#include "experiment/experimentnames.h"

#include <cmath>
#include <limits>
#include <map>

namespace seedscape {

namespace {

ScatterData::Trend trendOf(const std::vector<double>& x, const std::vector<double>& y)
{
    ScatterData::Trend trend{std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::quiet_NaN(), Correlation::of(x, y)};
    // A line through two points is no trend, as r = ±1 from two is no correlation.
    if (static_cast<int>(x.size()) < Correlation::kMinPoints)
        return trend;
    double mx = 0, my = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= x.size();
    my /= y.size();
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
    }
    if (sxx > 0) {
        trend.slope = sxy / sxx;
        trend.intercept = my - trend.slope * mx;
    }
    return trend;
}

} // namespace

bool ScatterData::Trend::isDefined() const
{
    return std::isfinite(slope) && std::isfinite(intercept) &&
           correlation.n >= Correlation::kMinPointsForInterval;
}

ScatterData ScatterData::build(const std::vector<const ExperimentResults*>& experiments, int k,
                               int subsetLimit, quint64 randomSeed, bool firstLeads)
{
    ScatterData data;
    data.k = k;
    data.subsetLimit = subsetLimit;
    std::vector<double> seedX, seedY, ensembleX, ensembleY;
    // The first experiment asked decides the plotted group; the others join it when scored on the
    // same rows.
    bool decided = false;
    const auto joins = [&](const ExperimentResults& e) {
        ComparisonGroup group = ComparisonGroup::of(e);
        if (decided)
            return group.key == data.group.key;
        decided = true;
        data.metric = e.labels.metric;
        data.higherIsBetter = seedscape::higherIsBetter(data.metric);
        data.group = std::move(group);
        return true;
    };
    if (firstLeads && !experiments.empty() && experiments.front()->seeds.empty())
        joins(*experiments.front()); // listed in awaitingSeeds below
    for (const ExperimentResults* e : experiments) {
        if (e->seeds.empty())
            continue;
        if (!joins(*e)) {
            data.otherGroups << e->name; // other rows: one trend over both would mix data sets
            continue;
        }
        Series series;
        series.experiment = e->name;
        for (const SeedResult& s : e->seeds) {
            series.points.push_back({Kind::Seed, s.validationScore, s.testScore, {s.seed}});
            seedX.push_back(s.validationScore);
            seedY.push_back(s.testScore);
        }
        const EnsembleScorer scorer(*e);
        auto seedsOf = [&](const std::vector<int>& indices) {
            std::vector<quint64> seeds;
            for (int i : indices)
                seeds.push_back(e->seeds[static_cast<size_t>(i)].seed);
            return seeds;
        };
        if (k < scorer.seedCount() && EnsembleScorer::choose(scorer.seedCount(), k) > subsetLimit)
            data.kSampled = true;
        if (k < scorer.seedCount()) // the k-ensemble of all seeds is the full ensemble
            for (const auto& m : scorer.kEnsembleMembers(k, subsetLimit, randomSeed))
                series.points.push_back(
                    {Kind::KEnsemble, m.scores.validation, m.scores.test, seedsOf(m.seeds)});
        std::vector<int> all(static_cast<size_t>(scorer.seedCount()));
        for (int i = 0; i < scorer.seedCount(); ++i)
            all[i] = i;
        const auto full = scorer.score(all);
        series.points.push_back({Kind::FullEnsemble, full.validation, full.test, seedsOf(all)});
        ensembleX.push_back(full.validation);
        ensembleY.push_back(full.test);
        data.series.push_back(std::move(series));
    }
    for (const ExperimentResults* e : experiments)
        if (e->seeds.empty() && joins(*e)) // else nothing of it is drawn, so nothing is left out
            data.awaitingSeeds << e->name;
    data.seedTrend = trendOf(seedX, seedY);
    data.ensembleTrend = trendOf(ensembleX, ensembleY);
    return data;
}

QString ScatterData::otherGroupsNote() const
{
    if (otherGroups.isEmpty())
        return {};
    // Not "other data" alone: the same file with another split seed or metric is left out too.
    return QStringLiteral("%1 checked %2 other data, split or metric: %3")
        .arg(otherGroups.size())
        .arg(otherGroups.size() == 1 ? QStringLiteral("experiment uses") : QStringLiteral("experiments use"),
             namesAndMore(otherGroups, kOtherGroupsNamed));
}

int ScatterData::seedsSharingAPoint() const
{
    std::map<std::pair<double, double>, int> atPoint; // the drawn seeds by point
    for (const Series& s : series)
        for (const Point& p : s.points)
            if (p.kind == Kind::Seed && std::isfinite(p.validation) && std::isfinite(p.test))
                ++atPoint[{p.validation, p.test}];
    int shared = 0;
    for (const auto& [point, seeds] : atPoint)
        if (seeds > 1)
            shared += seeds;
    return shared;
}

QString ScatterData::sharedPointsNote() const
{
    const int shared = seedsSharingAPoint();
    if (shared == 0)
        return {};
    int drawn = 0; // a seed with an undefined score is not on the plot
    for (const Series& s : series)
        for (const Point& p : s.points)
            drawn += p.kind == Kind::Seed && std::isfinite(p.validation) && std::isfinite(p.test);
    return QStringLiteral("%1 of %2 single seeds share a point with another: a marker may stand for several.")
        .arg(shared)
        .arg(drawn);
}

int ScatterData::count(Kind kind) const
{
    int n = 0;
    for (const Series& s : series)
        for (const Point& p : s.points)
            n += p.kind == kind;
    return n;
}

} // namespace seedscape
