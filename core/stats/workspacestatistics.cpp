#include "workspacestatistics.h"

#include "common/numberformat.h"
#include "common/parallelfor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace seedscape {

namespace {

std::vector<double> scoresOf(const ExperimentStatistics& s, bool validation)
{
    std::vector<double> v;
    for (const auto& seed : s.seeds)
        v.push_back(validation ? seed.validation : seed.test);
    return v;
}

} // namespace

double WorkspaceStatistics::probabilityBetter(const std::vector<double>& a, const std::vector<double>& b,
                                              bool higherIsBetter)
{
    const auto undefined = [](double v) {
        return !std::isfinite(v);
    };
    // An undefined score is neither better nor worse: the probability is undefined, never 0 both ways.
    if (a.empty() || b.empty() || std::any_of(a.begin(), a.end(), undefined) ||
        std::any_of(b.begin(), b.end(), undefined))
        return std::numeric_limits<double>::quiet_NaN();
    double wins = 0;
    for (double x : a)
        for (double y : b)
            wins += x == y ? 0.5 : ((higherIsBetter ? x > y : x < y) ? 1.0 : 0.0);
    return wins / (static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

WorkspaceStatistics WorkspaceStatistics::compute(const std::vector<ExperimentResults>& results,
                                                 const StatisticsOptions& options)
{
    WorkspaceStatistics w;
    std::vector<const ExperimentResults*> withSeeds;
    for (const ExperimentResults& r : results)
        if (!r.seeds.empty())
            withSeeds.push_back(&r);
    // Experiments are independent: compute them on every core, each result in its own slot.
    w.experiments.resize(withSeeds.size());
    const int threads =
        options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
    parallelFor(withSeeds.size(), static_cast<size_t>(std::max(1, threads)),
                [&](size_t i) { w.experiments[i] = ExperimentStatistics::compute(*withSeeds[i], options); });
    WorkspaceStatistics computed =
        fromExperiments(std::move(w.experiments), options.bootstrapResamples, options.randomSeed);
    for (const ExperimentResults& r : results)
        if (r.seeds.empty() && r.failedSeeds > 0)
            computed.failedOnly.push_back({r.name, r.failedSeeds, r.lastFailure});
    return computed;
}

WorkspaceStatistics WorkspaceStatistics::fromExperiments(std::vector<ExperimentStatistics> experiments,
                                                         int bootstrapResamples, quint64 randomSeed)
{
    WorkspaceStatistics w;
    w.experiments = std::move(experiments);
    std::vector<const ComparisonGroup*> keys;
    std::vector<Metric> metrics;
    for (const ExperimentStatistics& e : w.experiments) {
        keys.push_back(&e.group);
        metrics.push_back(e.metric);
    }
    for (const std::vector<size_t>& members : ComparisonGroup::partition(keys, metrics)) {
        Group g;
        g.data = w.experiments[members.front()].group;
        if (g.data.key.isEmpty()) { // built in memory: grouped by metric, so name that much
            g.data.task = w.experiments[members.front()].task;
            g.data.metric = w.experiments[members.front()].metric;
        }
        for (size_t i : members)
            g.experiments << w.experiments[i].name;
        for (size_t i : members)
            for (size_t j : members) {
                if (i == j)
                    continue;
                const ExperimentStatistics& a = w.experiments[i];
                const ExperimentStatistics& b = w.experiments[j];
                g.comparisons.push_back(
                    {a.name, b.name,
                     probabilityBetter(scoresOf(a, true), scoresOf(b, true), a.higherIsBetter),
                     probabilityBetter(scoresOf(a, false), scoresOf(b, false), a.higherIsBetter),
                     a.seedCount(), b.seedCount()});
            }

        std::vector<double> seedValidation, seedTest, ensembleValidation, ensembleTest;
        const ExperimentStatistics* bestEnsemble = nullptr;
        const ExperimentStatistics* mostStable = nullptr;
        int ensembleCandidates = 0, stabilityCandidates = 0;
        for (size_t i : members) {
            const ExperimentStatistics& e = w.experiments[i];
            for (const auto& seed : e.seeds) {
                seedValidation.push_back(seed.validation);
                seedTest.push_back(seed.test);
            }
            ensembleValidation.push_back(e.ensembleValidation);
            ensembleTest.push_back(e.ensembleTest);
            // Holding a source fixed narrows the range and changes the ensemble without making the
            // model any better: the picks choose between models trained as they would be deployed.
            if (!e.heldFixed.isEmpty()) {
                g.leftOutOfPicks << e.name;
                continue;
            }
            const bool higher = e.higherIsBetter;
            // An undefined score picks nothing. A single seed is no ensemble (its "ensemble" is one
            // lucky or unlucky draw) and has no range to be small.
            const bool ensembleCandidate = e.seedCount() >= 2 && std::isfinite(e.ensembleValidation);
            const bool stabilityCandidate = e.seedCount() >= 2 && std::isfinite(e.validation.range);
            ensembleCandidates += ensembleCandidate;
            stabilityCandidates += stabilityCandidate;
            if (ensembleCandidate &&
                (!bestEnsemble || (higher ? e.ensembleValidation > bestEnsemble->ensembleValidation
                                          : e.ensembleValidation < bestEnsemble->ensembleValidation)))
                bestEnsemble = &e;
            if (stabilityCandidate && (!mostStable || e.validation.range < mostStable->validation.range ||
                                       (e.validation.range == mostStable->validation.range &&
                                        (higher ? e.validation.mean > mostStable->validation.mean
                                                : e.validation.mean < mostStable->validation.mean))))
                mostStable = &e;
        }
        const ExperimentStatistics* secondEnsemble = nullptr;
        const ExperimentStatistics* secondStable = nullptr;
        for (size_t i : members) {
            const ExperimentStatistics& e = w.experiments[i];
            if (!e.heldFixed.isEmpty() || e.seedCount() < 2)
                continue;
            if (bestEnsemble && &e != bestEnsemble &&
                e.ensembleValidation == bestEnsemble->ensembleValidation)
                g.tiedByEnsemble << e.name;
            const bool higher = e.higherIsBetter;
            if (bestEnsemble && &e != bestEnsemble && std::isfinite(e.ensembleValidation) &&
                (!secondEnsemble || (higher ? e.ensembleValidation > secondEnsemble->ensembleValidation
                                            : e.ensembleValidation < secondEnsemble->ensembleValidation)))
                secondEnsemble = &e;
            if (mostStable && &e != mostStable && std::isfinite(e.validation.range) &&
                (!secondStable || e.validation.range < secondStable->validation.range ||
                 (e.validation.range == secondStable->validation.range &&
                  (higher ? e.validation.mean > secondStable->validation.mean
                          : e.validation.mean < secondStable->validation.mean))))
                secondStable = &e;
            if (!mostStable || !std::isfinite(e.validation.range))
                continue;
            if (&e != mostStable && e.validation.range == mostStable->validation.range &&
                e.validation.mean == mostStable->validation.mean)
                g.tiedByStability << e.name;
            g.stabilityMostSeeds = std::max(g.stabilityMostSeeds, e.seedCount());
        }
        g.acrossSeeds = Correlation::of(seedValidation, seedTest, bootstrapResamples, randomSeed);
        g.acrossEnsembles = Correlation::of(ensembleValidation, ensembleTest, bootstrapResamples, randomSeed);
        if (ensembleCandidates == 1)
            g.loneByEnsemble = bestEnsemble->name;
        else if (bestEnsemble)
            g.pickByEnsemble = bestEnsemble->name;
        if (!g.pickByEnsemble.isEmpty() && g.tiedByEnsemble.isEmpty() && secondEnsemble) {
            g.runnerUpByEnsemble = secondEnsemble->name;
            g.pickEnsembleScore = bestEnsemble->ensembleValidation;
            g.runnerUpEnsembleScore = secondEnsemble->ensembleValidation;
        }
        if (stabilityCandidates == 1) {
            g.loneByStability = mostStable->name;
        } else if (mostStable) {
            g.pickByStability = mostStable->name;
            g.pickByStabilitySeeds = mostStable->seedCount();
        }
        if (!g.pickByStability.isEmpty() && g.tiedByStability.isEmpty() && secondStable) {
            g.runnerUpByStability = secondStable->name;
            g.pickRange = mostStable->validation.range;
            g.runnerUpRange = secondStable->validation.range;
        }
        w.groups.push_back(std::move(g));
    }
    return w;
}

QString WorkspaceStatistics::Group::leftOutNote() const
{
    if (leftOutOfPicks.isEmpty())
        return {};
    return QStringLiteral("Not picked: %1 %2 a source of randomness fixed between seeds (seeds.vary), so "
                          "%3 spread leaves out what that source adds.")
        .arg(leftOutOfPicks.join(QStringLiteral(", ")),
             leftOutOfPicks.size() == 1 ? QStringLiteral("holds") : QStringLiteral("hold"),
             leftOutOfPicks.size() == 1 ? QStringLiteral("its") : QStringLiteral("their"));
}

QString WorkspaceStatistics::Group::pickCaveats() const
{
    QStringList sentences;
    const auto tie = [](const QString& pick, const QStringList& tied, const QString& on) {
        const QStringList all = QStringList{pick} + tied;
        return QStringLiteral("%1 and %2 tie on %3; the pick names the first by name.")
            .arg(all.mid(0, all.size() - 1).join(QStringLiteral(", ")), all.last(), on);
    };
    if (!tiedByEnsemble.isEmpty())
        sentences << tie(pickByEnsemble, tiedByEnsemble,
                         QStringLiteral("the full-ensemble validation score"));
    if (!tiedByStability.isEmpty())
        sentences << tie(pickByStability, tiedByStability, QStringLiteral("validation range and mean"));
    if (!pickByStability.isEmpty() && pickByStabilitySeeds < stabilityMostSeeds)
        sentences << QStringLiteral(
                         "The stability pick's range spans %1 seeds, other experiments' up to %2: a range "
                         "can only widen as seeds are added, so fewer seeds can look steadier.")
                         .arg(pickByStabilitySeeds)
                         .arg(stabilityMostSeeds);
    // The method's central question: does a better validation score mean a better test score?
    // When not even the ensembles say so, a pick by validation is a guess.
    const Correlation& c = acrossEnsembles;
    if (!pickByEnsemble.isEmpty() && std::isfinite(c.pearson) &&
        (c.pearson <= 0 || (std::isfinite(c.pearsonCi95[0]) && c.pearsonCi95[0] <= 0)))
        sentences << QStringLiteral("Across this group's full ensembles, validation scores do not reliably "
                                    "go with test scores, %1: the pick by ensemble may not hold on test.")
                         .arg(c.pearsonText());
    return sentences.join(QLatin1Char(' '));
}

QString WorkspaceStatistics::Group::pickMargins() const
{
    // The scores and their difference to the decimal place of its second digit: enough to see it.
    const auto shown = [](double v, double pick, double runnerUp) {
        const int place = intervalPlace(std::abs(pick - runnerUp));
        return place == kNoPlace ? formatNumber(v, 4) : formatToPlace(v, place);
    };
    QStringList sentences;
    if (!runnerUpByEnsemble.isEmpty()) {
        const auto at = [&](double v) {
            return shown(v, pickEnsembleScore, runnerUpEnsembleScore);
        };
        QString sentence = QStringLiteral("By ensemble, %1 leads the runner-up, %2, by %3 (%4 against %5)")
                               .arg(pickByEnsemble, runnerUpByEnsemble,
                                    at(std::abs(pickEnsembleScore - runnerUpEnsembleScore)),
                                    at(pickEnsembleScore), at(runnerUpEnsembleScore));
        for (const Comparison& c : comparisons)
            if (c.a == pickByEnsemble && c.b == runnerUpByEnsemble && !c.tooFewSeeds())
                sentence += QStringLiteral("; a single seed of %1 beats one of %2 on validation with "
                                           "P = %3%4")
                                .arg(c.a, c.b, formatNumber(c.pBetterValidation, 2),
                                     c.pBetterValidation <= 0.5 ? QStringLiteral(", no better than even")
                                                                : QString());
        sentences << sentence + QLatin1Char('.');
    }
    if (!runnerUpByStability.isEmpty()) {
        const auto at = [&](double v) {
            return shown(v, pickRange, runnerUpRange);
        };
        if (pickRange == runnerUpRange) // a tie broken by the mean (an exact tie is said as a tie)
            sentences << QStringLiteral("By stability, %1 and the runner-up %2 have the same validation "
                                        "range, %3; %1's better validation mean decides.")
                             .arg(pickByStability, runnerUpByStability, at(pickRange));
        else
            sentences << QStringLiteral(
                             "By stability, %1's validation range is %2 against the runner-up %3's %4.")
                             .arg(pickByStability, at(pickRange), runnerUpByStability, at(runnerUpRange));
    }
    return sentences.join(QLatin1Char(' '));
}

void WorkspaceStatistics::Group::takePicksOf(const Group& other)
{
    pickByEnsemble = other.pickByEnsemble;
    pickByStability = other.pickByStability;
    tiedByEnsemble = other.tiedByEnsemble;
    tiedByStability = other.tiedByStability;
    pickByStabilitySeeds = other.pickByStabilitySeeds;
    stabilityMostSeeds = other.stabilityMostSeeds;
    loneByEnsemble = other.loneByEnsemble;
    loneByStability = other.loneByStability;
    runnerUpByEnsemble = other.runnerUpByEnsemble;
    runnerUpByStability = other.runnerUpByStability;
    pickEnsembleScore = other.pickEnsembleScore;
    runnerUpEnsembleScore = other.runnerUpEnsembleScore;
    pickRange = other.pickRange;
    runnerUpRange = other.runnerUpRange;
}

QString WorkspaceStatistics::Group::whyNoPick(const QString& pick, const QString& lone,
                                              const QString& otherwise) const
{
    if (!pick.isEmpty())
        return {};
    if (!lone.isEmpty())
        return QStringLiteral("%1 is the only candidate, and a pick among one compares nothing").arg(lone);
    return leftOutOfPicks.size() == experiments.size()
               ? QStringLiteral("every experiment holds a source of randomness fixed")
               : otherwise;
}

QString WorkspaceStatistics::Group::whyNoPickByEnsemble() const
{
    return whyNoPick(pickByEnsemble, loneByEnsemble,
                     QStringLiteral("no experiment with two seeds and a defined ensemble validation score"));
}

QString WorkspaceStatistics::Group::whyNoPickByStability() const
{
    return whyNoPick(pickByStability, loneByStability,
                     QStringLiteral("no experiment with two seeds and a defined validation range"));
}

const WorkspaceStatistics::Group* WorkspaceStatistics::groupOf(const QString& experiment) const
{
    for (const Group& g : groups)
        if (g.experiments.contains(experiment))
            return &g;
    return nullptr;
}

} // namespace seedscape
