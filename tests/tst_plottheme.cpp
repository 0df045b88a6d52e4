// Plots follow the application's palette, dark or light, and re-theme live when it changes;
// exported figures stay light (white, dark text) whatever the screen shows: they are for papers.
#include "plot/learningcurveview.h"
#include "plot/plotexporter.h"
#include "plot/plottheme.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"
#include "problemtext.h"
#include "reportpdfprinter.h"

#include "report/htmlreport.h"

#include "stats/scatterdata.h"
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QtTest>

#include "plot/qcustomplot_include.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

using namespace seedscape;

namespace {

// A dark palette as platform themes give it: dark Base and Window, light Text.
QPalette darkPalette()
{
    QPalette p;
    for (QPalette::ColorRole role : {QPalette::Window, QPalette::Button, QPalette::AlternateBase})
        p.setColor(role, QColor(0x35, 0x35, 0x35));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(role, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x24, 0x24, 0x24));
    p.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    return p;
}

// The plot's background as drawn (QCustomPlot has no getter for its brush).
QColor backgroundOf(QCustomPlot* plot)
{
    return plot->toPixmap(48, 48).toImage().pixelColor(0, 0);
}

bool isDark(const QColor& c)
{
    return c.lightness() < 80;
}

bool isLight(const QColor& c)
{
    return c.lightness() > 180;
}

// Pixels of a column band of an image (the y axis's labels sit at the left) that pass a test.
template <typename Test> int pixelsIn(const QImage& image, int fromX, int toX, Test test)
{
    int n = 0;
    for (int y = image.height() / 5; y < image.height() * 4 / 5; ++y)
        for (int x = fromX; x < toX; ++x)
            n += test(image.pixelColor(x, y));
    return n;
}

} // namespace

class TestPlotTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void lightThemeIsQCustomPlotsDefault();
    void viewsFollowThePalette_data();
    void viewsFollowThePalette();
    void marksTurnLightOnDark();
    void exportsStayLightUnderADarkPalette();
    void darkScatterAsShown();
    void selectionRingIsEdgedToReadOnItsOwnColour();
    void seedsAreEdgedOverTheirKEnsembles();
    void reportPdfStaysLight();
    void problemTextReadsOnBoth();

private:
    std::unique_ptr<PlotPage> makeView(const QString& kind);

    QTemporaryDir m_dir;
    std::vector<ExperimentResults> m_results;
    QPalette m_light;
};

void TestPlotTheme::initTestCase()
{
    m_light = QApplication::palette();
    QVERIFY(isLight(m_light.color(QPalette::Base))); // the test starts from a light palette
    const QString folder = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/regression_rmse");
    PredictionImporter::importInto(Workspace(m_dir.path()), folder + QStringLiteral("/predictions.csv"),
                                   folder + QStringLiteral("/labels.csv"), Task::Regression, Metric::RMSE);
    m_results = ExperimentResults::loadWorkspace(m_dir.path());
    QCOMPARE(m_results.size(), size_t(2));
}

void TestPlotTheme::cleanup()
{
    QApplication::setPalette(m_light);
}

std::unique_ptr<PlotPage> TestPlotTheme::makeView(const QString& kind)
{
    if (kind == QLatin1String("scatter")) {
        std::vector<const ExperimentResults*> pointers;
        for (const ExperimentResults& r : m_results)
            pointers.push_back(&r);
        auto view = std::make_unique<ScatterPlotView>();
        view->setData(ScatterData::build(pointers, 3, 1000, 0));
        return view;
    }
    if (kind == QLatin1String("curves")) {
        auto view = std::make_unique<LearningCurveView>();
        view->setData(QStringLiteral("a"), Metric::RMSE, {{1.0, 0.8, 0.6, 0.55}, {1.1, 0.7, 0.5, 0.45}});
        return view;
    }
    auto view = std::make_unique<StatisticsPlotView>(kind == QLatin1String("spread")
                                                         ? StatisticsPlotView::Kind::Spread
                                                         : StatisticsPlotView::Kind::EnsembleSize);
    view->setData(WorkspaceStatistics::compute(m_results, {}).experiments);
    return view;
}

void TestPlotTheme::lightThemeIsQCustomPlotsDefault()
{
    // Exports apply light(): a plain plot, never themed, must come out as it was.
    QCustomPlot plain;
    const QPen grid = plain.xAxis->grid()->pen(), subGrid = plain.xAxis->grid()->subGridPen();
    const QColor legend = plain.legend->brush().color();
    PlotTheme::light().apply(&plain);
    QCOMPARE(plain.xAxis->grid()->pen(), grid);
    QCOMPARE(plain.xAxis->grid()->subGridPen(), subGrid);
    QCOMPARE(plain.legend->brush().color(), legend);
    QCOMPARE(backgroundOf(&plain), QColor(Qt::white));
    QCOMPARE(plain.yAxis->tickLabelColor(), QColor(Qt::black));
    QCOMPARE(PlotTheme::appliedTo(&plain), PlotTheme::light());
}

void TestPlotTheme::viewsFollowThePalette_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"scatter", "spread", "ensemble-size", "curves"})
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void TestPlotTheme::viewsFollowThePalette()
{
    QFETCH(QString, kind);
    const std::unique_ptr<PlotPage> page = makeView(kind);
    page->widget()->resize(640, 480);
    page->widget()->show();
    QVERIFY(QTest::qWaitForWindowExposed(page->widget()));
    QCustomPlot* plot = page->plot();
    // The default light palette: white plots with black text, as before themes.
    QCOMPARE(backgroundOf(plot), m_light.color(QPalette::Base));
    QCOMPARE(plot->xAxis->tickLabelColor(), m_light.color(QPalette::Text));

    // A palette change reaches widgets through the event loop, as the system's would.
    QApplication::setPalette(darkPalette());
    QTRY_VERIFY(isDark(backgroundOf(plot)));
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        QVERIFY(isLight(axis->tickLabelColor()));
        QVERIFY(isLight(axis->labelColor()));
        QVERIFY(isLight(axis->basePen().color()));
        // The grid sits between the two: seen, but quieter than the text.
        const int grid = axis->grid()->pen().color().lightness();
        QVERIFY(grid > backgroundOf(plot).lightness() + 15 && grid < axis->tickLabelColor().lightness());
    }
    QVERIFY(isLight(plot->legend->textColor()));
    // As drawn, once the queued replot ran: a dark corner and light tick labels at the left.
    QTRY_VERIFY(isDark(plot->grab().toImage().pixelColor(3, 3)));
    QTRY_VERIFY(pixelsIn(plot->grab().toImage(), 0, 60, isLight) > 20);

    // Back to light: the same plot re-themes again.
    QApplication::setPalette(m_light);
    QTRY_COMPARE(backgroundOf(plot), m_light.color(QPalette::Base));
    QCOMPARE(plot->yAxis->tickLabelColor(), m_light.color(QPalette::Text));
    QTRY_VERIFY(isLight(plot->grab().toImage().pixelColor(3, 3)));
}

void TestPlotTheme::marksTurnLightOnDark()
{
    // Marks of no experiment (outlines, means, intervals, reference lines) follow the text colour;
    // experiment colours stay, their shades turn lighter instead of darker.
    QApplication::setPalette(darkPalette());
    ScatterPlotView scatter;
    scatter.setData(ScatterData::build({&m_results[0], &m_results[1]}, 3, 1000, 0));
    QCustomPlot* plot = scatter.plot();
    int fullEnsembles = 0;
    for (int i = 0; i < plot->graphCount(); ++i) {
        const QCPScatterStyle& style = plot->graph(i)->scatterStyle();
        if (style.size() == 16) { // full-ensemble markers and their legend keys
            ++fullEnsembles;
            QVERIFY(isLight(style.pen().color()));
        }
    }
    QVERIFY(fullEnsembles >= 2);
    QVERIFY(plot->itemCount() >= 1); // y = x at least
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i)))
            QVERIFY(line->pen().color().lightness() > 120);

    StatisticsPlotView spread(StatisticsPlotView::Kind::Spread);
    spread.setData(WorkspaceStatistics::compute(m_results, {}).experiments);
    int intervals = 0;
    for (int i = 0; i < spread.plot()->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPErrorBars*>(spread.plot()->plottable(i))) {
            ++intervals;
            QVERIFY(isLight(bars->pen().color()));
        }
    QCOMPARE(intervals, 2);
    spread.setStyle(StatisticsPlotView::Style::Box);
    QCOMPARE(spread.plottedBoxes(), 2);
    for (int i = 0; i < spread.plot()->plottableCount(); ++i)
        if (auto* box = qobject_cast<QCPStatisticalBox*>(spread.plot()->plottable(i))) {
            QVERIFY(isLight(box->medianPen().color()));
            QVERIFY(isLight(box->whiskerPen().color()));
            QVERIFY(isLight(box->whiskerBarPen().color()));
        }

    LearningCurveView curves;
    const QColor colour = ExperimentColours(QStringList{QStringLiteral("a")}).of(QStringLiteral("a"));
    curves.setData(QStringLiteral("a"), Metric::RMSE, {{1.0, 0.8}, {1.1, 0.7}});
    QCOMPARE(curves.meanGraph(QStringLiteral("a"))->pen().color(), colour.lighter(130));
    QApplication::setPalette(m_light);
    QTRY_COMPARE(curves.meanGraph(QStringLiteral("a"))->pen().color(), colour.darker(130));
}

void TestPlotTheme::exportsStayLightUnderADarkPalette()
{
    QApplication::setPalette(darkPalette());
    ScatterPlotView view;
    view.resize(640, 480);
    view.setData(ScatterData::build({&m_results[0], &m_results[1]}, 3, 1000, 0));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QColor darkBase = backgroundOf(view.plot());
    QVERIFY(isDark(darkBase));

    const QString path = m_dir.filePath(QStringLiteral("dark.png"));
    PlotExporter::save(view.plot(), path, 640, 480, 96);
    const QImage png(path);
    QCOMPARE(png.size(), QSize(640, 480));
    QCOMPARE(png.pixelColor(1, 1), QColor(Qt::white));
    QCOMPARE(png.pixelColor(png.width() - 2, png.height() - 2), QColor(Qt::white));
    // The y axis's label and tick labels, at the left, are dark text.
    QVERIFY(pixelsIn(png, 0, 60, isDark) > 20);

    // The SVG (the HTML report's figures) holds no colour of the dark theme either.
    const QByteArray svg = PlotExporter::encode(view.plot(), PlotExporter::Format::Svg, 640, 480, 96, path);
    QVERIFY(svg.contains("validation RMSE"));
    QVERIFY(!svg.contains(darkBase.name().toLatin1()));
    QVERIFY(!svg.contains(QColor(0xee, 0xee, 0xee).name().toLatin1()));

    // The window's plot is dark again afterwards.
    QCOMPARE(backgroundOf(view.plot()), darkBase);
    QVERIFY(isLight(view.plot()->xAxis->tickLabelColor()));
}

void TestPlotTheme::darkScatterAsShown()
{
    // The whole view as the user sees it under a dark palette; SEEDSCAPE_PLOT_SCREENSHOT keeps a copy.
    QApplication::setPalette(darkPalette());
    ScatterPlotView view;
    view.resize(900, 640);
    view.setData(ScatterData::build({&m_results[0], &m_results[1]}, 3, 1000, 0));
    view.selectPoint(m_results[0].name, {});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(isDark(view.grab().toImage().pixelColor(3, 3)));
    const QImage shot = view.grab().toImage();
    QVERIFY(pixelsIn(shot, 0, 60, isLight) > 20);
    // The selection ring stays a strong red that stands out from the dark ground.
    const QColor ring = PlotTheme::fromPalette(darkPalette()).ink(PlotTheme::Ink::Selection);
    QVERIFY(pixelsIn(shot, 0, shot.width(), [&](const QColor& c) {
                return std::abs(c.red() - ring.red()) + std::abs(c.green() - ring.green()) +
                           std::abs(c.blue() - ring.blue()) <
                       30;
            }) > 10);
    if (const QString path = qEnvironmentVariable("SEEDSCAPE_PLOT_SCREENSHOT"); !path.isEmpty())
        QVERIFY(shot.save(path));
}

void TestPlotTheme::selectionRingIsEdgedToReadOnItsOwnColour()
{
    // The ring is red; on a red experiment's marker only an edge of the background's colour, on
    // both sides of it, keeps it visible. Both are screen marks: never exported.
    QApplication::setPalette(QApplication::style()->standardPalette());
    ScatterPlotView view;
    view.setData(ScatterData::build({&m_results[0], &m_results[1]}, 3, 1000, 0));
    view.selectPoint(m_results[0].name, {});
    QCOMPARE(view.selectedPoints(), 1);
    std::vector<QCPGraph*> marks;
    for (int i = 0; i < view.plot()->graphCount(); ++i)
        if (view.plot()->graph(i)->property("exportHidden").toBool())
            marks.push_back(view.plot()->graph(i));
    QCOMPARE(marks.size(), size_t(2));
    QCPGraph* halo = marks[0]; // drawn first: under the ring
    QCPGraph* ring = marks[1];
    const PlotTheme light = PlotTheme::fromPalette(view.palette());
    QCOMPARE(ring->scatterStyle().pen().color(), light.ink(PlotTheme::Ink::Selection));
    QCOMPARE(halo->scatterStyle().pen().color(), light.background());
    QVERIFY(halo->scatterStyle().pen().widthF() > ring->scatterStyle().pen().widthF());
    QCOMPARE(halo->scatterStyle().size(), ring->scatterStyle().size());
    QCOMPARE(halo->dataCount(), ring->dataCount());
    QCOMPARE(halo->data()->begin()->key, ring->data()->begin()->key);

    // A dark palette recolours the edge with the plot's ground.
    const PlotTheme dark = PlotTheme::fromPalette(darkPalette());
    dark.apply(view.plot());
    QCOMPARE(halo->scatterStyle().pen().color(), dark.background());
    QCOMPARE(ring->scatterStyle().pen().color(), dark.ink(PlotTheme::Ink::Selection));
}

// A seed on its own experiment's k-ensemble marker (the same colour) shows by an edge of the plot's
// ground, in either theme; its markers are drawn after the k-ensembles', so over them.
void TestPlotTheme::seedsAreEdgedOverTheirKEnsembles()
{
    QApplication::setPalette(QApplication::style()->standardPalette());
    ScatterPlotView view;
    view.setData(ScatterData::build({&m_results[0], &m_results[1]}, 3, 1000, 0));
    QCustomPlot* plot = view.plot();
    // By fill: seeds are translucent (stacked ones read darker), k-ensembles more so.
    const auto graphsFilled = [plot](int alpha) {
        std::vector<int> graphs;
        for (int i = 0; i < plot->graphCount(); ++i)
            if (plot->graph(i)->dataCount() > 0 &&
                plot->graph(i)->scatterStyle().brush().color().alpha() == alpha)
                graphs.push_back(i);
        return graphs;
    };
    const std::vector<int> seeds = graphsFilled(180), kEnsembles = graphsFilled(90);
    QCOMPARE(seeds.size(), size_t(2)); // one per experiment
    QCOMPARE(kEnsembles.size(), size_t(2));
    QVERIFY(*std::min_element(seeds.begin(), seeds.end()) >
            *std::max_element(kEnsembles.begin(), kEnsembles.end()));
    const PlotTheme light = PlotTheme::fromPalette(view.palette());
    for (int i : seeds)
        QCOMPARE(plot->graph(i)->scatterStyle().pen().color(), light.background());
    const PlotTheme dark = PlotTheme::fromPalette(darkPalette());
    dark.apply(plot);
    for (int i : seeds)
        QCOMPARE(plot->graph(i)->scatterStyle().pen().color(), dark.background());
}

void TestPlotTheme::reportPdfStaysLight()
{
    // The report's PDF is drawn by Qt's rich text, whose default colours are the palette's: the
    // page must read the same whatever the screen's palette.
    if (QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty())
        QSKIP("pdftoppm (poppler-utils) is not installed: the page is not drawn");
    HtmlReport report;
    report.title = QStringLiteral("Palette report");
    report.statistics = WorkspaceStatistics::compute(m_results, {});
    const auto firstPage = [&] {
        const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QImage();
        file.write(ReportPdfPrinter::print(report));
        file.close();
        QProcess pdftoppm;
        pdftoppm.start(QStringLiteral("pdftoppm"),
                       {QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-f"), QStringLiteral("1"),
                        QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-png"), path});
        pdftoppm.waitForFinished(30000);
        return QImage::fromData(pdftoppm.readAllStandardOutput());
    };
    const auto darkPixels = [](const QImage& page) {
        return pixelsIn(page, 0, page.width(), [](const QColor& c) { return c.lightness() < 110; });
    };
    const QImage onLight = firstPage();
    QApplication::setPalette(darkPalette());
    const QImage onDark = firstPage();
    QVERIFY(!onLight.isNull() && !onDark.isNull());
    QCOMPARE(onDark.pixelColor(1, 1), QColor(Qt::white));
    QVERIFY(darkPixels(onLight) > 200);
    // As much dark text as on a light palette (the workspace line's time may differ by a second).
    QVERIFY(std::abs(darkPixels(onDark) - darkPixels(onLight)) < darkPixels(onLight) / 50);
}

void TestPlotTheme::problemTextReadsOnBoth()
{
    QCOMPARE(PlotTheme::problemText(m_light), QColor(Qt::darkRed));
    const QColor onDark = PlotTheme::problemText(darkPalette());
    QVERIFY(onDark.lightness() > darkPalette().color(QPalette::Base).lightness() + 80);
    QVERIFY(onDark.red() > onDark.green() + 40); // still red
    // The window's problem labels (ProblemText) use it: the dark red on a dark window is gone.
    QLabel label;
    label.setPalette(darkPalette());
    QCOMPARE(ProblemText::styleSheet(&label), QStringLiteral("color: %1").arg(onDark.name()));
    QVERIFY(ProblemText::html(QStringLiteral("a < b"), &label).contains(QStringLiteral("a &lt; b")));
    label.setPalette(m_light);
    QVERIFY(ProblemText::html(QStringLiteral("x"), &label).contains(QColor(Qt::darkRed).name()));
}

QTEST_MAIN(TestPlotTheme)
#include "tst_plottheme.moc"
