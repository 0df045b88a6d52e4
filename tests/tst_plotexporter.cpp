// Exported plots as a paper needs them: SVG and PDF the same at every dpi, nothing touching the
// file's edge when rendered by other programs (rsvg-convert, pdftoppm), SVG text as outlines that
// keep their words, experiment names as text on category axes, and no selection ring.
#include "plot/exportfit.h"
#include "plot/learningcurveview.h"
#include "plot/plotexporter.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"

#include "stats/scatterdata.h"
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "plot/qcustomplot_include.h"

#include <algorithm>
#include <cmath>
#include <memory>

using namespace seedscape;

namespace {

constexpr int kWidth = 640, kHeight = 480;
constexpr int kDefaultWidth = 900, kDefaultHeight = 700;

// Runs a tool; an empty result when it is missing or fails.
QByteArray runTool(const QString& tool, const QStringList& args)
{
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

// Pixels in the outermost two rows and columns that are not (nearly) white.
int inkOnBorder(const QImage& image)
{
    int ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            if (x >= 2 && y >= 2 && x < image.width() - 2 && y < image.height() - 2)
                continue;
            const QColor c = image.pixelColor(x, y);
            ink += c.alpha() > 10 && std::min({c.red(), c.green(), c.blue()}) < 245;
        }
    return ink;
}

int inkPixels(const QImage& image)
{
    int ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            ink += c.alpha() > 10 && std::min({c.red(), c.green(), c.blue()}) < 200;
        }
    return ink;
}

// Strongly red pixels: the selection ring's colour, used by no experiment.
int redPixels(const QImage& image)
{
    int red = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            red += c.red() > 220 && c.green() < 40 && c.blue() < 40;
        }
    return red;
}

// The words of the outlined text runs, in document order.
QStringList outlinedText(const QByteArray& svg, int* textElements = nullptr)
{
    QXmlStreamReader xml(svg);
    QStringList words;
    int texts = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            texts += xml.name() == QLatin1String("text");
            if (xml.name() == QLatin1String("path") &&
                xml.attributes().hasAttribute(QLatin1String("aria-label")) &&
                !xml.attributes().value(QLatin1String("d")).isEmpty())
                words << xml.attributes().value(QLatin1String("aria-label")).toString();
        }
    if (textElements)
        *textElements = texts;
    return xml.hasError() ? QStringList{QStringLiteral("<parse error>")} : words;
}

// A horizontal line of an SVG, from x0 to x1 at y.
struct HorizontalLine
{
    double x0, x1, y;
};

// The cosmetic (non-scaling) lines drawn with a stroke-dasharray: the grid. caps collects the
// stroke-linecap of every dashed group.
std::vector<HorizontalLine> dashedGridLines(const QByteArray& svg, int* dashedLines, QStringList* caps)
{
    QXmlStreamReader xml(svg);
    std::vector<HorizontalLine> horizontal;
    std::vector<bool> dashed{false}; // per open element: inside a dashed group
    *dashedLines = 0;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::EndElement)
            dashed.pop_back();
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        const bool dashes = a.hasAttribute(QLatin1String("stroke-dasharray")) &&
                            a.value(QLatin1String("stroke-dasharray")) != QLatin1String("none");
        if (dashes)
            *caps << a.value(QLatin1String("stroke-linecap")).toString();
        dashed.push_back(dashed.back() || dashes);
        if (!dashed.back() || xml.name() != QLatin1String("polyline") ||
            a.value(QLatin1String("vector-effect")) != QLatin1String("non-scaling-stroke"))
            continue;
        ++*dashedLines;
        const QStringList points =
            a.value(QLatin1String("points")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (points.size() != 2)
            continue;
        const QStringList from = points[0].split(QLatin1Char(',')), to = points[1].split(QLatin1Char(','));
        if (from.size() == 2 && to.size() == 2 && from[1] == to[1])
            horizontal.push_back({std::min(from[0].toDouble(), to[0].toDouble()),
                                  std::max(from[0].toDouble(), to[0].toDouble()), from[1].toDouble()});
    }
    return xml.hasError() ? std::vector<HorizontalLine>{} : horizontal;
}

// The share of white pixels along a line of a rendered image: about 2/3 for 1-on-2-off dots.
double whiteAlong(const QImage& image, const HorizontalLine& line)
{
    const int y = static_cast<int>(std::floor(line.y)); // the row the 1-pixel line covers most
    int white = 0, all = 0;
    for (int x = static_cast<int>(std::ceil(line.x0)) + 2; x < static_cast<int>(line.x1) - 2; ++x, ++all) {
        const QColor c = image.pixelColor(x, y);
        white += std::min({c.red(), c.green(), c.blue()}) >= 250;
    }
    return all > 0 ? static_cast<double>(white) / all : 0.0;
}

} // namespace

class TestPlotExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void vectorFilesIgnoreDpi_data();
    void vectorFilesIgnoreDpi();
    void nothingTouchesTheEdge_data();
    void nothingTouchesTheEdge();
    void svgTextIsOutlinedWords();
    void categoryLabelsAreNames();
    void selectionRingIsNotExported();
    void meanAndEnsembleSitSideBySide();
    void svgIsClippedLikeTheScreen();
    void gridStaysDottedInSvg_data();
    void gridStaysDottedInSvg();
    void aOneColumnFigureKeepsItsWordsInside_data();
    void aOneColumnFigureKeepsItsWordsInside();
    void wrappedBreaksAtSpacesOnly();

private:
    QCustomPlot* plotOf(const QString& kind);

    QTemporaryDir m_dir;
    std::vector<ExperimentResults> m_results;
    std::unique_ptr<ScatterPlotView> m_scatter;
    std::unique_ptr<StatisticsPlotView> m_strip, m_box, m_size;
    std::unique_ptr<LearningCurveView> m_curves;
};

void TestPlotExporter::initTestCase()
{
    // Two experiments, one named like a number in scientific notation.
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/multiclass_accuracy");
    QFile source(golden + QStringLiteral("/predictions.csv"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray predictions = source.readAll();
    predictions.replace("\nm2,", "\nlr3e-4,");
    QFile renamed(m_dir.filePath(QStringLiteral("predictions.csv")));
    QVERIFY(renamed.open(QIODevice::WriteOnly));
    renamed.write(predictions);
    renamed.close();
    PredictionImporter::importInto(Workspace(m_dir.filePath(QStringLiteral("ws"))), renamed.fileName(),
                                   golden + QStringLiteral("/labels.csv"), Task::Multiclass,
                                   Metric::Accuracy);
    m_results = ExperimentResults::loadWorkspace(m_dir.filePath(QStringLiteral("ws")));
    QCOMPARE(m_results.size(), size_t(2));

    std::vector<const ExperimentResults*> pointers;
    for (const ExperimentResults& r : m_results)
        pointers.push_back(&r);
    m_scatter = std::make_unique<ScatterPlotView>();
    m_scatter->resize(kWidth, kHeight);
    m_scatter->setData(ScatterData::build(pointers, 3, 200, 0));
    const auto statistics = WorkspaceStatistics::compute(m_results, {}).experiments;
    m_strip = std::make_unique<StatisticsPlotView>(StatisticsPlotView::Kind::Spread);
    m_strip->setData(statistics);
    m_box = std::make_unique<StatisticsPlotView>(StatisticsPlotView::Kind::Spread);
    m_box->setStyle(StatisticsPlotView::Style::Box);
    m_box->setShowTest(true);
    m_box->setData(statistics);
    m_size = std::make_unique<StatisticsPlotView>(StatisticsPlotView::Kind::EnsembleSize);
    m_size->setData(statistics);
    m_curves = std::make_unique<LearningCurveView>();
    m_curves->setData(m_results.front().name, m_results.front().labels.metric,
                      {{0.5, 0.6, 0.7}, {0.4, 0.6, 0.8}});
}

QCustomPlot* TestPlotExporter::plotOf(const QString& kind)
{
    if (kind == QLatin1String("scatter"))
        return m_scatter->plot();
    if (kind == QLatin1String("strip"))
        return m_strip->plot();
    if (kind == QLatin1String("box"))
        return m_box->plot();
    if (kind == QLatin1String("ensemble-size"))
        return m_size->plot();
    return m_curves->plot();
}

void TestPlotExporter::vectorFilesIgnoreDpi_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("format");
    for (const char* kind : {"scatter", "box"}) {
        QTest::addRow("%s svg", kind) << kind << int(PlotExporter::Format::Svg);
        QTest::addRow("%s pdf", kind) << kind << int(PlotExporter::Format::Pdf);
    }
}

void TestPlotExporter::vectorFilesIgnoreDpi()
{
    QFETCH(QString, kind);
    QFETCH(int, format);
    const auto f = PlotExporter::Format(format);
    const QByteArray at96 = PlotExporter::encode(plotOf(kind), f, kWidth, kHeight, 96, kind);
    const QByteArray at300 = PlotExporter::encode(plotOf(kind), f, kWidth, kHeight, 300, kind);
    if (f == PlotExporter::Format::Svg) {
        QVERIFY(at96.contains("viewBox=\"0 0 640 480\""));
        QCOMPARE(at300, at96); // every coordinate, font and pen the same
        return;
    }
    // A PDF carries its creation time: compare the page and what it draws.
    static const QRegularExpression mediaBox(QStringLiteral("/MediaBox \\[[^\\]]*\\]"));
    const QString box96 = mediaBox.match(QString::fromLatin1(at96)).captured();
    QCOMPARE(box96, QStringLiteral(
                        "/MediaBox [0 0 480.000000 360.000000]")); // 640 × 480 pixels at 96 dpi, in points
    QCOMPARE(mediaBox.match(QString::fromLatin1(at300)).captured(), box96);
    if (QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty())
        QSKIP("pdftoppm (poppler-utils) is not installed: the drawings are not compared");
    QImage images[2];
    for (int i = 0; i < 2; ++i) {
        const QString path = m_dir.filePath(QStringLiteral("dpi%1.pdf").arg(i));
        PlotExporter::save(plotOf(kind), path, kWidth, kHeight, i == 0 ? 96 : 300);
        const QByteArray png =
            runTool(QStringLiteral("pdftoppm"),
                    {QStringLiteral("-r"), QStringLiteral("96"), QStringLiteral("-png"), path});
        images[i] = QImage::fromData(png).convertToFormat(QImage::Format_RGB32);
    }
    QCOMPARE(images[0].size(), QSize(kWidth, kHeight));
    QVERIFY(inkPixels(images[0]) > 1000);
    QVERIFY(images[0] == images[1]);
}

void TestPlotExporter::nothingTouchesTheEdge_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("tool");
    for (const char* kind : {"scatter", "strip", "box", "ensemble-size", "curves"}) {
        QTest::addRow("%s svg", kind) << kind << "rsvg-convert";
        QTest::addRow("%s pdf", kind) << kind << "pdftoppm";
    }
}

void TestPlotExporter::nothingTouchesTheEdge()
{
    QFETCH(QString, kind);
    QFETCH(QString, tool);
    if (QStandardPaths::findExecutable(tool).isEmpty())
        QSKIP(qPrintable(tool + QStringLiteral(" is not installed (librsvg2-bin, poppler-utils)")));
    const bool svg = tool == QLatin1String("rsvg-convert");
    const QString path = m_dir.filePath(kind + (svg ? QStringLiteral(".svg") : QStringLiteral(".pdf")));
    // At the program's default size: a plot's captions are laid out for it.
    PlotExporter::save(plotOf(kind), path, kDefaultWidth, kDefaultHeight, 300);
    const QByteArray png =
        svg ? runTool(tool,
                      {QStringLiteral("--format=png"), QStringLiteral("--background-color=white"), path})
            : runTool(tool, {QStringLiteral("-r"), QStringLiteral("96"), QStringLiteral("-png"), path});
    const QImage image = QImage::fromData(png).convertToFormat(QImage::Format_ARGB32);
    QCOMPARE(image.size(), QSize(kDefaultWidth, kDefaultHeight));
    QVERIFY(inkPixels(image) > 1000); // drawn, not blank
    QCOMPARE(inkOnBorder(image), 0);
}

void TestPlotExporter::svgTextIsOutlinedWords()
{
    int textElements = -1;
    const QStringList words = outlinedText(
        PlotExporter::encode(m_scatter->plot(), PlotExporter::Format::Svg, kWidth, kHeight, 96, {}),
        &textElements);
    QCOMPARE(textElements, 0); // no font needed to show it
    // Each legend entry with its seed count.
    QVERIFY2(words.contains(QStringLiteral("m1 (%1 seeds)").arg(m_results[0].seeds.size())) ||
                 words.contains(QStringLiteral("m1 (%1 seeds)").arg(m_results[1].seeds.size())),
             qPrintable(words.join(QLatin1Char('|'))));
    QVERIFY(std::any_of(words.begin(), words.end(),
                        [](const QString& w) { return w.startsWith(QStringLiteral("lr3e-4 (")); }));
    QVERIFY(words.contains(QStringLiteral("validation accuracy (better →)")));
}

void TestPlotExporter::categoryLabelsAreNames()
{
    // The spread plot's category axis: the names as written, in the order of the experiments.
    const QStringList words = outlinedText(
        PlotExporter::encode(m_strip->plot(), PlotExporter::Format::Svg, kWidth, kHeight, 96, {}));
    QVERIFY2(words.contains(QStringLiteral("lr3e-4")), qPrintable(words.join(QLatin1Char('|'))));
    QVERIFY(words.contains(QStringLiteral("m1")));
    QVERIFY(!words.contains(QStringLiteral("0.0003")));
    // Under each name, how many seeds its spread holds.
    QVERIFY2(words.contains(QStringLiteral("n = %1").arg(m_results[0].seeds.size())),
             qPrintable(words.join(QLatin1Char('|'))));
    const QString pdf = m_dir.filePath(QStringLiteral("names.pdf"));
    PlotExporter::save(m_strip->plot(), pdf, kWidth, kHeight, 300);
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text is not read");
    const QString text = QString::fromUtf8(runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}));
    QVERIFY2(text.contains(QStringLiteral("lr3e-4")), qPrintable(text));
}

void TestPlotExporter::selectionRingIsNotExported()
{
    m_scatter->selectPoint(QStringLiteral("m1"), {});
    QCOMPARE(m_scatter->selectedPoints(), 1);
    // On screen the ring is there ...
    QVERIFY(redPixels(m_scatter->plot()->toPixmap(kWidth, kHeight).toImage()) > 50);
    // ... in every export it is not, and afterwards the screen still has it.
    const QImage png = QImage::fromData(
        PlotExporter::encode(m_scatter->plot(), PlotExporter::Format::Png, kWidth, kHeight, 96, {}));
    QCOMPARE(png.size(), QSize(kWidth, kHeight));
    QCOMPARE(redPixels(png), 0);
    const QByteArray svg =
        PlotExporter::encode(m_scatter->plot(), PlotExporter::Format::Svg, kWidth, kHeight, 96, {});
    QVERIFY(!svg.contains("#ff0000"));
    QCOMPARE(m_scatter->selectedPoints(), 1);
    QVERIFY(redPixels(m_scatter->plot()->toPixmap(kWidth, kHeight).toImage()) > 50);
    m_scatter->selectPoint({}, {});
}

void TestPlotExporter::meanAndEnsembleSitSideBySide()
{
    // Close scores must not hide one marker under the other: the ensemble's diamond sits right of
    // the mean's crossed square, each experiment's pair within its own column.
    std::vector<double> means, ensembles;
    QCustomPlot* plot = m_strip->plot();
    for (int i = 0; i < plot->graphCount(); ++i) {
        const QCPGraph* g = plot->graph(i);
        if (g->dataCount() != 1)
            continue;
        if (g->scatterStyle().shape() == QCPScatterStyle::ssCrossSquare)
            means.push_back(g->data()->begin()->key);
        else if (g->scatterStyle().shape() == QCPScatterStyle::ssDiamond)
            ensembles.push_back(g->data()->begin()->key);
    }
    QVERIFY(means.size() >= 2);
    QCOMPARE(ensembles.size(), means.size());
    for (size_t i = 0; i < means.size(); ++i) {
        QVERIFY2(ensembles[i] - means[i] >= 0.1, qPrintable(QString::number(ensembles[i] - means[i])));
        QCOMPARE(std::floor(means[i] + 0.5), std::floor(ensembles[i] + 0.5)); // the same experiment's column
    }
}

void TestPlotExporter::svgIsClippedLikeTheScreen()
{
    if (QStandardPaths::findExecutable(QStringLiteral("rsvg-convert")).isEmpty())
        QSKIP("rsvg-convert (librsvg2-bin) is not installed");
    // Zoomed in by hand: points outside the axes must stay out of the file as off the screen.
    m_scatter->plot()->xAxis->setRange(0.75, 0.9);
    m_scatter->plot()->yAxis->setRange(0.7, 0.88);
    const QString path = m_dir.filePath(QStringLiteral("zoomed.svg"));
    PlotExporter::save(m_scatter->plot(), path, kDefaultWidth, kDefaultHeight, 96);
    const QImage rendered = QImage::fromData(runTool(QStringLiteral("rsvg-convert"),
                                                     {QStringLiteral("--format=png"),
                                                      QStringLiteral("--background-color=white"), path}))
                                .convertToFormat(QImage::Format_RGB32);
    m_scatter->resetView();
    QCOMPARE(rendered.size(), QSize(kDefaultWidth, kDefaultHeight));
    QVERIFY(inkPixels(rendered) > 1000);
    // Two points lie beyond the zoomed axes: one left of the plot (it reached the file's edge),
    // one right of it, in the legend's column below the legend (x 0.82–0.99, y 0.25–0.9 of the file).
    QCOMPARE(inkOnBorder(rendered), 0);
    QCOMPARE(inkPixels(rendered.copy(QRect(QPoint(kDefaultWidth * 82 / 100, kDefaultHeight / 4),
                                           QPoint(kDefaultWidth - 10, kDefaultHeight * 9 / 10)))),
             0);
}

void TestPlotExporter::gridStaysDottedInSvg_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"scatter", "strip", "ensemble-size", "curves"})
        QTest::addRow("%s", kind) << kind;
}

void TestPlotExporter::gridStaysDottedInSvg()
{
    // The grid is dotted on screen; an SVG renderer must draw it dotted too, which square caps
    // on its dashes (each dot grown by half the line's width at both ends) made nearly solid.
    QFETCH(QString, kind);
    const QString path = m_dir.filePath(kind + QStringLiteral("-grid.svg"));
    PlotExporter::save(plotOf(kind), path, kDefaultWidth, kDefaultHeight, 96);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    int dashedLines = 0;
    QStringList caps;
    const std::vector<HorizontalLine> grid = dashedGridLines(file.readAll(), &dashedLines, &caps);
    QVERIFY2(dashedLines >= 4, qPrintable(QString::number(dashedLines))); // grid lines, dashed
    QVERIFY(!grid.empty());

    const bool canRender = !QStandardPaths::findExecutable(QStringLiteral("rsvg-convert")).isEmpty();
    if (canRender) {
        const QImage rendered = QImage::fromData(runTool(QStringLiteral("rsvg-convert"),
                                                         {QStringLiteral("--format=png"),
                                                          QStringLiteral("--background-color=white"), path}))
                                    .convertToFormat(QImage::Format_RGB32);
        QCOMPARE(rendered.size(), QSize(kDefaultWidth, kDefaultHeight));
        // Data may cross a grid line: the emptiest one shows the pattern (solid: about 1/3 white).
        double mostWhite = 0;
        for (const HorizontalLine& line : grid)
            mostWhite = std::max(mostWhite, whiteAlong(rendered, line));
        QVERIFY2(mostWhite > 0.5, qPrintable(QString::number(mostWhite)));
    }
    for (const QString& cap : caps) // what any renderer needs to draw dashes of the pattern's length
        QCOMPARE(cap, QStringLiteral("butt"));
    if (!canRender)
        QSKIP("rsvg-convert (librsvg2-bin) is not installed: the drawn grid is not checked");
}

void TestPlotExporter::aOneColumnFigureKeepsItsWordsInside_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"scatter", "strip", "box", "ensemble-size", "curves"})
        QTest::addRow("%s", kind) << kind;
}

// 3.5 in, a paper's column, at 96 dpi: the header, legend and labels wrap, move and slant to stay
// whole and inside, and the plot is as it was afterwards.
void TestPlotExporter::aOneColumnFigureKeepsItsWordsInside()
{
    QFETCH(QString, kind);
    constexpr int kColumn = 336;
    QCustomPlot* plot = plotOf(kind);
    const auto texts = [plot] {
        QStringList all;
        for (const QCPTextElement* element : plot->findChildren<QCPTextElement*>())
            all << element->text();
        for (QCPAxis* axis : plot->axisRect()->axes())
            all << axis->label() << QString::number(axis->tickLabelRotation());
        return all;
    };
    const QStringList before = texts();
    const QCPLayoutElement* legendHome = plot->legend->layout();

    for (const int dpi : {96, 300}) {
        const QImage image = QImage::fromData(
            PlotExporter::encode(plot, PlotExporter::Format::Png, kColumn, kColumn, dpi, kind));
        QCOMPARE(image.width(), kColumn * dpi / 96);
        QVERIFY(inkPixels(image) > 300);
        QCOMPARE(inkOnBorder(image), 0);
    }
    QCOMPARE(texts(), before);
    QCOMPARE(plot->legend->layout(), legendHome);

    // Laid out at the column's size, every legend entry and category name has its whole width.
    {
        const ExportFit fit(plot, kColumn, kColumn);
        plot->toPixmap(kColumn, kColumn);
        if (plot->legend->visible())
            for (int i = 0; i < plot->legend->itemCount(); ++i) {
                const QCPAbstractLegendItem* item = plot->legend->item(i);
                if (!item)
                    continue; // an empty cell of the legend's grid
                QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width(),
                         qPrintable(QStringLiteral("legend entry %1: %2 of %3 pixels")
                                        .arg(i)
                                        .arg(item->outerRect().width())
                                        .arg(item->minimumOuterSizeHint().width())));
            }
        const QCPAxis* x = plot->axisRect()->axis(QCPAxis::atBottom);
        if (const auto names = x->ticker().dynamicCast<QCPAxisTickerText>()) {
            const QFontMetrics metrics(x->tickLabelFont());
            int widest = 0;
            for (const QString& name : std::as_const(names->ticks()))
                widest = std::max(widest, metrics.horizontalAdvance(name));
            const bool fitsFlat = widest * names->ticks().size() < plot->axisRect()->width();
            QVERIFY(fitsFlat || x->tickLabelRotation() != 0);
        }
    }
    plot->replot();
    QCOMPARE(texts(), before);
}

void TestPlotExporter::wrappedBreaksAtSpacesOnly()
{
    const QFont font(QStringLiteral("DejaVu Sans"), 9);
    const QFontMetrics metrics(font);
    const QString text = QStringLiteral("single seeds: Pearson r = 0.13 (95% -0.29 to 0.51, n = 24)");
    const int room = metrics.horizontalAdvance(QStringLiteral("single seeds: Pearson r = 0.13")) +
                     ExportFit::kScaleSlack * metrics.averageCharWidth();
    const QString lines = ExportFit::wrapped(text, font, room);
    QVERIFY2(lines.startsWith(QStringLiteral("single seeds: Pearson r = 0.13\n")), qPrintable(lines));
    QCOMPARE(QString(lines).replace(QLatin1Char('\n'), QLatin1Char(' ')), text);
    for (const QString& line : lines.split(QLatin1Char('\n')))
        QVERIFY2(metrics.horizontalAdvance(line) <= room, qPrintable(line));
    // Wide enough: unchanged; a word wider than the room stays whole on its line.
    QCOMPARE(ExportFit::wrapped(text, font, 10000), text);
    QCOMPARE(ExportFit::wrapped(QStringLiteral("ensemble-size k"), font, 5),
             QStringLiteral("ensemble-size\nk"));
}

QTEST_MAIN(TestPlotExporter)
#include "tst_plotexporter.moc"
