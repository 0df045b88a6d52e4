// The validation-vs-test scatter, driven offscreen: one marker per seed and per ensemble,
// orientation, hover, click, and every export format.
#include "plot/experimentcolours.h"
#include "plot/learningcurveview.h"
#include "plot/plotexporter.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"

#include "common/atomicfile.h"
#include "experiment/experimentnames.h"
#include "stats/scatterdata.h"
#include "store/experimentcolourfile.h"
#include "store/experimentresults.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "plot/qcustomplot_include.h"

#include "support/sampledata.h"

using namespace seedscape;

namespace {

// Imports a golden statistics case into dir and returns its results.
std::vector<ExperimentResults> importCase(const QTemporaryDir& dir, const QString& name, Task task,
                                          Metric metric)
{
    return testsupport::importStatisticsCase(dir.path(), name, task, metric);
}

ScatterData scatterOf(const std::vector<ExperimentResults>& results)
{
    std::vector<const ExperimentResults*> pointers;
    for (const auto& r : results)
        pointers.push_back(&r);
    return ScatterData::build(pointers, 3, 1000, 0);
}

int countElements(const QByteArray& svg, const QString& name)
{
    QXmlStreamReader xml(svg);
    int n = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == name)
            ++n;
    return xml.hasError() ? -1 : n;
}

} // namespace

class TestScatterPlotView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onePointPerSeedAndEnsemble();
    void betterIsUpAndRight();
    void hoverNamesThePointAndClickSelectsIt();
    void exportsEveryFormat();
    void manyMarkersAreStampedWhereThePointsAre();
    void otherDataIsLeftOutAndNamed();
    void captionSitsOutsideThePlotArea();
    void seedsStackedOnOnePointAreSaid();
    void axesFitTheDataWithEqualScalesOnlyWhereTheyFit();
    void eachExperimentKeepsItsColourInEveryView();
    void noTrendLineFromFewerThanFourPoints();
    void addingAnExperimentKeepsEveryColour();
    void axesNameTheMetricAsPeopleWriteIt_data();
    void axesNameTheMetricAsPeopleWriteIt();
};

void TestScatterPlotView::onePointPerSeedAndEnsemble()
{
    QTemporaryDir dir;
    const auto results = importCase(dir, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE);
    ScatterPlotView view;
    view.setData(scatterOf(results));
    QCOMPARE(view.plottedPoints(ScatterData::Kind::Seed), 9);       // 5 + 4 seeds
    QCOMPARE(view.plottedPoints(ScatterData::Kind::KEnsemble), 14); // C(5,3) + C(4,3)
    QCOMPARE(view.plottedPoints(ScatterData::Kind::FullEnsemble), 2);
    QCOMPARE(view.plot()->legend->itemCount(), 5); // two experiments and the three marker sizes
    QCOMPARE(view.plot()->xAxis->label(), QStringLiteral("validation RMSE (better →)"));
    QCOMPARE(view.plot()->yAxis->label(), QStringLiteral("test RMSE (better ↑)"));
    const auto straightLines = [&view] {
        int lines = 0;
        for (int i = 0; i < view.plot()->itemCount(); ++i)
            lines += qobject_cast<QCPItemStraightLine*>(view.plot()->item(i)) != nullptr;
        return lines;
    };
    // The ensembles' trend and correlation are over the full ensembles, one point per experiment
    // (k-ensembles share seeds: not independent points). Two experiments: y = x and the seeds' trend.
    QCOMPARE(scatterOf(results).ensembleTrend.correlation.n, 2);
    QCOMPARE(straightLines(), 2);
    // A third experiment: a correlation of the full ensembles, but no line through three points.
    std::vector<ExperimentResults> more = results;
    more.push_back(results[0]);
    more.back().name = QStringLiteral("gamma");
    more.back().seeds.pop_back(); // its own full ensemble
    ScatterData data = scatterOf(more);
    QCOMPARE(data.ensembleTrend.correlation.n, 3);
    QCOMPARE(data.count(ScatterData::Kind::KEnsemble), 14 + 4);
    QVERIFY(std::isfinite(data.ensembleTrend.correlation.pearson));
    QVERIFY(!data.ensembleTrend.isDefined());
    view.setData(data);
    QCOMPARE(straightLines(), 2);
    auto* text = view.plot()->findChild<QCPTextElement*>(QStringLiteral("correlations"));
    QVERIFY2(text->text().contains(QStringLiteral("(dashed trend)")) &&
                 !text->text().contains(QStringLiteral("(solid trend)")),
             qPrintable(text->text())); // only the drawn line is named
    // Seeds of several experiments make one pooled correlation, and the words say so.
    QVERIFY2(text->text().startsWith(QStringLiteral("single seeds (3 experiments pooled): Pearson r = ")),
             qPrintable(text->text()));
    // A fourth: from four points, with its interval, the full ensembles' trend is drawn too.
    more.push_back(results[1]);
    more.back().name = QStringLiteral("delta");
    more.back().seeds.erase(more.back().seeds.begin());
    data = scatterOf(more);
    QCOMPARE(data.ensembleTrend.correlation.n, 4);
    QVERIFY(data.ensembleTrend.isDefined());
    view.setData(data);
    QCOMPARE(straightLines(), 3);
    QVERIFY2(text->text().contains(QStringLiteral("(solid trend)")), qPrintable(text->text()));
    // Typeset for a paper: the seeds' interval has a negative bound, with a minus sign, not a hyphen.
    QVERIFY(data.seedTrend.correlation.pearsonCi95[0] < 0);
    QVERIFY2(text->text().contains(QStringLiteral("(95% \u2212")), qPrintable(text->text()));
    QVERIFY(!text->text().contains(QRegularExpression(QStringLiteral("(^|\\W)-[\\d.]"))));
}

void TestScatterPlotView::betterIsUpAndRight()
{
    QTemporaryDir a, b;
    ScatterPlotView view;
    view.setData(scatterOf(importCase(a, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE)));
    QVERIFY(view.plot()->xAxis->rangeReversed()); // lower RMSE is better: it runs right to left
    QVERIFY(view.plot()->yAxis->rangeReversed());
    view.setData(scatterOf(importCase(b, QStringLiteral("binary_auc_ties"), Task::Binary, Metric::AUC)));
    QVERIFY(!view.plot()->xAxis->rangeReversed());
    QVERIFY(!view.plot()->yAxis->rangeReversed());
}

void TestScatterPlotView::hoverNamesThePointAndClickSelectsIt()
{
    QTemporaryDir dir;
    ScatterPlotView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setData(
        scatterOf(importCase(dir, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE)));
    view.plot()->replot();
    const ScatterData::Point& seed = view.data().series[1].points[0]; // beta's first seed
    const QPoint at = view.positionOf(seed).toPoint();
    QString experiment;
    const ScatterData::Point* found = view.pointAt(at, &experiment);
    QVERIFY(found);
    QCOMPARE(experiment, QStringLiteral("beta"));
    QCOMPARE(found->seeds, seed.seeds);
    QVERIFY(view.describe(experiment, *found).contains(QStringLiteral("seed 18446744073709551600")));
    QVERIFY(!view.pointAt(QPoint(1, 1)));

    QSignalSpy clicked(&view, &ScatterPlotView::pointClicked);
    QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(0).toString(), QStringLiteral("beta"));
}

void TestScatterPlotView::exportsEveryFormat()
{
    QTemporaryDir dir;
    ScatterPlotView view;
    view.resize(640, 480);
    view.setData(
        scatterOf(importCase(dir, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE)));

    PlotExporter::save(view.plot(), dir.filePath(QStringLiteral("s.png")), 640, 480, 192);
    QImage png(dir.filePath(QStringLiteral("s.png")));
    QCOMPARE(png.size(), QSize(1280, 960)); // 192 dpi: twice the on-screen pixels
    QFile pngFile(dir.filePath(QStringLiteral("s.png")));
    QVERIFY(pngFile.open(QIODevice::ReadOnly));
    QVERIFY(pngFile.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));

    PlotExporter::save(view.plot(), dir.filePath(QStringLiteral("s.pdf")), 640, 480, 96);
    QFile pdf(dir.filePath(QStringLiteral("s.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");

    PlotExporter::save(view.plot(), dir.filePath(QStringLiteral("s.svg")), 640, 480, 96);
    QFile svg(dir.filePath(QStringLiteral("s.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray xml = svg.readAll();
    // A marker is a circle for alpha, the first palette slot (beta's are squares, as paths): 5
    // seeds, 10 three-seed ensembles, its full ensemble, its legend key and the 3 kinds' keys.
    QCOMPARE(countElements(xml, QStringLiteral("ellipse")) + countElements(xml, QStringLiteral("circle")),
             5 + 10 + 1 + 1 + 3);
    QVERIFY(xml.contains("validation RMSE"));

    QVERIFY_THROWS_EXCEPTION(
        StorageError, PlotExporter::save(view.plot(), dir.filePath(QStringLiteral("s.bmp")), 640, 480, 96));
}

// On screen, graphs with many markers stamp a pre-drawn marker (MarkerGraph): each must land on
// its point, in its experiment's colour, and leave space between points blank.
void TestScatterPlotView::manyMarkersAreStampedWhereThePointsAre()
{
    ScatterData data;
    data.metric = Metric::Accuracy;
    data.higherIsBetter = true;
    ScatterData::Series series{QStringLiteral("many"), {}};
    for (int i = 0; i < 200; ++i) // a grid of seeds, far more than MarkerGraph draws shape by shape
        series.points.push_back({ScatterData::Kind::Seed,
                                 0.5 + 0.02 * (i % 20),
                                 0.5 + 0.02 * (i / 20),
                                 {static_cast<quint64>(i + 1)}});
    data.series.push_back(series);
    ScatterPlotView view;
    view.resize(800, 600);
    view.setData(data);
    view.plot()->replot();
    const QImage image = view.plot()->toPixmap(800, 600, 1.0).toImage();
    for (int i : {1, 57, 199}) { // off y = x, whose dotted line greys a marker's centre pixel
        const QPointF at = view.positionOf(data.series[0].points[static_cast<size_t>(i)]);
        const QColor drawn = image.pixelColor(at.toPoint());
        // Seeds are drawn at alpha 180 over white: the blue channel stays well above red.
        QVERIFY2(
            drawn.blue() > drawn.red() + 40 && drawn != QColor(Qt::white),
            qPrintable(
                QStringLiteral("point %1 at %2,%3 is %4").arg(i).arg(at.x()).arg(at.y()).arg(drawn.name())));
    }
    // Halfway between two neighbouring points there is background, not a marker.
    const QPointF a = view.positionOf(data.series[0].points[0]),
                  b = view.positionOf(data.series[0].points[1]);
    QCOMPARE(image.pixelColor(((a + b) / 2).toPoint()), QColor(Qt::white));
}

void TestScatterPlotView::otherDataIsLeftOutAndNamed()
{
    // alpha and beta, as if trained on two different data files (same truth rows, same metric).
    QTemporaryDir dir;
    std::vector<ExperimentResults> results =
        importCase(dir, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE);
    for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta")})
        testsupport::storeDefinitionOnOwnData(dir.path(), name);
    results = ExperimentResults::loadWorkspace(dir.path());
    QCOMPARE(results.size(), size_t(2));
    // beta first, as when it is the selected experiment: alpha is left out and named.
    const ScatterData data = ScatterData::build({&results[1], &results[0]}, 3, 1000, 0);
    QCOMPARE(data.series.size(), size_t(1));
    QCOMPARE(data.series[0].experiment, QStringLiteral("beta"));
    QCOMPARE(data.otherGroups, QStringList{QStringLiteral("alpha")});
    QCOMPARE(data.otherGroupsNote(),
             QStringLiteral("1 checked experiment uses other data, split or metric: alpha"));
    ScatterData many = data;
    many.otherGroups = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    QCOMPARE(many.otherGroupsNote(),
             QStringLiteral("4 checked experiments use other data, split or metric: a, b, c and 1 more"));
    QCOMPARE(data.seedTrend.correlation.n, 4); // beta's seeds only
    QCOMPARE(data.group.dataPath, QStringLiteral("beta.csv"));

    ScatterPlotView view;
    view.setData(data);
    view.plot();
    QCOMPARE(view.plottedPoints(ScatterData::Kind::Seed), 4);
    auto* text = view.plot()->findChild<QCPTextElement*>(QStringLiteral("correlations"));
    QVERIFY(text);
    QVERIFY2(text->text().contains(QStringLiteral("uses other data, split or metric: alpha")),
             qPrintable(text->text()));
    QVERIFY(text->text().contains(QStringLiteral("n\u00a0=\u00a04"))); // never broken in two
    // One experiment, one full ensemble: no correlation of ensembles to report.
    QVERIFY2(!text->text().contains(QStringLiteral("all-seed ensembles")), qPrintable(text->text()));
    QVERIFY(view.caption().contains(QStringLiteral("uses other data, split or metric: alpha")));
    // The spread and ensemble-size plots compare the same way: beta's group only, alpha named (they
    // drew every checked experiment side by side, whatever rows it was scored on).
    for (const auto kind : {StatisticsPlotView::Kind::Spread, StatisticsPlotView::Kind::EnsembleSize}) {
        StatisticsPlotView statistics(kind);
        statistics.resize(700, 500);
        statistics.setData({ExperimentStatistics::compute(results[1], StatisticsOptions()),
                            ExperimentStatistics::compute(results[0], StatisticsOptions())});
        QCOMPARE(statistics.data().size(), size_t(1));
        QCOMPARE(statistics.data()[0].name, QStringLiteral("beta"));
        QCOMPARE(statistics.otherGroups(), QStringList{QStringLiteral("alpha")});
        QVERIFY2(statistics.caption().endsWith(QStringLiteral(
                     "1 checked experiment with other data, split or metric left out: alpha.")),
                 qPrintable(statistics.caption()));
        bool named = false;
        for (QCPTextElement* note : statistics.plot()->findChildren<QCPTextElement*>())
            named |= note->text().contains(QStringLiteral("other data, split or metric left out: alpha")) &&
                     note->layout() == statistics.plot()->plotLayout(); // laid out, so drawn
        QVERIFY(named);
        if (kind == StatisticsPlotView::Kind::Spread)
            QCOMPARE(statistics.plottedPoints(), 4); // beta's seeds
    }
    // The same rows (one import): one scatter, nothing left out.
    QTemporaryDir other;
    const ScatterData same =
        scatterOf(importCase(other, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE));
    QCOMPARE(same.series.size(), size_t(2));
    QVERIFY(same.otherGroups.isEmpty());
}

void TestScatterPlotView::seedsStackedOnOnePointAreSaid()
{
    // Accuracy on few rows: three seeds of a and one of b score exactly alike.
    using Kind = ScatterData::Kind;
    ScatterData data;
    data.metric = Metric::Accuracy;
    data.higherIsBetter = true;
    data.series = {{QStringLiteral("a"),
                    {{Kind::Seed, 0.9, 0.8, {1}},
                     {Kind::Seed, 0.9, 0.8, {2}},
                     {Kind::Seed, 0.9, 0.8, {3}},
                     {Kind::Seed, 0.95, 0.8, {4}},
                     {Kind::FullEnsemble, 0.9, 0.8, {1, 2, 3, 4}}}},
                   {QStringLiteral("b"), {{Kind::Seed, 0.9, 0.8, {1}}, {Kind::Seed, 0.85, 0.75, {2}}}}};
    QCOMPARE(data.seedsSharingAPoint(), 4); // the ensemble on the same spot is no seed
    QCOMPARE(
        data.sharedPointsNote(),
        QStringLiteral("4 of 6 single seeds share a point with another: a marker may stand for several."));
    ScatterPlotView view;
    view.setData(data);
    const auto header = [&view] {
        return view.plot()->findChild<QCPTextElement*>(QStringLiteral("correlations"))->text();
    };
    QVERIFY2(header().endsWith(QLatin1Char('\n') + data.sharedPointsNote()), qPrintable(header()));
    // Apart, nothing is said.
    data.series[1].points[0].test = 0.81;
    data.series[0].points[1].validation = 0.91;
    data.series[0].points[2].validation = 0.92;
    QCOMPARE(data.seedsSharingAPoint(), 0);
    view.setData(data);
    QVERIFY2(!header().contains(QStringLiteral("share a point")), qPrintable(header()));
}

void TestScatterPlotView::captionSitsOutsideThePlotArea()
{
    QTemporaryDir dir;
    ScatterPlotView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setData(
        scatterOf(importCase(dir, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE)));
    view.plot()->replot();
    auto* caption = view.plot()->findChild<QCPTextElement*>(QStringLiteral("correlations"));
    QVERIFY(caption);
    QVERIFY(caption->text().contains(QStringLiteral("Pearson")));
    const QRect plotArea = view.plot()->axisRect()->rect();
    QVERIFY(caption->outerRect().isValid());
    QVERIFY2(!caption->outerRect().intersects(plotArea),
             qPrintable(QStringLiteral("caption %1,%2 %3×%4 over the plot %5,%6 %7×%8")
                            .arg(caption->outerRect().x())
                            .arg(caption->outerRect().y())
                            .arg(caption->outerRect().width())
                            .arg(caption->outerRect().height())
                            .arg(plotArea.x())
                            .arg(plotArea.y())
                            .arg(plotArea.width())
                            .arg(plotArea.height())));
    QVERIFY(caption->outerRect().bottom() <= plotArea.top());

    // The legend's frame is drawn whole: QPainter strokes a rectangle's right side one pixel past
    // right(), and that column must be on the widget, dark on the light ground.
    QCPLegend* legend = view.plot()->legend;
    const int edge = legend->outerRect().right() + 1;
    QVERIFY2(
        edge < view.plot()->width(),
        qPrintable(QStringLiteral("legend's frame at x = %1 of %2").arg(edge).arg(view.plot()->width())));
    const QImage shot = view.plot()->toPixmap(view.plot()->width(), view.plot()->height()).toImage();
    int framePixels = 0;
    for (int y = legend->outerRect().top(); y <= legend->outerRect().bottom(); ++y)
        framePixels += qGray(shot.pixel(edge, y)) < 128;
    QVERIFY2(framePixels > legend->outerRect().height() / 2, qPrintable(QString::number(framePixels)));
}

void TestScatterPlotView::axesFitTheDataWithEqualScalesOnlyWhereTheyFit()
{
    auto scatter = [](std::vector<std::pair<double, double>> points) {
        ScatterData data;
        data.metric = Metric::AUC;
        data.higherIsBetter = true;
        ScatterData::Series series{QStringLiteral("a"), {}};
        for (const auto& [validation, test] : points)
            series.points.push_back({ScatterData::Kind::Seed, validation, test, {1}});
        data.series.push_back(series);
        return data;
    };
    ScatterPlotView view;
    view.resize(800, 600);
    // Validation and test over similar spans: one range, y = x the diagonal.
    view.setData(scatter({{0.90, 0.91}, {0.95, 0.93}, {0.92, 0.96}}));
    view.plot();
    QVERIFY(view.hasEqualScales());
    // Validation 0.995–1.0, test 0.975–0.99: a shared range would leave the validation points in a
    // sliver of the width, so each axis fits its own data.
    view.setData(scatter({{0.995, 0.975}, {1.0, 0.99}, {0.997, 0.98}}));
    view.plot();
    QVERIFY(!view.hasEqualScales());
    const QCPRange x = view.plot()->xAxis->range(), y = view.plot()->yAxis->range();
    QVERIFY(x.lower < 0.995 && x.upper > 1.0 && x.size() < 0.01);
    QVERIFY(y.lower < 0.975 && y.upper > 0.99 && y.size() < 0.02);
}

namespace {

// The fill of the graph named after an experiment: the scatter's legend key ("alpha (3 seeds)"),
// the spread's diamond.
QColor markerColour(QCustomPlot* plot, const QString& experiment)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == experiment ||
            plot->graph(i)->name().startsWith(experiment + QStringLiteral(" (")))
            return plot->graph(i)->scatterStyle().brush().color();
    return {};
}

} // namespace

void TestScatterPlotView::eachExperimentKeepsItsColourInEveryView()
{
    // A workspace of three experiments seen together for the first time: their names' order decides.
    QTemporaryDir dir;
    const QStringList names = {QStringLiteral("c-wide"), QStringLiteral("a-base"), QStringLiteral("b-deep")};
    for (const QString& name : names)
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("results/") + name));
    const ExperimentColours colours = ExperimentColours::ofWorkspace(dir.path());
    QCOMPARE(colours.of(QStringLiteral("a-base")), ExperimentColours::palette(0));
    QCOMPARE(colours.of(QStringLiteral("c-wide")), ExperimentColours::palette(2));

    auto scatterOfNames = [](const QStringList& plotted) {
        ScatterData data;
        data.metric = Metric::AUC;
        data.higherIsBetter = true;
        double v = 0.8;
        for (const QString& name : plotted) {
            data.series.push_back({name, {{ScatterData::Kind::FullEnsemble, v, v, {1, 2}}}});
            v += 0.01;
        }
        return data;
    };
    auto statisticsOfNames = [](const QStringList& plotted) {
        std::vector<ExperimentStatistics> experiments;
        for (const QString& name : plotted) {
            ExperimentStatistics e;
            e.name = name;
            e.metric = Metric::AUC;
            e.higherIsBetter = true;
            e.seeds = {{1, 0.8, 0.79}, {2, 0.82, 0.8}};
            e.validation = Spread::of({0.8, 0.82}, true);
            e.test = Spread::of({0.79, 0.8}, true);
            e.ensembleValidation = 0.83;
            e.ensembleTest = 0.81;
            e.sizeCurve = {{1, 2, true, 0.81, 0.8, 0.82, 0.8, 0.8, 0.8},
                           {2, 1, true, 0.83, 0.83, 0.83, 0.81, 0.81, 0.81}};
            experiments.push_back(e);
        }
        return experiments;
    };

    ScatterPlotView scatter;
    scatter.resize(700, 500);
    scatter.setColours(colours);
    StatisticsPlotView spread(StatisticsPlotView::Kind::Spread);
    spread.resize(700, 500);
    spread.setColours(colours);
    const QColor wide = colours.of(QStringLiteral("c-wide")), deep = colours.of(QStringLiteral("b-deep"));
    QVERIFY(wide != deep);

    // All three checked, in the window's order (the selected one first).
    scatter.setData(
        scatterOfNames({QStringLiteral("a-base"), QStringLiteral("b-deep"), QStringLiteral("c-wide")}));
    scatter.plot();
    QCOMPARE(markerColour(scatter.plot(), QStringLiteral("c-wide")), wide);
    QCOMPARE(markerColour(scatter.plot(), QStringLiteral("b-deep")), deep);
    // a-base unchecked: the others keep their colours (by position they would each move up one).
    scatter.setData(scatterOfNames({QStringLiteral("b-deep"), QStringLiteral("c-wide")}));
    scatter.plot();
    QCOMPARE(markerColour(scatter.plot(), QStringLiteral("c-wide")), wide);
    QCOMPARE(markerColour(scatter.plot(), QStringLiteral("b-deep")), deep);
    // c-wide selected, so listed first: still its colour. And its points are drawn in it.
    scatter.setData(scatterOfNames({QStringLiteral("c-wide"), QStringLiteral("b-deep")}));
    scatter.plot();
    QCOMPARE(markerColour(scatter.plot(), QStringLiteral("c-wide")), wide);
    bool drawnInWide = false;
    for (int i = 0; i < scatter.plot()->graphCount(); ++i)
        drawnInWide = drawnInWide || (scatter.plot()->graph(i)->name().isEmpty() &&
                                      scatter.plot()->graph(i)->dataCount() == 1 &&
                                      scatter.plot()->graph(i)->scatterStyle().brush().color() == wide &&
                                      scatter.plot()->graph(i)->data()->begin()->key == 0.8);
    QVERIFY(drawnInWide);

    // The spread, the ensemble size and the learning curves agree with the scatter.
    spread.setData(statisticsOfNames({QStringLiteral("c-wide")}));
    QCOMPARE(markerColour(spread.plot(), QStringLiteral("c-wide")), wide);
    spread.setData(statisticsOfNames({QStringLiteral("b-deep"), QStringLiteral("c-wide")}));
    QCOMPARE(markerColour(spread.plot(), QStringLiteral("c-wide")), wide);
    QCOMPARE(markerColour(spread.plot(), QStringLiteral("b-deep")), deep);
    StatisticsPlotView sizes(StatisticsPlotView::Kind::EnsembleSize);
    sizes.setColours(colours);
    sizes.setData(statisticsOfNames({QStringLiteral("c-wide")}));
    QColor line;
    for (int i = 0; i < sizes.plot()->graphCount(); ++i)
        if (sizes.plot()->graph(i)->name() == QLatin1String("c-wide"))
            line = sizes.plot()->graph(i)->pen().color();
    QCOMPARE(line, wide);
    LearningCurveView curves;
    curves.setColours(colours);
    curves.setData(QStringLiteral("c-wide"), Metric::AUC, {{0.7, 0.8}, {0.72, 0.79}});
    QCOMPARE(curves.plot()->graph(curves.plot()->graphCount() - 1)->pen().color(), wide.darker(130));
}

void TestScatterPlotView::axesNameTheMetricAsPeopleWriteIt_data()
{
    QTest::addColumn<Metric>("metric");
    QTest::addColumn<QString>("title");
    // Files say "r2", "logloss", "f1_macro"; a figure in a paper says this.
    QTest::newRow("r2") << Metric::R2 << QStringLiteral("R²");
    QTest::newRow("logloss") << Metric::LogLoss << QStringLiteral("log loss");
    QTest::newRow("f1_macro") << Metric::F1Macro << QStringLiteral("macro F1");
    QTest::newRow("auc") << Metric::AUC << QStringLiteral("ROC AUC");
    QTest::newRow("accuracy") << Metric::Accuracy << QStringLiteral("accuracy");
    QTest::newRow("mae") << Metric::MAE << QStringLiteral("MAE");
    QTest::newRow("none yet") << Metric::Auto << QStringLiteral("score");
}

void TestScatterPlotView::axesNameTheMetricAsPeopleWriteIt()
{
    QFETCH(Metric, metric);
    QFETCH(QString, title);
    ScatterData data;
    data.metric = metric;
    ScatterPlotView scatter;
    scatter.setData(data);
    QCOMPARE(scatter.plot()->xAxis->label(), QStringLiteral("validation %1 (better →)").arg(title));
    QCOMPARE(scatter.plot()->yAxis->label(), QStringLiteral("test %1 (better ↑)").arg(title));
    QVERIFY(scatter.caption().startsWith(QStringLiteral("Validation vs test (%1)").arg(title)));
}

void TestScatterPlotView::noTrendLineFromFewerThanFourPoints()
{
    // Any line fits two points, and three fit a steep one by chance: like the interval, no trend is
    // drawn from fewer than four.
    QTemporaryDir dir;
    std::vector<ExperimentResults> results =
        importCase(dir, QStringLiteral("regression_rmse"), Task::Regression, Metric::RMSE);
    QCOMPARE(results.size(), size_t(2));
    const auto straightLines = [](ScatterPlotView& view) {
        int lines = 0;
        for (int i = 0; i < view.plot()->itemCount(); ++i)
            lines += qobject_cast<QCPItemStraightLine*>(view.plot()->item(i)) != nullptr;
        return lines;
    };

    // alpha with 3 seeds, beta with 1: four seeds give a seed trend, two full ensembles none.
    results[0].seeds.resize(3);
    results[1].seeds.resize(1);
    ScatterData data = ScatterData::build({&results[0], &results[1]}, 4, 1000, 0);
    QCOMPARE(data.count(ScatterData::Kind::KEnsemble), 0);
    QCOMPARE(data.seedTrend.correlation.n, 4);
    QVERIFY(data.seedTrend.isDefined());
    QCOMPARE(data.ensembleTrend.correlation.n, 2);
    QVERIFY(!data.ensembleTrend.isDefined());
    QVERIFY(!std::isfinite(data.ensembleTrend.slope));
    QVERIFY(!std::isfinite(data.ensembleTrend.correlation.pearson));
    ScatterPlotView view;
    view.setData(data);
    QCOMPARE(straightLines(view), 2); // y = x and the seeds' trend
    auto* text = view.plot()->findChild<QCPTextElement*>(QStringLiteral("correlations"));
    QVERIFY(text);
    QVERIFY2(text->text().contains(QStringLiteral("ensembles: Pearson r: too few points (n\u00a0=\u00a02)")),
             qPrintable(text->text()));

    // alpha alone with 3 seeds: a correlation, but no line through three points; only y = x.
    data = ScatterData::build({&results[0]}, 4, 1000, 0);
    QCOMPARE(data.seedTrend.correlation.n, 3);
    QVERIFY(std::isfinite(data.seedTrend.correlation.pearson));
    QVERIFY(!data.seedTrend.isDefined());
    view.setData(data);
    QCOMPARE(straightLines(view), 1);

    // A trend handed over with a slope but from three points is not drawn either.
    data.seedTrend.slope = 1.0;
    data.seedTrend.intercept = 0.0;
    view.setData(data);
    QCOMPARE(straightLines(view), 1);
}

void TestScatterPlotView::addingAnExperimentKeepsEveryColour()
{
    // "b" first, then "a", which sorts before it: b keeps its colour, in this session and the next.
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("results/b")));
    const QColor b = ExperimentColours::ofWorkspace(dir.path()).of(QStringLiteral("b"));
    QCOMPARE(b, ExperimentColours::palette(0));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("results/a")));
    const ExperimentColours both = ExperimentColours::ofWorkspace(dir.path());
    QCOMPARE(both.of(QStringLiteral("b")), b);
    QCOMPARE(both.of(QStringLiteral("a")), ExperimentColours::palette(1));
    // A restart reads them from the workspace: the same colours.
    QCOMPARE(ExperimentColourFile::read(dir.path()),
             (ExperimentColourFile::Slots{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 0}}));
    const ExperimentColours reloaded = ExperimentColours::ofWorkspace(dir.path());
    QCOMPARE(reloaded.of(QStringLiteral("b")), b);
    QCOMPARE(reloaded.of(QStringLiteral("a")), ExperimentColours::palette(1));

    // The scatter draws b in its colour with a plotted, alone, or a listed first.
    ScatterData data;
    data.metric = Metric::AUC;
    data.higherIsBetter = true;
    data.series.push_back({QStringLiteral("a"), {{ScatterData::Kind::FullEnsemble, 0.8, 0.8, {1, 2}}}});
    data.series.push_back({QStringLiteral("b"), {{ScatterData::Kind::FullEnsemble, 0.9, 0.9, {1, 2}}}});
    ScatterPlotView view;
    view.setColours(reloaded);
    view.setData(data);
    QCOMPARE(markerColour(view.plot(), QStringLiteral("b")), b);
    QCOMPARE(markerColour(view.plot(), QStringLiteral("a")), ExperimentColours::palette(1));

    // A damaged file: the names' order again, rewritten so that it holds from now on.
    QFile damaged(dir.filePath(ExperimentColourFile::fileName()));
    QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("{\"format\": 1, \"slots\": ");
    damaged.close();
    const ExperimentColours fallback = ExperimentColours::ofWorkspace(dir.path());
    QCOMPARE(fallback.of(QStringLiteral("a")), ExperimentColours::palette(0));
    QCOMPARE(fallback.of(QStringLiteral("b")), ExperimentColours::palette(1));
    QCOMPARE(ExperimentColourFile::read(dir.path()).size(), size_t(2));
}

QTEST_MAIN(TestScatterPlotView)
#include "tst_scatterplotview.moc"
