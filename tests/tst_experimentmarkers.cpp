// Each experiment's marker shape beside its colour: ten shapes of one area, outlines as thin as asked
// at every size, drawn whole when stamped, and given to the scatter's and the ensemble-size curve's
// experiments by their palette slot; which experiments of a workspace hold a slot.
#include "plot/experimentcolours.h"
#include "plot/experimentmarkers.h"
#include "plot/markergraph.h"
#include "plot/scatterplotview.h"

#include "stats/scatterdata.h"
#include "store/experimentcolourfile.h"
#include "store/resultstore.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include "plot/qcustomplot_include.h"

#include <cmath>
#include <numbers>

using namespace seedscape;

namespace {

// The area and centroid of a closed polygon (the shoelace formula).
std::pair<double, QPointF> areaAndCentroid(const QPolygonF& polygon)
{
    double twiceArea = 0, cx = 0, cy = 0;
    for (qsizetype i = 0; i < polygon.size(); ++i) {
        const QPointF a = polygon[i], b = polygon[(i + 1) % polygon.size()];
        const double cross = a.x() * b.y() - b.x() * a.y();
        twiceArea += cross;
        cx += (a.x() + b.x()) * cross;
        cy += (a.y() + b.y()) * cross;
    }
    return {std::abs(twiceArea) / 2, QPointF(cx / (3 * twiceArea), cy / (3 * twiceArea))};
}

// The box around every pixel that is not white.
QRect inked(const QImage& image)
{
    QRect box;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y) != QColor(Qt::white))
                box |= QRect(x, y, 1, 1);
    return box;
}

} // namespace

class TestExperimentMarkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySlotHasItsOwnShapeOfTheCircleArea();
    void anOutlineIsAsThinAsAskedAtAnySize();
    void aStampedMarkerIsDrawnWhole();
    void scatterExperimentsTakeTheirSlotsShape();
    void experimentsWhoseSeedsAllFailedHoldNoSlot();
};

void TestExperimentMarkers::everySlotHasItsOwnShapeOfTheCircleArea()
{
    const double circle = std::numbers::pi * 3 * 3; // QCustomPlot's circle of size 6
    QCOMPARE(ExperimentMarkers::style(0, 16, QPen(Qt::black), Qt::red).shape(), QCPScatterStyle::ssCircle);
    QVERIFY(ExperimentMarkers::outline(0).isEmpty());
    std::vector<QPolygonF> shapes;
    for (int slot = 1; slot < ExperimentMarkers::kShapeCount; ++slot) {
        const QPolygonF polygon = ExperimentMarkers::outline(slot).toFillPolygon();
        const auto [area, centroid] = areaAndCentroid(polygon);
        // Close to the circle's area: the pointed ones a little less, kept within reach of the legend.
        QVERIFY2(area > 0.7 * circle && area < 1.001 * circle,
                 qPrintable(QStringLiteral("slot %1: area %2 of %3").arg(slot).arg(area).arg(circle)));
        // Centred on the point it marks.
        QVERIFY2(
            std::hypot(centroid.x(), centroid.y()) < 0.05,
            qPrintable(
                QStringLiteral("slot %1: centroid %2,%3").arg(slot).arg(centroid.x()).arg(centroid.y())));
        const QRectF box = polygon.boundingRect();
        QVERIFY(box.left() >= -4.0 - 1e-9 && box.right() <= 4.0 + 1e-9);
        QVERIFY(box.top() >= -4.0 - 1e-9 && box.bottom() <= 4.0 + 1e-9);
        for (const QPolygonF& other : shapes)
            QVERIFY2(other != polygon, qPrintable(QStringLiteral("slot %1 repeats a shape").arg(slot)));
        shapes.push_back(polygon);
    }
    // Shapes repeat with the palette's colours.
    static_assert(ExperimentMarkers::kShapeCount == ExperimentColours::kPaletteSize);
    QCOMPARE(ExperimentMarkers::outline(13), ExperimentMarkers::outline(3));
    QCOMPARE(ExperimentMarkers::outline(-1), ExperimentMarkers::outline(9));
    QVERIFY(ExperimentMarkers::outline(10).isEmpty());
}

void TestExperimentMarkers::anOutlineIsAsThinAsAskedAtAnySize()
{
    // A square 40 pixels across outlined 2 pixels wide, no fill.
    QImage image(64, 64, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        const QCPScatterStyle style = ExperimentMarkers::style(1, 40, QPen(Qt::black, 2.0), Qt::NoBrush);
        style.applyTo(&painter, QPen());
        style.drawShape(&painter, 32, 32);
    }
    // Along the middle row: two runs of ink, each about 2 pixels (QCustomPlot alone scales the pen
    // by size/6, to 13).
    QList<int> runs;
    int run = 0;
    for (int x = 0; x < image.width(); ++x) {
        if (qGray(image.pixel(x, 32)) < 160)
            ++run;
        else if (run > 0) {
            runs << run;
            run = 0;
        }
    }
    QCOMPARE(runs.size(), 2);
    for (int r : runs)
        QVERIFY2(r >= 1 && r <= 3, qPrintable(QStringLiteral("an edge %1 pixels wide").arg(r)));
}

void TestExperimentMarkers::aStampedMarkerIsDrawnWhole()
{
    // Eight stars in a row: a MarkerGraph stamps them (on screen), a plain graph draws each. A stamp
    // too small for the star's reach would cut its points off.
    QImage drawn[2];
    for (int stamped = 0; stamped < 2; ++stamped) {
        QCustomPlot plot;
        plot.resize(420, 200);
        plot.xAxis->setRange(0, 9);
        plot.yAxis->setRange(-1, 1);
        plot.xAxis->setVisible(false);
        plot.yAxis->setVisible(false);
        plot.xAxis->grid()->setVisible(false);
        plot.yAxis->grid()->setVisible(false);
        plot.axisRect()->setAutoMargins(QCP::msNone);
        plot.axisRect()->setMargins(QMargins(0, 0, 0, 0));
        QCPGraph* graph = stamped ? new MarkerGraph(plot.xAxis, plot.yAxis) : plot.addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(ExperimentMarkers::style(6, 30, QPen(Qt::black, 1.5), QColor(Qt::red)));
        for (int i = 1; i <= 8; ++i)
            graph->addData(i, 0);
        plot.replot();
        drawn[stamped] = plot.toPixmap(420, 200, 1.0).toImage();
    }
    const QRect whole = inked(drawn[0]), stamped = inked(drawn[1]);
    QVERIFY(whole.height() > 25); // the stars are there
    QVERIFY2(std::abs(stamped.top() - whole.top()) <= 1 && std::abs(stamped.bottom() - whole.bottom()) <= 1,
             qPrintable(QStringLiteral("stamped rows %1–%2, drawn %3–%4")
                            .arg(stamped.top())
                            .arg(stamped.bottom())
                            .arg(whole.top())
                            .arg(whole.bottom())));
}

void TestExperimentMarkers::scatterExperimentsTakeTheirSlotsShape()
{
    ScatterData data;
    data.metric = Metric::RMSE;
    for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}) {
        ScatterData::Series series{name, {}};
        const double at = static_cast<double>(data.series.size());
        for (quint64 seed = 1; seed <= 5; ++seed)
            series.points.push_back({ScatterData::Kind::Seed, at + 0.1 * seed, at + 0.2 * seed, {seed}});
        series.points.push_back({ScatterData::Kind::FullEnsemble, at + 0.3, at + 0.4, {1, 2, 3, 4, 5}});
        data.series.push_back(series);
    }
    ScatterPlotView view;
    view.resize(800, 600);
    const ExperimentColours colours(
        QStringList{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")});
    view.setColours(colours);
    view.setData(data);
    QCustomPlot* plot = view.plot();
    // Every graph of an experiment's colour, its markers and its legend entry, has its slot's shape.
    for (const QString& name : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}) {
        const int slot = colours.slotOf(name);
        int seen = 0;
        for (int i = 0; i < plot->graphCount(); ++i) {
            const QCPScatterStyle& style = plot->graph(i)->scatterStyle();
            if (style.brush().color().rgb() != ExperimentColours::palette(slot).rgb())
                continue;
            ++seen;
            QCOMPARE(style.customPath(), ExperimentMarkers::outline(slot));
            QCOMPARE(style.shape(), slot == 0 ? QCPScatterStyle::ssCircle : QCPScatterStyle::ssCustom);
        }
        QVERIFY2(seen >= 3,
                 qPrintable(QStringLiteral("%1: %2 graphs").arg(name).arg(seen))); // seeds, ensemble, legend
    }
    QCOMPARE(colours.slotOf(QStringLiteral("gamma")), 2); // a shape of QCustomPlot's own and two of ours
}

void TestExperimentMarkers::experimentsWhoseSeedsAllFailedHoldNoSlot()
{
    QTemporaryDir dir;
    const auto store = [&](const QString& name, quint64 seed, SeedStatus status) {
        SeedResult r;
        r.seed = seed;
        r.status = status;
        r.failureReason =
            status == SeedStatus::Failed ? QStringLiteral("the program exited with code 1") : QString();
        r.startedAt = QDateTime::currentDateTimeUtc();
        ResultStore(dir.filePath(QStringLiteral("results/") + name)).save(r);
    };
    store(QStringLiteral("a-finished"), 1, SeedStatus::Finished);
    store(QStringLiteral("b-failed"), 1, SeedStatus::Failed);
    store(QStringLiteral("b-failed"), 2, SeedStatus::Failed);
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("results/c-starting"))); // a sweep's first seeds run
    const ExperimentColours colours = ExperimentColours::ofWorkspace(dir.path());
    QVERIFY(colours.contains(QStringLiteral("a-finished")));
    QVERIFY(!colours.contains(QStringLiteral("b-failed")));
    QVERIFY(colours.contains(QStringLiteral("c-starting")));
    QCOMPARE(
        ExperimentColourFile::read(dir.path()),
        (ExperimentColourFile::Slots{{QStringLiteral("a-finished"), 0}, {QStringLiteral("c-starting"), 1}}));
    // Its first finished seed gives it a colour no other experiment uses.
    store(QStringLiteral("b-failed"), 3, SeedStatus::Finished);
    QCOMPARE(ExperimentColours::ofWorkspace(dir.path()).slotOf(QStringLiteral("b-failed")), 2);
}

QTEST_MAIN(TestExperimentMarkers)
#include "tst_experimentmarkers.moc"
