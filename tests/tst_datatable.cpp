// DataTable's CSV and JSON, and the HTML report built from statistics: what scripts and readers get.
#include "report/htmlreport.h"
#include "stats/datatable.h"
#include "stats/randomnessstudy.h"
#include "stats/statisticsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QtTest>

#include <cmath>

using namespace seedscape;

class TestDataTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvQuotesAndLeavesUndefinedEmpty();
    void jsonKeepsTypesAndNulls();
    void scatterRowsNameEveryPoint();
    void learningCurvesAreLong();
    void reportEmbedsFiguresAndEscapesNames();
    void reportComparesWithinGroupsOnly();
    void reportWarnsWhenTestScoresDoNotBackThePick();
    void reportFiguresShrinkAndSayHowToReadThem();
    void reportAndStatisticsCarryTagsAndNotes();
    void reportSaysWhatLuckAddsAndWhereTheSpreadComesFrom();
};

void TestDataTable::csvQuotesAndLeavesUndefinedEmpty()
{
    DataTable t;
    t.columns = {QStringLiteral("name"), QStringLiteral("value"), QStringLiteral("count")};
    t.rows.push_back({QStringLiteral("a, \"quoted\" name"), 0.1, 3});
    t.rows.push_back(
        {QStringLiteral("plain"), std::nan(""), QVariant::fromValue<qulonglong>(18446744073709551615ULL)});
    QCOMPARE(t.toCsv(), QByteArray("name,value,count\n"
                                   "\"a, \"\"quoted\"\" name\",0.10000000000000001,3\n"
                                   "plain,,18446744073709551615\n"));
    QCOMPARE(t.encodeFor(QStringLiteral("x.CSV")), t.toCsv());
    QCOMPARE(t.encodeFor(QStringLiteral("x.Json")), t.toJson());
}

void TestDataTable::jsonKeepsTypesAndNulls()
{
    DataTable t;
    t.columns = {QStringLiteral("name"), QStringLiteral("value"), QStringLiteral("count")};
    t.rows.push_back({QStringLiteral("ä"), std::numeric_limits<double>::infinity(), 7});
    t.rows.push_back({QStringLiteral("b"), 2.5, -1});
    const QJsonArray rows = QJsonDocument::fromJson(t.toJson()).array();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("ä"));
    QVERIFY(rows[0].toObject().value(QStringLiteral("value")).isNull());
    QCOMPARE(rows[0].toObject().value(QStringLiteral("count")).toInt(), 7);
    QCOMPARE(rows[1].toObject().value(QStringLiteral("value")).toDouble(), 2.5);
}

void TestDataTable::scatterRowsNameEveryPoint()
{
    ScatterData data;
    data.metric = Metric::AUC;
    data.series.push_back({QStringLiteral("e"),
                           {{ScatterData::Kind::Seed, 0.8, 0.7, {11}},
                            {ScatterData::Kind::KEnsemble, 0.85, 0.75, {11, 12, 13}},
                            {ScatterData::Kind::FullEnsemble, 0.9, 0.8, {11, 12, 13, 14}}}});
    const DataTable t = DataTable::scatter(data);
    QCOMPARE(t.columns.join(QLatin1Char(',')),
             QStringLiteral("experiment,metric,kind,seeds,validation,test"));
    QCOMPARE(t.rows.size(), size_t(3));
    QCOMPARE(t.toCsv().split('\n')[2], QByteArray("e,auc,k_ensemble,11 12 13,0.84999999999999998,0.75"));
    QCOMPARE(t.rows[2][2].toString(), QStringLiteral("full_ensemble"));
}

void TestDataTable::learningCurvesAreLong()
{
    const DataTable t = DataTable::learningCurves(QStringLiteral("e"), {{3.0, 2.0}, {4.0}});
    QCOMPARE(t.rows.size(), size_t(3)); // seed 1 has two epochs, seed 2 stopped after one
    QCOMPARE(t.toCsv(), QByteArray("experiment,seed_index,epoch,validation\ne,1,1,3\ne,1,2,2\ne,2,1,4\n"));
}

void TestDataTable::reportEmbedsFiguresAndEscapesNames()
{
    ExperimentStatistics a;
    a.name = QStringLiteral("<wide> & deep");
    a.metric = Metric::RMSE;
    a.seeds = {{1, 2.0, 2.5}, {2, 3.0, 3.5}};
    a.validation = Spread::of({2.0, 3.0}, false);
    a.test = Spread::of({2.5, 3.5}, false);
    a.ensembleValidation = 1.9;
    a.ensembleTest = 2.4;
    a.gainValidation = 0.6;
    ExperimentStatistics b = a;
    b.name = QStringLiteral("narrow");
    b.seeds = {{3, 4.0, 4.5}, {4, 5.0, 5.5}};
    b.validation = Spread::of({4.0, 5.0}, false);
    b.ensembleValidation = 3.8;

    HtmlReport report;
    report.title = QStringLiteral("Report");
    report.statistics = WorkspaceStatistics::fromExperiments({a, b});
    report.figures.push_back(
        {QStringLiteral("a figure"),
         QByteArray("<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"10\"><rect/></svg>\n")});
    const QString html = QString::fromUtf8(report.toHtml());
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(
        html.contains(QStringLiteral("<figure>\n<div class=\"plot\"><svg width=\"10\"><rect/></svg></div>")));
    QVERIFY(!html.contains(QStringLiteral("<?xml")));
    QVERIFY(html.contains(QStringLiteral("<td class=\"name\">&lt;wide&gt; &amp; deep</td>")));
    QVERIFY(!html.contains(QStringLiteral("<wide>")));
    // Lower RMSE is better: every seed of the first beats every seed of the second, from 2 × 2 seeds,
    // which is too few to tell (as `stats` and the Compare tab say).
    QVERIFY(html.contains(QStringLiteral("<tr><td class=\"name\">&lt;wide&gt; &amp; deep</td><td "
                                         "class=\"name\">narrow</td><td>1.000</td><td>1.000</td>"
                                         "<td>2 × 2: too few to tell</td></tr>")));
    QVERIFY(
        html.contains(QStringLiteral("Best full-ensemble validation score: <b>&lt;wide&gt; &amp; deep</b>")));
    // What the picks win by, as `stats` says it; equal ranges, so the mean decided.
    QVERIFY(html.contains(QStringLiteral(
        "<li>By ensemble, &lt;wide&gt; &amp; deep leads the runner-up, narrow, by 1.9 (1.9 against 3.8). By "
        "stability, &lt;wide&gt; &amp; deep and the runner-up narrow have the same validation range, 1; "
        "&lt;wide&gt; &amp; deep's better validation mean decides.</li>")));
    // 2.5 ± 6.35 (the t quantile for one degree of freedom is 12.706)
    QVERIFY(html.contains(
        QStringLiteral("<td>2.5\u00a0±\u00a06.4</td>"))); // the mean to the interval's decimal place
}

// The better the validation ensemble, the worse on test: the report's summary says the pick may not
// hold, with the correlation typeset as the line beside it (true minus signs).
void TestDataTable::reportWarnsWhenTestScoresDoNotBackThePick()
{
    std::vector<ExperimentStatistics> experiments;
    const double noise[] = {0.0, 0.004, -0.003, 0.002, -0.001};
    for (int i = 0; i < 5; ++i) {
        ExperimentStatistics e;
        e.name = QStringLiteral("e%1").arg(i);
        e.metric = Metric::Accuracy;
        e.higherIsBetter = true;
        e.seeds = {{1, 0.84 + 0.01 * i, 0.9}, {2, 0.86 + 0.01 * i, 0.9}};
        e.validation = Spread::of({0.84 + 0.01 * i, 0.86 + 0.01 * i}, true);
        e.ensembleValidation = 0.85 + 0.01 * i;
        e.ensembleTest = 0.90 - 0.01 * i + noise[i];
        experiments.push_back(e);
    }
    HtmlReport report;
    report.statistics = WorkspaceStatistics::fromExperiments(experiments);
    const QString html = QString::fromUtf8(report.toHtml());
    QVERIFY2(html.contains(QStringLiteral("<li>Across this group's full ensembles, validation scores do not "
                                          "reliably go with test scores, r = \u2212")),
             qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("the pick by ensemble may not hold on test.</li>")));
}

void TestDataTable::reportComparesWithinGroupsOnly()
{
    // Two experiments scored on different rows: two groups, each with its own picks, no comparison.
    ExperimentLabels labels;
    labels.validation = {1, 2, 3};
    labels.test = {1, 2};
    ExperimentStatistics a;
    a.name = QStringLiteral("first");
    a.seeds = {{1, 2.0, 2.5}, {2, 3.0, 3.5}};
    a.group = ComparisonGroup::ofLabels(labels);
    ExperimentStatistics b = a;
    b.name = QStringLiteral("second");
    labels.test = {5, 6};
    b.group = ComparisonGroup::ofLabels(labels);
    HtmlReport report;
    report.statistics = WorkspaceStatistics::fromExperiments({a, b});
    const QString html = QString::fromUtf8(report.toHtml());
    QVERIFY(html.contains(QStringLiteral("use 2 different sets of rows")));
    QCOMPARE(html.count(QStringLiteral("<h3 class=\"group\">")), 2);
    QVERIFY(!html.contains(QStringLiteral("id=\"comparisons\"")));
    QCOMPARE(html.count(QStringLiteral("Best full-ensemble validation score")), 2);
    // A group with no pick says why, rather than leaving the line out.
    ExperimentStatistics held = a;
    held.heldFixed = {QStringLiteral("init")};
    report.statistics = WorkspaceStatistics::fromExperiments({held});
    const QString heldHtml = QString::fromUtf8(report.toHtml());
    QVERIFY2(heldHtml.contains(QStringLiteral("Smallest single-seed validation range: none (every experiment "
                                              "holds a source of randomness fixed)")),
             qPrintable(heldHtml));
    // Two level on the ensemble score: the report says the pick is the first by name of a tie.
    a.validation = Spread::of({2.0, 3.0}, false);
    a.ensembleValidation = 2.2;
    ExperimentStatistics twin = a;
    twin.name = QStringLiteral("twin");
    report.statistics = WorkspaceStatistics::fromExperiments({a, twin});
    const QString tiedHtml = QString::fromUtf8(report.toHtml());
    QVERIFY2(
        tiedHtml.contains(QStringLiteral("<li>first and twin tie on the full-ensemble validation score; the "
                                         "pick names the first by name.")),
        qPrintable(tiedHtml));
}

void TestDataTable::reportFiguresShrinkAndSayHowToReadThem()
{
    HtmlReport report;
    const QStringList kinds = {QStringLiteral("scatter"), QStringLiteral("spread"),
                               QStringLiteral("ensemble-size"), QStringLiteral("curves")};
    for (const QString& kind : kinds)
        report.figures.push_back({kind + QStringLiteral(" caption"),
                                  QByteArray("<svg width=\"880\" height=\"520\" viewBox=\"0 0 880 520\"/>"),
                                  kind});
    report.figures.push_back({QStringLiteral("unknown kind"), QByteArray("<svg/>"), QString()});
    const QString html = QString::fromUtf8(report.toHtml());
    // A narrow window scales each figure down, keeping its proportions, instead of cutting it off.
    QVERIFY(html.contains(QStringLiteral(".plot svg{display:block;max-width:100%;height:auto}")));
    QCOMPARE(html.count(QStringLiteral("<div class=\"plot\"><svg")), 5);
    // One "How to read this" under each known figure, after its caption and inside its <figure>.
    QCOMPARE(html.count(QStringLiteral("<b>How to read this:</b>")), 4);
    for (const QString& kind : kinds) {
        const qsizetype caption = html.indexOf(kind + QStringLiteral(" caption</figcaption>"));
        const qsizetype guide = html.indexOf(QStringLiteral("How to read this:"), caption);
        QVERIFY2(caption >= 0 && guide > caption &&
                     guide < html.indexOf(QStringLiteral("</figure>"), caption),
                 qPrintable(kind));
        QVERIFY(html.contains(HtmlReport::howToRead(kind).toHtmlEscaped()));
    }
    // Each says what its marks mean and which way is better.
    QVERIFY(HtmlReport::howToRead(QStringLiteral("scatter")).contains(QStringLiteral("up and to the right")));
    QVERIFY(HtmlReport::howToRead(QStringLiteral("scatter")).contains(QStringLiteral("y = x")));
    QVERIFY(HtmlReport::howToRead(QStringLiteral("spread")).contains(QStringLiteral("95% interval")));
    QVERIFY(HtmlReport::howToRead(QStringLiteral("ensemble-size")).contains(QStringLiteral("band")));
    QVERIFY(HtmlReport::howToRead(QStringLiteral("curves")).contains(QStringLiteral("Better is up")));
    QVERIFY(HtmlReport::howToRead(QStringLiteral("other")).isEmpty());
}

void TestDataTable::reportAndStatisticsCarryTagsAndNotes()
{
    ExperimentStatistics a;
    a.name = QStringLiteral("wide");
    a.seeds = {{1, 2.0, 2.5}, {2, 3.0, 3.5}};
    ExperimentStatistics b = a;
    b.name = QStringLiteral("narrow");
    Experiment wide;
    wide.name = a.name;
    wide.tags = {QStringLiteral("baseline"), QStringLiteral("<b>")};
    wide.notes = QStringLiteral("line one\nsecond & more\n");
    Experiment narrow;
    narrow.name = b.name;
    narrow.training.optimizer = OptimizerKind::SGD;
    narrow.training.momentum = 0.8;
    narrow.training.batchSize = 64;
    narrow.training.weightDecay = 1e-4;
    narrow.training.schedule = Schedule::Cosine;
    narrow.training.earlyStoppingPatience = 20;
    ExperimentStatistics c = a;
    c.name = QStringLiteral("program");
    Experiment program;
    program.name = c.name;
    program.model.type = ModelType::Command;
    program.model.command.command = {QStringLiteral("python3"), QStringLiteral("train.py")};

    HtmlReport report;
    report.statistics = WorkspaceStatistics::fromExperiments({a, b, c});
    report.definitions = {wide, narrow, program};
    const QString html = QString::fromUtf8(report.toHtml());
    QVERIFY(html.contains(QStringLiteral("<th class=\"words\">Tags</th>")));
    QVERIFY(html.contains(QStringLiteral("<td class=\"words\">baseline, &lt;b&gt;</td></tr>")));
    QVERIFY(html.contains(QStringLiteral("<td class=\"words\"></td></tr>"))); // narrow: no tags
    QVERIFY(html.contains(QStringLiteral("<dt>wide</dt><dd>line one<br>second &amp; more</dd>")));
    QVERIFY(!html.contains(QStringLiteral("<dt>narrow</dt>")));
    // Every training setting that changes the scores is in the settings table.
    QVERIFY2(html.contains(
                 QStringLiteral("<small>batch 64, weight decay 0.0001, momentum 0.8, schedule cosine, early "
                                "stopping after 20 epochs without improvement</small>")),
             qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("<small>batch 32, schedule none, no early stopping</small>")));
    // What varies between seeds: the sources for an MLP, the program's own use of its seed otherwise.
    QVERIFY(html.contains(QStringLiteral("<td class=\"words\">init, order, dropout</td>")));
    QCOMPARE(html.count(QStringLiteral("<td class=\"words\">init, order, dropout</td>")), 2);
    QVERIFY(html.contains(QStringLiteral("<td class=\"words\">as the program uses SEEDSCAPE_SEED</td>")));

    const QJsonArray experiments =
        QJsonDocument::fromJson(StatisticsJson::toJson(report.statistics, {}, report.definitions))
            .object()[QStringLiteral("experiments")]
            .toArray();
    QCOMPARE(experiments.size(), 3);
    for (const QJsonValue& e : experiments) {
        const QJsonObject o = e.toObject();
        if (o[QStringLiteral("name")] == QStringLiteral("wide")) {
            QCOMPARE(o[QStringLiteral("tags")].toArray(),
                     (QJsonArray{QStringLiteral("baseline"), QStringLiteral("<b>")}));
            QCOMPARE(o[QStringLiteral("notes")].toString(), wide.notes);
        } else {
            QVERIFY(!o.contains(QStringLiteral("tags")) && !o.contains(QStringLiteral("notes")));
        }
    }
}

void TestDataTable::reportSaysWhatLuckAddsAndWhereTheSpreadComesFrom()
{
    const auto scored = [](const QString& name, const std::vector<double>& validation) {
        ExperimentStatistics s;
        s.name = name;
        s.higherIsBetter = false; // RMSE
        for (size_t i = 0; i < validation.size(); ++i)
            s.seeds.push_back({i + 1, validation[i], validation[i] + 1});
        s.validation = Spread::of(validation, false);
        s.test = Spread::of(validation, false);
        return s;
    };
    Experiment base;
    base.name = QStringLiteral("mlp");
    base.model.dropout = 0.1;
    std::vector<Experiment> definitions = {base};
    for (const Experiment& v : RandomnessStudy::variants(base, {}))
        definitions.push_back(v);
    Experiment other = base;
    other.name = QStringLiteral("wider");
    other.model.hidden = {128};
    definitions.push_back(other);

    HtmlReport report;
    report.statistics = WorkspaceStatistics::fromExperiments(
        {scored(QStringLiteral("mlp"), {4, 2, 3, 1}), scored(QStringLiteral("mlp-only-init"), {1, 3}),
         scored(QStringLiteral("mlp-only-order"), {2, 2.5}), scored(QStringLiteral("wider"), {5})});
    report.definitions = definitions;
    const QString html = QString::fromUtf8(report.toHtml());

    // mlp: mean 2.5; expected best of 3 of {1, 2, 3, 4} (lower is better) = (1·3 + 2·1) / 4 = 1.25;
    // the best of all is 1, 1.5 better than the mean; each to the place of mlp's 2.5 ± 2.1 (1.25 to
    // the even 1.2, as printf rounds a tie). One
    // seed (wider) has no interval, so four significant digits, and no lead to speak of.
    QVERIFY2(html.contains(QStringLiteral("<tr><td class=\"name\">mlp</td><td>4</td><td>2.5</td><td>1.2</td>"
                                          "<td>1.0</td><td>1.5</td></tr>")),
             qPrintable(html));
    QVERIFY(html.contains(QStringLiteral(
        "<tr><td class=\"name\">wider</td><td>1</td><td>5.000</td><td>—</td><td>5.000</td><td>—</td></tr>")));

    // One sources table, under mlp: its variants with seeds, not the one without, not wider.
    QCOMPARE(html.count(QStringLiteral("<table class=\"sources\">")), 1);
    const qsizetype sources = html.indexOf(QStringLiteral("id=\"sources\""));
    QVERIFY(sources > 0);
    const QString section = html.mid(sources, html.indexOf(QStringLiteral("</div>"), sources) - sources);
    QVERIFY(section.contains(
        QStringLiteral("<tr><td class=\"name\">mlp</td><td>init, order, dropout</td><td>4</td>")));
    QVERIFY(section.contains(QStringLiteral(
        "<tr><td class=\"name\">mlp-only-init</td><td>init</td><td>2</td><td>1.4</td><td>2.0</td>")));
    QVERIFY(section.contains(QStringLiteral("<td class=\"name\">mlp-only-order</td>")));
    QVERIFY(!section.contains(QStringLiteral("mlp-only-dropout")));
    QVERIFY(!section.contains(QStringLiteral("wider")));
}

QTEST_GUILESS_MAIN(TestDataTable)
#include "tst_datatable.moc"
