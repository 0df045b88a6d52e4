// Drives the real main window offscreen: opens workspaces, selects experiments, checks the models.
#include "csvpreviewmodel.h"
#include "experimenteditor.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "plot/experimentcolours.h"
#include "plot/learningcurveview.h"
#include "plot/qcustomplot_include.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"
#include "runqueueview.h"
#include "seedtablemodel.h"
#include "sweepcontroller.h"

#include "common/atomicfile.h"
#include "stats/experimentstatistics.h"
#include "store/experimentcolourfile.h"
#include "store/experimentresults.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include "support/experimentbuilder.h"
#include "support/processprobe.h"
#include "support/tempworkspace.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensSampleWorkspaceAndPreviewsData();
    void selectingAnotherExperimentShowsItsData();
    void brokenExperimentShowsItsError();
    void importedExperimentsAreListedAndExplained();
    void rememberedAsRecent();
    void checkedExperimentsAreRememberedPerWorkspace();
    void seedsFromAnotherProcessAppearLive();
    void exportsWriteWhatTheWindowShows();
    void scatterShowsTheSelectedExperimentsGroupOnly();
    void runFromTheWindowFillsThePlot();
    void cancelFromTheWindowKeepsTheWindowResponsive();
    void sweepThatFailsSaysWhy();

private:
    static QString quickWorkspace(const QTemporaryDir& dir, int epochs, int seeds);
};

QString TestMainWindow::quickWorkspace(const QTemporaryDir& dir, int epochs, int seeds)
{
    return quickDiabetesWorkspace(dir.filePath(QStringLiteral("ws")), epochs, seeds);
}

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestMainWindow::opensSampleWorkspaceAndPreviewsData()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    MainWindow window;
    QAbstractItemModelTester experimentTester(window.experimentModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester previewTester(window.previewModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(window.openWorkspace(dir.path()));
    window.show();
    QCOMPARE(window.experimentModel()->rowCount(), 5); // four MLPs and the example CNN (digits-cnn)
    QCOMPARE(window.experimentModel()->index(0, ExperimentTableModel::Name).data().toString(),
             QStringLiteral("breast-cancer-mlp"));
    QCOMPARE(window.experimentModel()->index(1, ExperimentTableModel::Seeds).data().toString(),
             QStringLiteral("0/16"));
    QCOMPARE(window.experimentModel()->index(1, ExperimentTableModel::Status).data().toString(),
             QStringLiteral("not run"));
    // The first experiment is selected and its data previewed (read on a pool thread).
    QTRY_COMPARE(window.previewModel()->rowCount(), 50);
    QCOMPARE(window.previewModel()->columnCount(), 31);
    QCOMPARE(window.previewModel()->headerData(0, Qt::Vertical).toInt(), 2); // the file's line
    // Headers name the target and say what each column holds in the whole file, read after the rows.
    QTRY_COMPARE(window.previewModel()->headerData(30, Qt::Horizontal).toString(),
                 QStringLiteral("benign (target)\nwhole number, 2 values"));
    QVERIFY2(window.previewModel()
                 ->headerData(30, Qt::Horizontal, Qt::ToolTipRole)
                 .toString()
                 .endsWith(QStringLiteral("(in all 569 rows of the file)")),
             qPrintable(window.previewModel()->headerData(30, Qt::Horizontal, Qt::ToolTipRole).toString()));
    // The columns widen to the headers' counts, so no count is cut off.
    const QHeaderView* columns =
        window.findChild<QTableView*>(QStringLiteral("previewView"))->horizontalHeader();
    QVERIFY2(columns->sectionSize(30) >= columns->sectionSizeHint(30),
             qPrintable(
                 QStringLiteral("%1 < %2").arg(columns->sectionSize(30)).arg(columns->sectionSizeHint(30))));
    QCOMPARE(window.previewModel()->headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("mean_radius\nnumber"));
    QVERIFY2(window.datasetSummary().contains(QStringLiteral("569 rows")),
             qPrintable(window.datasetSummary()));
    QVERIFY(window.datasetSummary().contains(QStringLiteral("binary")));
}

void TestMainWindow::selectingAnotherExperimentShowsItsData()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    auto* view = window.findChild<QTableView*>(QStringLiteral("experimentView"));
    QVERIFY(view);
    QSignalSpy resets(window.previewModel(), &QAbstractItemModel::modelReset);
    view->selectRow(1); // diabetes-mlp
    QVERIFY(resets.count() >= 1);
    QTRY_COMPARE(window.previewModel()->columnCount(), 11);
    QTRY_VERIFY(window.datasetSummary().contains(QStringLiteral("442 rows")));
    QVERIFY(window.datasetSummary().contains(QStringLiteral("regression")));
    QVERIFY(window.datasetSummary().contains(QStringLiteral("266 train / 88 validation / 88 test")));
}

void TestMainWindow::brokenExperimentShowsItsError()
{
    QTemporaryDir dir;
    AtomicFile::write(dir.filePath(QStringLiteral("bad.experiment.json")),
                      R"({"format": 1, "name": "bad", "dataset": {"path": "missing.csv", "target": "y"}})");
    AtomicFile::write(dir.filePath(QStringLiteral("worse.experiment.json")), "{\"format\": 7}");
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    QCOMPARE(window.experimentModel()->rowCount(), 2);
    // A valid file whose data is missing: the summary names the file.
    QTRY_VERIFY2(window.datasetSummary().contains(QStringLiteral("missing.csv: file not found")),
                 qPrintable(window.datasetSummary()));
    QCOMPARE(window.previewModel()->rowCount(), 0);
    // An unreadable experiment file is listed with its error.
    const QString error = window.experimentModel()->index(1, ExperimentTableModel::Dataset).data().toString();
    QVERIFY2(error.contains(QStringLiteral("format 7 is newer")), qPrintable(error));
}

// Predictions imported with seedscape-cli are rows of the table (were: only dots on the scatter);
// selecting one says why it has no definition, data or notes, and it cannot be run.
void TestMainWindow::importedExperimentsAreListedAndExplained()
{
    QTemporaryDir dir;
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/multiclass_accuracy");
    PredictionImporter::importInto(Workspace(dir.path()), golden + QStringLiteral("/predictions.csv"),
                                   golden + QStringLiteral("/labels.csv"), Task::Multiclass,
                                   Metric::Accuracy);
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    QCOMPARE(window.experimentModel()->rowCount(), 2);
    QCOMPARE(window.experimentModel()->nameAt(0), QStringLiteral("m1"));
    QTRY_COMPARE(window.experimentModel()->index(0, ExperimentTableModel::Seeds).data().toString(),
                 QStringLiteral("5"));
    window.selectExperiment(QStringLiteral("m2"));
    QTRY_VERIFY2(window.datasetSummary().startsWith(QStringLiteral("m2 was imported")),
                 qPrintable(window.datasetSummary()));
    QVERIFY(!window.definitionEditor()->isEnabled());
    QVERIFY(!window.runExperiments(1));
    QVERIFY2(window.statusBar()->currentMessage().contains(
                 QStringLiteral("m2 was imported: it has no definition")),
             qPrintable(window.statusBar()->currentMessage()));
    // An import while the window is open (seedscape-cli import elsewhere) adds its rows.
    const QString other = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/regression_rmse");
    PredictionImporter::importInto(Workspace(dir.path()), other + QStringLiteral("/predictions.csv"),
                                   other + QStringLiteral("/labels.csv"), Task::Regression, Metric::RMSE);
    QTRY_COMPARE(window.experimentModel()->rowCount(), 4);
}

void TestMainWindow::rememberedAsRecent()
{
    QTemporaryDir a, b;
    MainWindow window;
    QVERIFY(window.openWorkspace(a.path()));
    QVERIFY(window.openWorkspace(b.path()));
    const QStringList recent = QSettings().value(QStringLiteral("workspaces/recent")).toStringList();
    QCOMPARE(recent.value(0), QDir(b.path()).absolutePath());
    QCOMPARE(recent.value(1), QDir(a.path()).absolutePath());
}

void TestMainWindow::checkedExperimentsAreRememberedPerWorkspace()
{
    TempWorkspace a(TempWorkspace::Contents::Sample), b(TempWorkspace::Contents::Sample);
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(a.path()));
        ExperimentTableModel* model = window.experimentModel();
        QVERIFY(
            model->setData(model->index(model->rowOf(QStringLiteral("wine-mlp")), ExperimentTableModel::Name),
                           Qt::Unchecked, Qt::CheckStateRole));
    }
    MainWindow window;
    QVERIFY(window.openWorkspace(b.path())); // another workspace: its own choice
    QVERIFY(window.experimentModel()->hidden().isEmpty());
    QVERIFY(window.openWorkspace(a.path()));
    QCOMPARE(window.experimentModel()->hidden(), QSet<QString>{QStringLiteral("wine-mlp")});
    ExperimentTableModel* model = window.experimentModel();
    QCOMPARE(model->index(model->rowOf(QStringLiteral("wine-mlp")), ExperimentTableModel::Name)
                 .data(Qt::CheckStateRole)
                 .toInt(),
             static_cast<int>(Qt::Unchecked));
}

void TestMainWindow::seedsFromAnotherProcessAppearLive()
{
    QTemporaryDir dir;
    const QString experiment = dir.filePath(QStringLiteral("live.json"));
    ExperimentBuilder(QStringLiteral("live"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({16})
        .epochs(3)
        .writeTo(experiment);
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace));
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 0);

    // seedscape-cli writes seeds into the open workspace; the window picks them up by itself.
    QProcess cli;
    cli.start(QStringLiteral(SEEDSCAPE_CLI),
              {QStringLiteral("run"), experiment, QStringLiteral("--workspace"), workspace,
               QStringLiteral("--seeds"), QStringLiteral("5")});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 5, 20000);
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::KEnsemble), 10); // C(5, 3)
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::FullEnsemble), 1);
}

void TestMainWindow::exportsWriteWhatTheWindowShows()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    for (const QString& name : {QStringLiteral("slow"), QStringLiteral("fast")}) {
        const QString file = dir.filePath(name + QStringLiteral(".json"));
        ExperimentBuilder(name)
            .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
            .hidden({8})
            .epochs(3)
            .learningRate(name == QStringLiteral("slow") ? 0.001 : 0.01)
            .seeds(4)
            .writeTo(file);
        QProcess cli;
        cli.start(QStringLiteral(SEEDSCAPE_CLI),
                  {QStringLiteral("run"), file, QStringLiteral("--workspace"), workspace});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
    }
    // Colours remembered by an earlier session, not the names' order (fast 0, slow 1).
    ExperimentColourFile::write(workspace, {{QStringLiteral("fast"), 7}, {QStringLiteral("slow"), 4}});
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace));
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 8, 20000);
    QTRY_COMPARE(window.experimentModel()->statistics().size(), size_t(2));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("viewTabs"));

    // Plots: PNG at a chosen size and resolution, SVG that parses, PDF.
    const QString png = dir.filePath(QStringLiteral("scatter.png"));
    QVERIFY(window.exportPlot(png, QSize(640, 400), 192));
    QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 800)); // 192 dpi: twice the pixels per side
    QCOMPARE(window.currentPlotName(), QStringLiteral("scatter"));
    const QString svg = dir.filePath(QStringLiteral("scatter.svg"));
    QVERIFY(window.exportPlot(svg));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svgFile);
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    tabs->setCurrentWidget(window.spreadView());
    QCOMPARE(window.currentPlotName(), QStringLiteral("spread"));
    const QString pdf = dir.filePath(QStringLiteral("spread.pdf"));
    QVERIFY(window.exportPlot(pdf, QSize(500, 300)));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QCOMPARE(pdfFile.read(5), QByteArray("%PDF-"));
    QVERIFY(!window.exportPlot(dir.filePath(QStringLiteral("plot.bmp")))); // refused, says why
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("unknown format")));

    // The data behind the spread plot: one CSV row per seed, the scores the statistics hold.
    const QString spreadCsv = dir.filePath(QStringLiteral("spread.csv"));
    QVERIFY(window.exportPlotData(spreadCsv));
    QFile spreadFile(spreadCsv);
    QVERIFY(spreadFile.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(spreadFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 8);
    QVERIFY(lines[0].startsWith(QStringLiteral("experiment,metric,seed,validation,test,")));
    const ExperimentStatistics& first = window.spreadView()->data().front();
    const QStringList firstRow = lines[1].split(QLatin1Char(','));
    QCOMPARE(firstRow[0], first.name);
    QCOMPARE(firstRow[2].toULongLong(), first.seeds.front().seed);
    QCOMPARE(firstRow[3].toDouble(), first.seeds.front().validation);

    // The scatter's data as JSON: every point drawn (8 seeds, 2 × C(4, 3) ensembles, 2 full).
    tabs->setCurrentWidget(window.scatterView());
    const QString scatterJson = dir.filePath(QStringLiteral("scatter.json"));
    QVERIFY(window.exportPlotData(scatterJson));
    QFile scatterFile(scatterJson);
    QVERIFY(scatterFile.open(QIODevice::ReadOnly));
    const QJsonArray points = QJsonDocument::fromJson(scatterFile.readAll()).array();
    QCOMPARE(points.size(), 8 + 8 + 2);
    QCOMPARE(points[0].toObject().value(QStringLiteral("metric")).toString(), QStringLiteral("rmse"));

    // The statistics table: CSV with one row per checked experiment, JSON as `stats --json`.
    const QString statsCsv = dir.filePath(QStringLiteral("statistics.csv"));
    QVERIFY(window.exportStatistics(statsCsv));
    QFile statsFile(statsCsv);
    QVERIFY(statsFile.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(statsFile.readAll()).count(QLatin1Char('\n')), 3);
    statsFile.close();
    const QString statsJson = dir.filePath(QStringLiteral("statistics.json"));
    QVERIFY(window.exportStatistics(statsJson));
    QFile statsJsonFile(statsJson);
    QVERIFY(statsJsonFile.open(QIODevice::ReadOnly));
    const QJsonObject stats = QJsonDocument::fromJson(statsJsonFile.readAll()).object();
    QCOMPARE(stats.value(QStringLiteral("experiments")).toArray().size(), 2);
    // slow and fast share data, target and split: one group, compared both ways.
    const QJsonArray groups = stats.value(QStringLiteral("groups")).toArray();
    QCOMPARE(groups.size(), 1);
    const QJsonObject group = groups[0].toObject();
    QCOMPARE(group.value(QStringLiteral("comparisons")).toArray().size(), 2);
    const QJsonObject data = group.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("data_hash")).toString().size(), 16); // the data file was hashed
    // Unchecked experiments stay out of it.
    ExperimentTableModel* model = window.experimentModel();
    QVERIFY(model->setData(model->index(model->rowOf(QStringLiteral("slow")), ExperimentTableModel::Name),
                           Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(window.exportStatistics(statsCsv));
    QVERIFY(statsFile.open(QIODevice::ReadOnly));
    const QString oneExperiment = QString::fromUtf8(statsFile.readAll());
    statsFile.close();
    QCOMPARE(oneExperiment.count(QLatin1Char('\n')), 2);
    QVERIFY(oneExperiment.contains(QStringLiteral("\nfast,regression,rmse,4,0,")));
    QVERIFY(model->setData(model->index(model->rowOf(QStringLiteral("slow")), ExperimentTableModel::Name),
                           Qt::Checked, Qt::CheckStateRole));

    // The report: one HTML file, the four plots inline, a table row per experiment.
    QTRY_COMPARE(window.learningCurveView()->seedLines(), 4);
    const QString html = dir.filePath(QStringLiteral("report.html"));
    QVERIFY(window.exportReport(html));
    QFile htmlFile(html);
    QVERIFY(htmlFile.open(QIODevice::ReadOnly));
    const QString report = QString::fromUtf8(htmlFile.readAll());
    QCOMPARE(report.count(QStringLiteral("<figure>")), 4);
    QCOMPARE(report.count(QStringLiteral("<svg")), 4);
    QVERIFY(!report.contains(QStringLiteral("<?xml"))); // SVG embedded inline, not as documents
    QVERIFY(report.contains(QStringLiteral("<tr><td class=\"name\">fast</td><td>rmse</td><td>4</td>")));
    QVERIFY(report.contains(QStringLiteral("<tr><td class=\"name\">slow</td><td>rmse</td><td>4</td>")));
    QVERIFY(report.contains(QStringLiteral("id=\"comparisons\"")));
    // The same report as a PDF, chosen by the suffix; an unknown suffix writes nothing.
    const QString pdfReport = dir.filePath(QStringLiteral("report.pdf"));
    QVERIFY(window.exportReport(pdfReport));
    QFile pdfReportFile(pdfReport);
    QVERIFY(pdfReportFile.open(QIODevice::ReadOnly));
    QCOMPARE(pdfReportFile.read(5), QByteArray("%PDF-"));
    if (!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) { // poppler-utils
        const ProgramOutput text = runProgram(QStringLiteral("pdftotext"), {pdfReport, QStringLiteral("-")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("Which experiment beats which") && text.out.contains("slow"),
                 text.out.constData());
    }
    const QString unknown = dir.filePath(QStringLiteral("report.txt"));
    QVERIFY(!window.exportReport(unknown));
    QVERIFY(!QFileInfo::exists(unknown));
    // The report's figures in the remembered colours too: slow purple (slot 4), never orange (slot 1).
    QVERIFY(report.contains(ExperimentColours::palette(4).name()));
    QVERIFY(!report.contains(ExperimentColours::palette(1).name()));

    // slow keeps its remembered colour with fast unchecked, in the scatter and the spread alike; by
    // its place among the plotted it would take fast's.
    const auto drawnColour = [](QCustomPlot* plot, const QString& experiment) {
        for (int i = 0; i < plot->graphCount(); ++i) // the spread's diamond, the scatter's "slow (3 seeds)"
            if (plot->graph(i)->name() == experiment ||
                plot->graph(i)->name().startsWith(experiment + QStringLiteral(" (")))
                return plot->graph(i)->scatterStyle().brush().color();
        return QColor();
    };
    const QColor slow = ExperimentColours::palette(4);
    QCOMPARE(drawnColour(window.scatterView()->plot(), QStringLiteral("slow")), slow);
    QCOMPARE(drawnColour(window.spreadView()->plot(), QStringLiteral("slow")), slow);
    QVERIFY(model->setData(model->index(model->rowOf(QStringLiteral("fast")), ExperimentTableModel::Name),
                           Qt::Unchecked, Qt::CheckStateRole));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->data().series.size(), size_t(1), 20000);
    QCOMPARE(window.scatterView()->data().series[0].experiment, QStringLiteral("slow"));
    QCOMPARE(window.spreadView()->data().size(), size_t(1));
    QCOMPARE(drawnColour(window.scatterView()->plot(), QStringLiteral("slow")), slow);
    QCOMPARE(drawnColour(window.spreadView()->plot(), QStringLiteral("slow")), slow);
}

void TestMainWindow::scatterShowsTheSelectedExperimentsGroupOnly()
{
    // Two regressions scored in RMSE on different data: never one scatter, one trend.
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString experiments[][3] = {
        {QStringLiteral("diabetes"), QStringLiteral("diabetes.csv"), QStringLiteral("progression")},
        {QStringLiteral("wine"), QStringLiteral("wine.csv"), QStringLiteral("alcohol")}};
    for (const auto& [name, data, target] : experiments) {
        const QString file = dir.filePath(name + QStringLiteral(".json"));
        ExperimentBuilder(name).onSample(data, target).hidden({8}).epochs(2).seeds(3).writeTo(file);
        QProcess cli;
        cli.start(QStringLiteral(SEEDSCAPE_CLI),
                  {QStringLiteral("run"), file, QStringLiteral("--workspace"), workspace});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
    }
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace));
    window.show();
    const auto shows = [&](const QString& name) {
        const ScatterData& data = window.scatterView()->data();
        return data.series.size() == 1 && data.series[0].experiment == name;
    };
    for (const auto& [name, data, target] : experiments) {
        const QString other = name == experiments[0][0] ? experiments[1][0] : experiments[0][0];
        window.selectExperiment(name);
        QTRY_VERIFY_WITH_TIMEOUT(shows(name), 20000);
        QCOMPARE(window.scatterView()->data().otherGroups, QStringList{other});
        QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 3);
        const auto* note =
            window.scatterView()->plot()->findChild<QCPTextElement*>(QStringLiteral("correlations"));
        QVERIFY(note);
        QVERIFY2(note->text().contains(
                     QStringLiteral("1 checked experiment uses other data, split or metric: ") + other),
                 qPrintable(note->text()));
    }

    // A new experiment on wine's rows, not run yet: selected, it keeps the plots on its own data,
    // with wine beside it, not on whichever experiment has seeds first (diabetes).
    QVERIFY(window.addExperiment(ExperimentBuilder(QStringLiteral("wine-wider"))
                                     .onSample(QStringLiteral("wine.csv"), QStringLiteral("alcohol"))
                                     .hidden({32})
                                     .epochs(2)
                                     .seeds(3)));
    window.selectExperiment(QStringLiteral("wine-wider"));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->data().awaitingSeeds,
                              QStringList{QStringLiteral("wine-wider")}, 20000);
    QVERIFY(shows(QStringLiteral("wine")));
    QCOMPARE(window.scatterView()->data().otherGroups, QStringList{QStringLiteral("diabetes")});
    for (StatisticsPlotView* view : {window.spreadView(), window.ensembleSizeView()}) {
        QTRY_COMPARE(view->data().size(), std::size_t{1});
        QCOMPARE(view->data().front().name, QStringLiteral("wine"));
        QCOMPARE(view->otherGroups(), QStringList{QStringLiteral("diabetes")});
    }
    // On data of its own, it has no partner with seeds: nothing is drawn, and the others are named.
    QVERIFY(window.addExperiment(ExperimentBuilder(QStringLiteral("wine-hue"))
                                     .onSample(QStringLiteral("wine.csv"), QStringLiteral("hue"))
                                     .seeds(3)));
    window.selectExperiment(QStringLiteral("wine-hue"));
    QTRY_VERIFY_WITH_TIMEOUT(window.scatterView()->data().series.empty(), 20000);
    QCOMPARE(window.scatterView()->data().otherGroups.size(), 2);
    QTRY_VERIFY(window.spreadView()->data().empty());
}

void TestMainWindow::runFromTheWindowFillsThePlot()
{
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY(window.openWorkspace(quickWorkspace(dir, 3, 4)));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QSignalSpy seeds(window.sweeps(), &SweepController::seedEnded);
    QVERIFY(window.runExperiments(0));
    QVERIFY(window.sweeps()->isRunning());
    QVERIFY(!window.runExperiments(0)); // one sweep at a time
    // The queue shows the experiment with a bar of its seeds, and a bar of epochs per running seed.
    QTRY_VERIFY(window.runQueue()->seedBars() > 0 || !ended.isEmpty());
    QCOMPARE(window.runQueue()->experimentBars(), 1);
    QVERIFY(!ended.isEmpty() || ended.wait(60000));
    QCOMPARE(ended.first().at(0).toBool(), false);
    QCOMPARE(seeds.count(), 4);
    QCOMPARE(window.sweeps()->finishedSeeds(), 4);
    QCOMPARE(window.runQueue()->seedBars(), 0); // every seed ended
    QCOMPARE(window.runQueue()->experimentBar(QStringLiteral("quick"))->value, 4);
    QCOMPARE(window.runQueue()->experimentBar(QStringLiteral("quick"))->maximum, 4);
    QCOMPARE(window.runQueue()->experimentBar(QStringLiteral("quick"))->text, QStringLiteral("4 of 4 seeds"));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 4, 20000);
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::KEnsemble), 4); // C(4, 3)

    // The other views follow: seed spread, ensemble size, and the learning curves of every seed.
    QTRY_COMPARE(window.spreadView()->plottedPoints(), 4);
    QCOMPARE(window.ensembleSizeView()->plottedPoints(), 4); // k = 1..4
    QTRY_COMPARE(window.learningCurveView()->seedLines(), 4);
    QCOMPARE(window.learningCurveView()->meanCurve().size(), size_t(3)); // 3 epochs

    // The Seeds tab lists every stored seed; clicking a seed in the scatter selects its row there.
    QTRY_COMPARE(window.seedModel()->rowCount(), 4);
    QAbstractItemModelTester seedTester(window.seedModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(window.seedModel()->experiment(), QStringLiteral("quick"));
    QCOMPARE(window.seedModel()->index(0, SeedTableModel::Epochs).data().toInt(), 3);
    QCOMPARE(window.seedModel()->index(0, SeedTableModel::Engine).data().toString(),
             QStringLiteral("batched"));
    const ScatterData::Point& clickedSeed = window.scatterView()->data().series[0].points[2];
    QCOMPARE(clickedSeed.kind, ScatterData::Kind::Seed);
    QSignalSpy clicked(window.scatterView(), &ScatterPlotView::pointClicked);
    Q_EMIT window.scatterView()->pointClicked(QStringLiteral("quick"), clickedSeed.seeds);
    auto* seedView = window.findChild<QTableView*>(QStringLiteral("seedView"));
    QVERIFY(seedView);
    const QModelIndex selectedSeed = seedView->selectionModel()->selectedRows().value(0);
    QCOMPARE(seedView->model()->index(selectedSeed.row(), SeedTableModel::Seed).data().toString(),
             QString::number(clickedSeed.seeds.front()));
    // And back: a seed chosen in the Seeds tab is ringed in the scatter, at that seed's point.
    const int otherRow = (selectedSeed.row() + 1) % 4;
    seedView->setCurrentIndex(seedView->model()->index(otherRow, 0));
    const quint64 otherSeed =
        seedView->model()->index(otherRow, SeedTableModel::Seed).data().toString().toULongLong();
    QCOMPARE(window.scatterView()->selectedPoints(), 1);
    QCOMPARE(window.scatterView()->selectedSeeds(), std::vector<quint64>{otherSeed});
    // Choosing the experiment in the table rings its full ensemble.
    auto* experimentView = window.findChild<QTableView*>(QStringLiteral("experimentView"));
    experimentView->clearSelection();
    experimentView->setCurrentIndex(QModelIndex());
    experimentView->selectRow(0);
    QCOMPARE(window.scatterView()->selectedPoints(), 1);
    QVERIFY(window.scatterView()->selectedSeeds().empty()); // the full ensemble

    // The table shows the sweep's statistics, as `stats` computes them.
    ExperimentTableModel* model = window.experimentModel();
    QTRY_COMPARE(model->index(0, ExperimentTableModel::Seeds).data().toString(), QStringLiteral("4/4"));
    QCOMPARE(model->index(0, ExperimentTableModel::Status).data().toString(), QStringLiteral("done"));
    const auto results = ExperimentResults::loadWorkspace(window.workspacePath());
    const ExperimentStatistics expected = ExperimentStatistics::compute(results.front(), {});
    QCOMPARE(model->index(0, ExperimentTableModel::ValidationMean).data(Qt::UserRole).toDouble(),
             expected.validation.mean);
    QCOMPARE(model->index(0, ExperimentTableModel::EnsembleTest).data(Qt::UserRole).toDouble(),
             expected.ensembleTest);
    QVERIFY(model->index(0, ExperimentTableModel::ValidationMean)
                .data()
                .toString()
                .contains(QStringLiteral(" ± ")));

    // Unchecking an experiment takes it off the plot.
    QVERIFY(model->setData(model->index(0, ExperimentTableModel::Name), Qt::Unchecked, Qt::CheckStateRole));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 0, 20000);
    QVERIFY(model->setData(model->index(0, ExperimentTableModel::Name), Qt::Checked, Qt::CheckStateRole));
    QTRY_COMPARE_WITH_TIMEOUT(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 4, 20000);
}

void TestMainWindow::cancelFromTheWindowKeepsTheWindowResponsive()
{
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY(window.openWorkspace(quickWorkspace(dir, 5000, 4)));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QSignalSpy progress(window.sweeps(), &SweepController::progressChanged);
    QVERIFY(window.runExperiments(-1));
    // The event loop keeps running while every core trains: epochs arrive as queued signals.
    QTRY_VERIFY_WITH_TIMEOUT(!window.sweeps()->runningSeeds().empty() &&
                                 window.sweeps()->runningSeeds().begin()->second.epoch > 2,
                             30000);
    // One bar per running seed in the queue, counting its epochs (redrawn at most every 40 ms).
    QTRY_COMPARE(window.runQueue()->seedBars(), static_cast<int>(window.sweeps()->runningSeeds().size()));
    QTRY_VERIFY(!window.runQueue()->runningSeedBars().empty() &&
                window.runQueue()->runningSeedBars().front().value > 0);
    const RunQueueView::Bar seedBar = window.runQueue()->runningSeedBars().front();
    QCOMPARE(seedBar.maximum, 5000);
    QCOMPARE(seedBar.text, QStringLiteral("epoch %1 of 5000").arg(seedBar.value));
    // The time left, from the epochs' pace, long before any seed ends.
    QTRY_VERIFY(
        window.findChild<QLabel*>(QStringLiteral("sweepLabel"))->text().contains(QStringLiteral(" left")));
    window.sweeps()->pause();
    QVERIFY(window.sweeps()->isPaused());
    // Paused shows where the sweep is shown: the table's status and each seed in the Runs panel.
    QTRY_COMPARE(window.experimentModel()->index(0, ExperimentTableModel::Status).data().toString(),
                 QStringLiteral("paused"));
    QTRY_VERIFY(
        window.runQueue()->runningSeedBars().front().text.startsWith(QStringLiteral("paused · epoch ")));
    QTest::qWait(300);
    const int epochBefore = window.sweeps()->runningSeeds().begin()->second.epoch;
    QTest::qWait(300);
    QVERIFY(window.sweeps()->runningSeeds().begin()->second.epoch <=
            epochBefore + 1); // paused: at most the epoch in flight ends
    window.sweeps()->resume();
    QTRY_COMPARE(window.experimentModel()->index(0, ExperimentTableModel::Status).data().toString(),
                 QStringLiteral("running"));
    window.sweeps()->cancel();
    QVERIFY(ended.wait(30000));
    QCOMPARE(ended.first().at(0).toBool(), true);
    QVERIFY(window.sweeps()->runningSeeds().empty());
    QVERIFY(progress.count() > 3);
    QCOMPARE(window.scatterView()->plottedPoints(ScatterData::Kind::Seed), 0); // nothing half-done was stored
}

void TestMainWindow::sweepThatFailsSaysWhy()
{
    QTemporaryDir dir;
    AtomicFile::write(dir.filePath(QStringLiteral("bad.experiment.json")),
                      R"({"format": 1, "name": "bad", "dataset": {"path": "missing.csv", "target": "y"}})");
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(0)); // the data is read off the GUI thread, after the start
    QVERIFY(ended.wait(60000));
    // Not "Sweep cancelled": the problem, naming the file, in the status bar and the Runs panel.
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.startsWith(QStringLiteral("Sweep stopped: ")) &&
                 message.contains(QStringLiteral("missing.csv")),
             qPrintable(message));
    QCOMPARE(window.runQueue()->problem(), message);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
