// RandomnessStudy: the variants that each let one source of randomness vary, which experiments
// differ only in their seeds, and the rows that set their spreads side by side.
#include "stats/randomnessstudy.h"

#include "experiment/experimentvalidator.h"

#include "support/experimentbuilder.h"

#include <QtTest>

#include <cmath>
#include <map>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

Experiment base()
{
    Experiment e = ExperimentBuilder(QStringLiteral("mlp"))
                       .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
                       .dropout(0.2)
                       .seeds(5);
    e.tags = {QStringLiteral("baseline")};
    e.notes = QStringLiteral("the first try");
    e.seeds.list = {11, 12};
    return e;
}

ExperimentStatistics statisticsOf(const QString& name, const std::vector<double>& validation)
{
    ExperimentStatistics s;
    s.name = name;
    for (size_t i = 0; i < validation.size(); ++i)
        s.seeds.push_back({i + 1, validation[i], validation[i] + 1});
    s.validation = Spread::of(validation, false);
    std::vector<double> test = validation;
    for (double& t : test)
        t += 1;
    s.test = Spread::of(test, false);
    return s;
}

} // namespace

class TestRandomnessStudy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachVariantVariesOneSource();
    void sourcesFollowTheModel();
    void takenNamesAreNumbered();
    void differOnlyInSeedsSeesEveryOtherSetting();
    void rowsPutTheFocusFirstThenItsVariants();
    void studiesListEachBaseOnceWithItsVariantsUnderIt();
};

void TestRandomnessStudy::eachVariantVariesOneSource()
{
    const Experiment b = base();
    const std::vector<Experiment> variants = RandomnessStudy::variants(b, {b.name});
    QCOMPARE(variants.size(), size_t(3));
    const QStringList names = {QStringLiteral("mlp-only-init"), QStringLiteral("mlp-only-order"),
                               QStringLiteral("mlp-only-dropout")};
    for (size_t i = 0; i < variants.size(); ++i) {
        const Experiment& v = variants[i];
        QCOMPARE(v.name, names[static_cast<int>(i)]);
        QCOMPARE(int(v.seeds.varyInit) + int(v.seeds.varyOrder) + int(v.seeds.varyDropout), 1);
        QCOMPARE(v.seeds.varyInit, i == 0);
        QCOMPARE(v.seeds.varyOrder, i == 1);
        QCOMPARE(v.seeds.varyDropout, i == 2);
        QCOMPARE(v.seeds.count, b.seeds.count);
        QVERIFY(v.seeds.list.empty()); // fresh seeds, not the base's recorded ones
        QCOMPARE(v.tags, (QStringList{QStringLiteral("baseline"), QStringLiteral("randomness-study")}));
        QVERIFY2(v.notes.contains(QStringLiteral("Randomness study of mlp")), qPrintable(v.notes));
        QVERIFY(RandomnessStudy::differOnlyInSeeds(v, b));
        QVERIFY(v.model == b.model && v.training == b.training && v.dataset == b.dataset);
        QVERIFY2(ExperimentValidator::validate(v).empty(), qPrintable(v.name));
    }
}

void TestRandomnessStudy::sourcesFollowTheModel()
{
    Experiment b = base();
    QCOMPARE(RandomnessStudy::sources(b),
             (QStringList{QStringLiteral("init"), QStringLiteral("order"), QStringLiteral("dropout")}));
    b.model.dropout = 0; // no dropout: no masks to vary
    QCOMPARE(RandomnessStudy::sources(b), (QStringList{QStringLiteral("init"), QStringLiteral("order")}));
    QCOMPARE(RandomnessStudy::variants(b, {}).size(), size_t(2));
    b.model.type = ModelType::Command; // the user's program owns its randomness
    QVERIFY(RandomnessStudy::sources(b).isEmpty());
    QVERIFY(RandomnessStudy::variants(b, {}).empty());
}

void TestRandomnessStudy::takenNamesAreNumbered()
{
    const std::vector<Experiment> variants =
        RandomnessStudy::variants(base(), {QStringLiteral("mlp-only-init"), QStringLiteral("mlp-only-init-2"),
                                           QStringLiteral("mlp-only-order")});
    QCOMPARE(variants[0].name, QStringLiteral("mlp-only-init-3"));
    QCOMPARE(variants[1].name, QStringLiteral("mlp-only-order-2"));
    QCOMPARE(variants[2].name, QStringLiteral("mlp-only-dropout"));
}

void TestRandomnessStudy::differOnlyInSeedsSeesEveryOtherSetting()
{
    const Experiment b = base();
    Experiment other = b;
    other.name = QStringLiteral("renamed");
    other.tags.clear();
    other.notes = QStringLiteral("other words");
    other.seeds.count = 50;
    other.seeds.varyOrder = false;
    QVERIFY(RandomnessStudy::differOnlyInSeeds(other, b));
    other.training.lr *= 2;
    QVERIFY(!RandomnessStudy::differOnlyInSeeds(other, b));
    other = b;
    other.dataset.split.seed += 1;
    QVERIFY(!RandomnessStudy::differOnlyInSeeds(other, b));
    other = b;
    other.model.hidden = {8};
    QVERIFY(!RandomnessStudy::differOnlyInSeeds(other, b));
}

void TestRandomnessStudy::rowsPutTheFocusFirstThenItsVariants()
{
    const Experiment b = base();
    const std::vector<Experiment> variants = RandomnessStudy::variants(b, {});
    Experiment unrelated = b;
    unrelated.name = QStringLiteral("faster");
    unrelated.training.lr = 0.01;
    Experiment twoSources = b;
    twoSources.name = QStringLiteral("a-init-order");
    twoSources.seeds.varyDropout = false;
    const std::vector<Experiment> definitions = {variants[2], unrelated,   b,
                                                 variants[1], variants[0], twoSources};
    std::map<QString, ExperimentStatistics> statistics;
    for (const auto& [name, scores] :
         std::vector<std::pair<QString, std::vector<double>>>{{QStringLiteral("mlp"), {1, 2, 4}},
                                                              {QStringLiteral("mlp-only-init"), {1, 3}},
                                                              {QStringLiteral("mlp-only-order"), {1, 1.5}},
                                                              {QStringLiteral("faster"), {0, 9}},
                                                              {QStringLiteral("a-init-order"), {2, 3}}})
        statistics.emplace(name, statisticsOf(name, scores)); // mlp-only-dropout: no seeds yet

    const std::vector<RandomnessStudy::Row> rows = RandomnessStudy::rows(b, definitions, statistics);
    QStringList order;
    for (const RandomnessStudy::Row& r : rows)
        order << r.experiment;
    QCOMPARE(order, (QStringList{QStringLiteral("mlp"), QStringLiteral("a-init-order"),
                                 QStringLiteral("mlp-only-init"), QStringLiteral("mlp-only-order")}));
    QCOMPARE(rows[0].vary,
             (QStringList{QStringLiteral("init"), QStringLiteral("order"), QStringLiteral("dropout")}));
    QCOMPARE(rows[2].vary, QStringList{QStringLiteral("init")});
    QCOMPARE(rows[0].seeds, 3);
    QCOMPARE(rows[2].validation.range, 2.0);
    QCOMPARE(rows[3].test.range, 0.5);
    QCOMPARE(rows[2].validation.std, std::sqrt(2.0));

    // A focus without seeds still leads, its spread undefined.
    statistics.erase(QStringLiteral("mlp"));
    const std::vector<RandomnessStudy::Row> untrained = RandomnessStudy::rows(b, definitions, statistics);
    QCOMPARE(untrained.front().experiment, QStringLiteral("mlp"));
    QCOMPARE(untrained.front().seeds, 0);
    QVERIFY(std::isnan(untrained.front().validation.std));
    QCOMPARE(untrained.size(), size_t(4));
}

// The report's section and `stats --json` list studies: a variant is a row of its base's study, not
// a study of its own, and an experiment without variants is none.
void TestRandomnessStudy::studiesListEachBaseOnceWithItsVariantsUnderIt()
{
    const Experiment b = base();
    const std::vector<Experiment> variants = RandomnessStudy::variants(b, {});
    Experiment other = b;
    other.name = QStringLiteral("wide");
    other.model.hidden = {128};
    Experiment otherOnlyOrder = RandomnessStudy::variants(other, {})[1];
    Experiment alone = b;
    alone.name = QStringLiteral("alone");
    alone.training.lr = 0.01;
    const std::vector<Experiment> definitions = {variants[1], otherOnlyOrder, alone, b, variants[0], other};
    std::map<QString, ExperimentStatistics> statistics;
    for (const Experiment& e : definitions)
        statistics.emplace(e.name, statisticsOf(e.name, {1, 2}));

    std::vector<std::vector<RandomnessStudy::Row>> studies =
        RandomnessStudy::studies(definitions, statistics);
    QCOMPARE(studies.size(), size_t(2));
    const auto namesOf = [](const std::vector<RandomnessStudy::Row>& rows) {
        QStringList names;
        for (const RandomnessStudy::Row& r : rows)
            names << r.experiment;
        return names;
    };
    // In the order of the bases among definitions: mlp before wide.
    QCOMPARE(namesOf(studies[0]), (QStringList{QStringLiteral("mlp"), QStringLiteral("mlp-only-init"),
                                               QStringLiteral("mlp-only-order")}));
    QCOMPARE(namesOf(studies[1]), (QStringList{QStringLiteral("wide"), QStringLiteral("wide-only-order")}));

    // Untrained, a base leads no study; its variants alone are not one either (each varies one source).
    statistics.erase(QStringLiteral("wide"));
    studies = RandomnessStudy::studies(definitions, statistics);
    QCOMPARE(studies.size(), size_t(1));
    QCOMPARE(studies[0].front().experiment, QStringLiteral("mlp"));
}

QTEST_GUILESS_MAIN(TestRandomnessStudy)
#include "tst_randomnessstudy.moc"
