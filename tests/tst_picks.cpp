// WorkspaceStatistics' picks (docs/statistics.md, "Picks"): which experiment each rule chooses, which
// ones take no part, why a rule may choose none, and what the picks cannot tell (ties, ranges over
// unequal seed counts).
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
    const WorkspaceStatistics w = WorkspaceStatistics::fromExperiments({lucky, steady});
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

QTEST_GUILESS_MAIN(TestPicks)
#include "tst_picks.moc"
