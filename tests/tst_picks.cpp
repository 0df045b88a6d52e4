// WorkspaceStatistics' picks (docs/statistics.md, "Picks"): which experiment each rule chooses, which
// ones take no part, and why a rule may choose none.
#include "stats/workspacestatistics.h"

#include <QtTest>

using namespace seedscape;

class TestPicks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void experimentsHoldingASourceFixedAreNotPicked();
    void aSingleSeedIsNoEnsembleToPick();
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

QTEST_GUILESS_MAIN(TestPicks)
#include "tst_picks.moc"
