// The plots' right-click menu: export, copy the figure (drawn as the PNG export: light, whatever
// the screen), reset a view zoomed by hand.
#include "experimenttablemodel.h"
#include "exportactions.h"
#include "plot/learningcurveview.h"
#include "plot/plotpage.h"
#include "plot/qcustomplot_include.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"
#include "plotcontextmenu.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QMenu>
#include <QtTest>

using namespace seedscape;

class TestPlotContextMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void menuOffersExportCopyAndReset();
    void resetViewGivesUpAZoom();
    void copiedImageIsTheLightFigure();

private:
    static ScatterData someScatter();
};

ScatterData TestPlotContextMenu::someScatter()
{
    ScatterData data;
    data.metric = Metric::RMSE;
    ScatterData::Series series;
    series.experiment = QStringLiteral("a");
    for (int i = 0; i < 6; ++i) {
        series.points.push_back({ScatterData::Kind::Seed, 50.0 + i, 52.0 + 0.5 * i, {quint64(i + 1)}});
    }
    data.series.push_back(series);
    return data;
}

void TestPlotContextMenu::menuOffersExportCopyAndReset()
{
    ExperimentTableModel experiments;
    QWidget window;
    ScatterPlotView scatter;
    StatisticsPlotView spread(StatisticsPlotView::Kind::Spread);
    ExportActions exports(&experiments, {&scatter, &spread}, &window);
    PlotContextMenu menus(&exports);
    for (PlotPage* page : std::initializer_list<PlotPage*>{&scatter, &spread}) {
        std::unique_ptr<QMenu> menu(menus.menuFor(page));
        QStringList texts;
        bool resetEnabled = false;
        for (QAction* action : menu->actions()) {
            if (action->isSeparator())
                continue;
            texts << action->text().remove(QLatin1Char('&'));
            if (action->text().contains(QStringLiteral("Reset")))
                resetEnabled = action->isEnabled();
        }
        QCOMPARE(texts, QStringList({QStringLiteral("Export plot…"), QStringLiteral("Export plot data…"),
                                     QStringLiteral("Copy image"), QStringLiteral("Reset view")}));
        QCOMPARE(resetEnabled, page == &scatter); // the spread plot cannot be zoomed
    }
    menus.attach(&scatter);
    QCOMPARE(scatter.contextMenuPolicy(), Qt::CustomContextMenu);
    // A right click inside the axes: QCustomPlot keeps mouse events from its parents, so the menu
    // opened only over the margins.
    scatter.setData(someScatter());
    scatter.resize(600, 500);
    scatter.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scatter));
    QCustomPlot* plot = scatter.plot();
    const QPoint inside = plot->axisRect()->rect().center();
    QContextMenuEvent click(QContextMenuEvent::Mouse, inside, plot->mapToGlobal(inside));
    QApplication::sendEvent(plot, &click);
    QTRY_VERIFY(qobject_cast<QMenu*>(QApplication::activePopupWidget()));
    QApplication::activePopupWidget()->close();
}

void TestPlotContextMenu::resetViewGivesUpAZoom()
{
    ScatterPlotView scatter;
    scatter.resize(600, 500);
    scatter.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scatter));
    scatter.setData(someScatter());
    const QCPRange fitted = scatter.plot()->xAxis->range();
    // A wheel turn zooms in, and the view stays as the user left it.
    QWheelEvent wheel(QPointF(300, 250), scatter.plot()->mapToGlobal(QPointF(300, 250)), QPoint(),
                      QPoint(0, 480), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(scatter.plot(), &wheel);
    QVERIFY(scatter.plot()->xAxis->range().size() < 0.9 * fitted.size());
    scatter.setData(someScatter()); // live data keeps a hand-made view
    QVERIFY(scatter.plot()->xAxis->range().size() < 0.9 * fitted.size());
    static_cast<PlotPage&>(scatter).resetView();
    QCOMPARE(scatter.plot()->xAxis->range().lower, fitted.lower);
    QCOMPARE(scatter.plot()->xAxis->range().upper, fitted.upper);

    LearningCurveView curves;
    curves.resize(600, 500);
    curves.setData(QStringLiteral("a"), Metric::RMSE, {{3.0, 2.0, 1.5, 1.2}, {3.2, 2.2, 1.6, 1.1}});
    const QCPRange curveRange = curves.plot()->yAxis->range();
    curves.plot()->yAxis->setRange(10, 20);
    QVERIFY(static_cast<PlotPage&>(curves).canResetView());
    static_cast<PlotPage&>(curves).resetView();
    QCOMPARE(curves.plot()->yAxis->range().lower, curveRange.lower);
    QCOMPARE(curves.plot()->yAxis->range().upper, curveRange.upper);
}

void TestPlotContextMenu::copiedImageIsTheLightFigure()
{
    ScatterPlotView scatter;
    scatter.resize(500, 400);
    scatter.setData(someScatter());
    // A dark screen palette: the copy is still the light figure of the exports.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Text, Qt::white);
    scatter.setPalette(dark);
    QVERIFY(PlotContextMenu::copyImage(&scatter));
    const QImage image = QGuiApplication::clipboard()->image();
    QVERIFY(!image.isNull());
    QVERIFY2(image.width() >= 2 * scatter.plot()->width() - 2, qPrintable(QString::number(image.width())));
    QCOMPARE(QColor(image.pixel(2, 2)), QColor(Qt::white));
}

QTEST_MAIN(TestPlotContextMenu)
#include "tst_plotcontextmenu.moc"
