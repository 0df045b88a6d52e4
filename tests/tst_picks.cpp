// WorkspaceStatistics' picks (docs/statistics.md, "Picks"): which experiment each rule chooses, which
// ones take no part, why a rule may choose none, and what the picks cannot tell (ties, ranges over
// unequal seed counts, validation scores that do not go with test scores).
#include "stats/workspacestatistics.h"

#include <QtTest>

using namespace seedscape;

class TestPicks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void experimentsHoldingASourceFixedAreNotPicked();
    void aSingleSeedIsNoEnsembleToPick();
    void tiesAndRangesOverUnequalSeedCountsAreSaid();
    void aPickAmongOneComparesNothing();
    void aPickThatTestScoresDoNotBackIsSaid();
    void whatEachPickWinsByIsSaid();
};

namespace {

ExperimentStatistics experiment(const QString& name, const std::vector<double>& validation, double ensemble,
                                QStringList heldFixed)
{
    ExperimentStatistics s{};
    s.name = name;
    s.metric = Metric::Accuracy;
    s.higherIsBetter = true;
    for (size_t i = 0; i < validation.size(); ++i)
        s.seeds.push_back({i + 1, validation[i], validation[i]});
    s.validation = s.test = Spread::of(validation, true);
    s.ensembleValidation = s.ensembleTest = ensemble;
    s.heldFixed = std::move(heldFixed);
    return s;
}

} // namespace

void TestPicks::experimentsHoldingASourceFixedAreNotPicked()
{
    const ExperimentStatistics model = experiment(QStringLiteral("mlp"), {0.80, 0.90, 0.85}, 0.88, {});
    const ExperimentStatistics variant =
        experiment(QStringLiteral("mlp-only-order"), {0.86, 0.87, 0.865}, 0.91, {QStringLiteral("init")});
    const ExperimentStatistics other = experiment(QStringLiteral("wide"), {0.70, 0.95}, 0.87, {});

    const WorkspaceStatistics w = WorkspaceStatistics::fromExperiments({model, variant, other});
    QCOMPARE(w.groups.size(), size_t(1));
    const WorkspaceStatistics::Group& g = w.groups.front();
    QCOMPARE(g.pickByEnsemble, QStringLiteral("mlp"));
    QCOMPARE(g.pickByStability, QStringLiteral("mlp"));
    QCOMPARE(g.leftOutOfPicks, QStringList{QStringLiteral("mlp-only-order")});
    QVERIFY2(g.leftOutNote().startsWith(QStringLiteral("Not picked: mlp-only-order holds a source")),
             qPrintable(g.leftOutNote()));
    QCOMPARE(g.comparisons.size(), size_t(6)); // still compared with the others
    // Held-fixed experiments alone: no pick at all.
    const WorkspaceStatistics alone = WorkspaceStatistics::fromExperiments({variant});
    QVERIFY(alone.groups.front().pickByEnsemble.isEmpty() && alone.groups.front().pickByStability.isEmpty());
    // ...and the reason given is the held source, not a missing score.
    QCOMPARE(alone.groups.front().whyNoPickByEnsemble(),
             QStringLiteral("every experiment holds a source of randomness fixed"));
    QCOMPARE(alone.groups.front().whyNoPickByStability(),
             QStringLiteral("every experiment holds a source of randomness fixed"));
    QVERIFY(g.whyNoPickByEnsemble().isEmpty() && g.whyNoPickByStability().isEmpty());
}

void TestPicks::aSingleSeedIsNoEnsembleToPick()
{
    // One lucky draw scores better than the eight-seed ensemble, but is not an ensemble.
    const ExperimentStatistics lucky = experiment(QStringLiteral("one-seed"), {0.97}, 0.97, {});
    const ExperimentStatistics steady =
        experiment(QStringLiteral("eight-seeds"), {0.88, 0.90, 0.89, 0.91, 0.87, 0.90, 0.89, 0.88}, 0.92, {});
    const ExperimentStatistics wide = experiment(QStringLiteral("wide"), {0.70, 0.95}, 0.87, {});
    const WorkspaceStatistics w = WorkspaceStatistics::fromExperiments({lucky, steady, wide});
    QCOMPARE(w.groups.front().pickByEnsemble, QStringLiteral("eight-seeds"));
    QCOMPARE(w.groups.front().pickByStability, QStringLiteral("eight-seeds"));
    const WorkspaceStatistics alone = WorkspaceStatistics::fromExperiments({lucky});
    QVERIFY(alone.groups.front().pickByEnsemble.isEmpty());
    QCOMPARE(alone.groups.front().whyNoPickByEnsemble(),
             QStringLiteral("no experiment with two seeds and a defined ensemble validation score"));
}

void TestPicks::tiesAndRangesOverUnequalSeedCountsAreSaid()
{
    const ExperimentStatistics first = experiment(QStringLiteral("first"), {0.90, 0.92}, 0.95, {});
    const ExperimentStatistics second = experiment(QStringLiteral("second"), {0.92, 0.90}, 0.95, {});
    const ExperimentStatistics third = experiment(QStringLiteral("third"), {0.91, 0.91}, 0.95, {});
    // Level on both rules: the first by name is named, and the others with it.
    WorkspaceStatistics w = WorkspaceStatistics::fromExperiments({first, second});
    const WorkspaceStatistics::Group* g = &w.groups.front();
    QCOMPARE(g->pickByEnsemble, QStringLiteral("first"));
    QCOMPARE(g->tiedByEnsemble, QStringList{QStringLiteral("second")});
    QCOMPARE(g->tiedByStability, QStringList{QStringLiteral("second")});
    QCOMPARE(
        g->pickCaveats(),
        QStringLiteral("first and second tie on the full-ensemble validation score; the pick names the "
                       "first by name. first and second tie on validation range and mean; the pick names "
                       "the first by name."));
    // Three level on the ensemble; the one with no spread is the steadiest alone.
    w = WorkspaceStatistics::fromExperiments({first, second, third});
    g = &w.groups.front();
    QCOMPARE(g->pickByStability, QStringLiteral("third"));
    QVERIFY(g->tiedByStability.isEmpty());
    QCOMPARE(g->pickCaveats(), QStringLiteral("first, second and third tie on the full-ensemble validation "
                                              "score; the pick names the first by name."));
    // Two seeds against eight: the range of two looks steadier than it is, and that is said.
    const ExperimentStatistics eight =
        experiment(QStringLiteral("eight"), {0.88, 0.90, 0.89, 0.91, 0.87, 0.90, 0.89, 0.88}, 0.93, {});
    w = WorkspaceStatistics::fromExperiments({eight, first});
    g = &w.groups.front();
    QCOMPARE(g->pickByStability, QStringLiteral("first"));
    QCOMPARE(g->pickByStabilitySeeds, 2);
    QCOMPARE(g->stabilityMostSeeds, 8);
    QCOMPARE(g->pickCaveats(),
             QStringLiteral("The stability pick's range spans 2 seeds, other experiments' up to 8: a range "
                            "can only widen as seeds are added, so fewer seeds can look steadier."));
    // Picked with the most seeds, its range is no smaller for having fewer: nothing to say.
    const ExperimentStatistics wide = experiment(QStringLiteral("wide"), {0.70, 0.95}, 0.80, {});
    w = WorkspaceStatistics::fromExperiments({eight, wide});
    QCOMPARE(w.groups.front().pickByStability, QStringLiteral("eight"));
    QVERIFY(w.groups.front().pickCaveats().isEmpty());
    // One seed takes no part in the stability rule: its count is not among those compared.
    const ExperimentStatistics one = experiment(QStringLiteral("one"), {0.5}, 0.5, {});
    w = WorkspaceStatistics::fromExperiments({eight, one});
    QVERIFY(w.groups.front().pickCaveats().isEmpty());
}

// Alone on its data, or beside experiments of one seed: the only candidate is no choice, and a pick
// would read as a recommendation.
void TestPicks::aPickAmongOneComparesNothing()
{
    const ExperimentStatistics lucky = experiment(QStringLiteral("one-seed"), {0.97}, 0.97, {});
    const ExperimentStatistics steady =
        experiment(QStringLiteral("eight-seeds"), {0.88, 0.90, 0.89, 0.91, 0.87, 0.90, 0.89, 0.88}, 0.92, {});
    const QString why =
        QStringLiteral("eight-seeds is the only candidate, and a pick among one compares nothing");
    for (const auto& experiments : {std::vector<ExperimentStatistics>{steady}, {lucky, steady}}) {
        const WorkspaceStatistics w = WorkspaceStatistics::fromExperiments(experiments);
        const WorkspaceStatistics::Group& g = w.groups.front();
        QVERIFY(g.pickByEnsemble.isEmpty());
        QVERIFY(g.pickByStability.isEmpty());
        QCOMPARE(g.whyNoPickByEnsemble(), why);
        QCOMPARE(g.whyNoPickByStability(), why);
        QVERIFY2(g.pickCaveats().isEmpty(), qPrintable(g.pickCaveats()));
    }
    // A second candidate makes it a choice again.
    const ExperimentStatistics wide = experiment(QStringLiteral("wide"), {0.70, 0.95}, 0.87, {});
    const WorkspaceStatistics two = WorkspaceStatistics::fromExperiments({steady, wide});
    QCOMPARE(two.groups.front().pickByEnsemble, QStringLiteral("eight-seeds"));
    // Picks taken from another order of the same group bring what is said of them along.
    WorkspaceStatistics::Group copy = WorkspaceStatistics::fromExperiments({wide, steady}).groups.front();
    copy.takePicksOf(WorkspaceStatistics::fromExperiments({steady}).groups.front());
    QVERIFY(copy.pickByEnsemble.isEmpty());
    QCOMPARE(copy.whyNoPickByEnsemble(), why);
}

// The method's question is whether validation predicts test. Where not even the full ensembles
// line up, the pick by ensemble comes with that warning; where they do, with none.
void TestPicks::aPickThatTestScoresDoNotBackIsSaid()
{
    const std::vector<double> noise = {0.0, 0.004, -0.003, 0.002, -0.001};
    const std::vector<double> loose = {0.0, -0.01, 0.02, -0.005, 0.01};
    std::vector<ExperimentStatistics> disagreeing, agreeing, weakly;
    for (int i = 0; i < 5; ++i) {
        const double validation = 0.85 + 0.01 * i;
        ExperimentStatistics e =
            experiment(QStringLiteral("e%1").arg(i), {validation - 0.01, validation + 0.01}, validation, {});
        e.ensembleTest = 0.90 - 0.01 * i + noise[i]; // better on validation, worse on test
        disagreeing.push_back(e);
        e.ensembleTest = validation + noise[i];
        agreeing.push_back(e);
        e.ensembleTest = 0.90 + loose[i];
        weakly.push_back(e);
    }
    const WorkspaceStatistics against = WorkspaceStatistics::fromExperiments(disagreeing);
    const WorkspaceStatistics::Group& g = against.groups.front();
    QCOMPARE(g.pickByEnsemble, QStringLiteral("e4"));
    QVERIFY(g.acrossEnsembles.pearson < -0.9);
    QCOMPARE(g.pickCaveats(), QStringLiteral("Across this group's full ensembles, validation scores do not "
                                             "reliably go with test scores, %1: the pick by ensemble may "
                                             "not hold on test.")
                                  .arg(g.acrossEnsembles.pearsonText()));
    QVERIFY(g.pickCaveats().contains(QStringLiteral("n = 5")));

    // A positive r whose interval reaches below 0 (r = 0.33, 95% -0.78 to 0.94): said too.
    const WorkspaceStatistics loosely = WorkspaceStatistics::fromExperiments(weakly);
    QVERIFY(loosely.groups.front().acrossEnsembles.pearson > 0);
    QVERIFY(loosely.groups.front().acrossEnsembles.pearsonCi95[0] < 0);
    QVERIFY2(
        loosely.groups.front().pickCaveats().startsWith(QStringLiteral("Across this group's full ensembles")),
        qPrintable(loosely.groups.front().pickCaveats()));
    // Two experiments give no r: nothing to say either way.
    const WorkspaceStatistics pair = WorkspaceStatistics::fromExperiments({disagreeing[0], disagreeing[1]});
    QVERIFY(pair.groups.front().pickCaveats().isEmpty());

    const WorkspaceStatistics along = WorkspaceStatistics::fromExperiments(agreeing);
    QVERIFY(along.groups.front().acrossEnsembles.pearsonCi95[0] > 0);
    QVERIFY2(along.groups.front().pickCaveats().isEmpty(), qPrintable(along.groups.front().pickCaveats()));
}

void TestPicks::whatEachPickWinsByIsSaid()
{
    const ExperimentStatistics a = experiment(QStringLiteral("a"), {0.80, 0.82, 0.84}, 0.90, {});
    const ExperimentStatistics b = experiment(QStringLiteral("b"), {0.83, 0.85, 0.88}, 0.89, {});
    const ExperimentStatistics c = experiment(QStringLiteral("c"), {0.70, 0.80, 0.90}, 0.85, {});
    const WorkspaceStatistics w = WorkspaceStatistics::fromExperiments({c, b, a});
    const WorkspaceStatistics::Group& g = w.groups.front();
    QCOMPARE(g.runnerUpByEnsemble, QStringLiteral("b"));
    QCOMPARE(g.runnerUpByStability, QStringLiteral("b"));
    // a's ensemble leads, yet one of its seeds beats one of b's in 1 pair of 9: the margin and the
    // seeds' word side by side.
    QCOMPARE(g.pickMargins(),
             QStringLiteral("By ensemble, a leads the runner-up, b, by 0.010 (0.900 against 0.890); a single "
                            "seed of a beats one of b on validation with P = 0.11, no better than even. By "
                            "stability, a's validation range is 0.040 against the runner-up b's 0.050."));

    // A tie leaves no margin to state (the tie is said instead); seeds too few to tell leave out P.
    const ExperimentStatistics twin = experiment(QStringLiteral("twin"), {0.81, 0.83}, 0.90, {});
    const WorkspaceStatistics tied = WorkspaceStatistics::fromExperiments({a, twin, c});
    QVERIFY(tied.groups.front().runnerUpByEnsemble.isEmpty());
    QVERIFY2(!tied.groups.front().pickMargins().contains(QStringLiteral("By ensemble")),
             qPrintable(tied.groups.front().pickMargins()));
    const ExperimentStatistics pair = experiment(QStringLiteral("pair"), {0.86, 0.87}, 0.95, {});
    const QString fewSeeds = WorkspaceStatistics::fromExperiments({a, pair}).groups.front().pickMargins();
    QVERIFY2(fewSeeds.startsWith(QStringLiteral("By ensemble, pair leads the runner-up, a, by 0.050 "
                                                "(0.950 against 0.900).")),
             qPrintable(fewSeeds));
    // A lone candidate has no runner-up.
    QVERIFY(WorkspaceStatistics::fromExperiments({a}).groups.front().pickMargins().isEmpty());
}

QTEST_GUILESS_MAIN(TestPicks)
#include "tst_picks.moc"
