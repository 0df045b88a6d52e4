// `seedscape-cli plot` and `seedscape-cli report` as a script would run them: offscreen, one file
// per format.
#include "store/experimentcolourfile.h"
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QXmlStreamReader>
#include <QtTest>

#include <functional>
#include <tuple>

using namespace seedscape;

class TestPlotCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void drawsEachFormat_data();
    void drawsEachFormat();
    void drawsEachKind_data();
    void drawsEachKind();
    void spreadOptions_data();
    void spreadOptions();
    void chosenExperiment();
    void userErrors_data();
    void userErrors();
    void warnsOfWhatItCannotDraw();
    void aDefaultChoiceNamesTheGroupsItLeavesOut();
    void withoutTheDrawingProgramItIsAnInternalFailure();
    void reportHtml();
    void reportPdf();
    void reportPdfKeepsTableRowsOnOneLineAndRepeatsHeaders();
    void reportPdfTablesOfLongNamesFitThePage();
    void reportErrors();
    void reportInABrowser();
    void plotAndReportUseTheRememberedColours();

private:
    int plot(const QStringList& args, QByteArray* err = nullptr);
    int cli(const QStringList& args, QByteArray* err = nullptr);
    QTemporaryDir m_dir;
};

void TestPlotCommand::initTestCase()
{
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/multiclass_accuracy");
    PredictionImporter::importInto(Workspace(m_dir.path()), golden + QStringLiteral("/predictions.csv"),
                                   golden + QStringLiteral("/labels.csv"), Task::Multiclass,
                                   Metric::Accuracy);
}

int TestPlotCommand::plot(const QStringList& args, QByteArray* err)
{
    return cli(QStringList{QStringLiteral("plot"), QStringLiteral("--workspace"), m_dir.path()} + args, err);
}

int TestPlotCommand::cli(const QStringList& args, QByteArray* err)
{
    QProcess p;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY")); // no display, as on a server
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("XDG_RUNTIME_DIR")); // as under cron: Qt must not warn
    p.setProcessEnvironment(environment);
    p.start(QStringLiteral(SEEDSCAPE_CLI), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return -1;
    if (err)
        *err = p.readAllStandardError();
    return p.exitCode();
}

void TestPlotCommand::drawsEachFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addRow("png") << "plot.png";
    QTest::addRow("svg") << "plot.svg";
    QTest::addRow("pdf") << "plot.pdf";
}

void TestPlotCommand::drawsEachFormat()
{
    QFETCH(QString, file);
    const QString path = m_dir.filePath(file);
    QByteArray err;
    QCOMPARE(plot({QStringLiteral("--out"), path, QStringLiteral("--kind"), QStringLiteral("scatter"),
                   QStringLiteral("--width"), QStringLiteral("500"), QStringLiteral("--height"),
                   QStringLiteral("400"), QStringLiteral("--dpi"), QStringLiteral("192")},
                  &err),
             0);
    QVERIFY2(err.isEmpty(), err.constData()); // no warning of Qt's either
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    if (file.endsWith(QStringLiteral(".png"))) {
        QCOMPARE(QImage::fromData(bytes).size(), QSize(1000, 800));
    } else if (file.endsWith(QStringLiteral(".pdf"))) {
        QVERIFY(bytes.startsWith("%PDF-"));
    } else {
        // Circles are the first experiment's markers (the other's are squares, drawn as paths): 5
        // seeds, C(5,3) = 10 three-seed ensembles, its full ensemble, its legend key and 3 kinds' keys.
        QXmlStreamReader xml(bytes);
        int markers = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement &&
                (xml.name() == QLatin1String("ellipse") || xml.name() == QLatin1String("circle")))
                ++markers;
        QVERIFY(!xml.hasError());
        QCOMPARE(markers, 5 + 10 + 1 + 1 + 3);
    }
}

void TestPlotCommand::drawsEachKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("spread") << "spread";
    QTest::addRow("ensemble-size") << "ensemble-size";
    QTest::addRow("curves") << "curves";
}

void TestPlotCommand::drawsEachKind()
{
    QFETCH(QString, kind);
    const QString path = m_dir.filePath(kind + QStringLiteral(".svg"));
    QCOMPARE(plot({QStringLiteral("--out"), path, QStringLiteral("--kind"), kind}), 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg = f.readAll();
    QVERIFY(svg.contains("m1")); // the experiments are named
    if (kind != QLatin1String("curves"))
        QVERIFY(svg.contains("m2"));
    QVERIFY(svg.contains("validation accuracy"));
}

void TestPlotCommand::spreadOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("axis");
    QTest::addColumn<QByteArray>("marks"); // in the key under the plot
    QTest::addRow("strip") << QStringList{} << "validation accuracy" << QByteArray("dots: single seeds");
    QTest::addRow("box") << QStringList{QStringLiteral("--box")} << "validation accuracy"
                         << QByteArray("box: quartiles and median");
    QTest::addRow("test scores") << QStringList{QStringLiteral("--scores"), QStringLiteral("test")}
                                 << "test accuracy" << QByteArray("dots: single seeds");
    QTest::addRow("box of test scores")
        << QStringList{QStringLiteral("--box"), QStringLiteral("--scores"), QStringLiteral("test")}
        << "test accuracy" << QByteArray("box: quartiles and median");
}

void TestPlotCommand::spreadOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, axis);
    QFETCH(QByteArray, marks);
    const QString path =
        m_dir.filePath(QStringLiteral("spread-%1.svg").arg(QString::fromLatin1(QTest::currentDataTag())));
    QCOMPARE(
        plot(QStringList{QStringLiteral("--out"), path, QStringLiteral("--kind"), QStringLiteral("spread")} +
             args),
        0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg = f.readAll();
    QVERIFY(svg.contains(axis.toUtf8()));
    QVERIFY(svg.contains(marks));
    QVERIFY(svg.contains("aria-label=\"m2\"")); // the category axis names each experiment
}

void TestPlotCommand::chosenExperiment()
{
    // Curves of the chosen experiment; a name without results is a user error.
    const QString path = m_dir.filePath(QStringLiteral("curves-m2.svg"));
    QCOMPARE(plot({QStringLiteral("--out"), path, QStringLiteral("--kind"), QStringLiteral("curves"),
                   QStringLiteral("--experiment"), QStringLiteral("m2")}),
             0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg = f.readAll();
    // Imported: its seeds have no curves, and the plot says so (of m2, not m1).
    QVERIFY(svg.contains("no learning curves: no score per epoch recorded for m2"));
    QVERIFY(!svg.contains("for m1"));
    QByteArray err;
    QCOMPARE(
        plot({QStringLiteral("--out"), path, QStringLiteral("--experiment"), QStringLiteral("nope")}, &err),
        1);
    QVERIFY2(err.contains("no experiment named 'nope' here") && !err.contains("did you mean"),
             err.constData());
    QCOMPARE(
        plot({QStringLiteral("--out"), path, QStringLiteral("--experiment"), QStringLiteral("M22")}, &err),
        1);
    QVERIFY2(err.contains("no experiment named 'M22' here; did you mean 'm2'?"), err.constData());
}

void TestPlotCommand::userErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown format") << QStringList{QStringLiteral("--out"), QStringLiteral("/tmp/x.bmp")}
                                    << "x.bmp: unknown format";
    QTest::addRow("unknown kind")
        << QStringList{QStringLiteral("--out"), QStringLiteral("/tmp/x.png"), QStringLiteral("--kind"),
                       QStringLiteral("box")}
        << "unknown plot kind 'box'; the kinds are: scatter, spread, ensemble-size, curves";
    QTest::addRow("bad size") << QStringList{QStringLiteral("--out"), QStringLiteral("/tmp/x.png"),
                                             QStringLiteral("--width"), QStringLiteral("0")}
                              << "option --width: '0' is not a whole number from 1 to 20000";
    QTest::addRow("two ks") << QStringList{QStringLiteral("--out"), QStringLiteral("/tmp/x.png"),
                                           QStringLiteral("--k"), QStringLiteral("2,3")}
                            << "option --k: '2,3' is not a whole number from 1 to 20000 (a plot draws one "
                               "ensemble size)";
    // Qt would print its painter's complaints and an empty image: one line saying why instead.
    QTest::addRow("too many pixels") << QStringList{QStringLiteral("--out"),    QStringLiteral("/tmp/x.png"),
                                                    QStringLiteral("--width"),  QStringLiteral("20000"),
                                                    QStringLiteral("--height"), QStringLiteral("20000"),
                                                    QStringLiteral("--dpi"),    QStringLiteral("2000")}
                                     << "x.png: 20000×20000 at 2000 dpi is 416667×416667 pixels; a PNG can "
                                        "have at most 250 million";
    // A mistyped folder is not created unasked.
    QTest::addRow("no such folder") << QStringList{QStringLiteral("--out"),
                                                   m_dir.filePath(QStringLiteral("absent/deeper/x.png"))}
                                    << QStringLiteral("x.png: no such folder %1; create it first")
                                           .arg(m_dir.filePath(QStringLiteral("absent/deeper")));
    QTest::addRow("box of a scatter")
        << QStringList{QStringLiteral("--out"), QStringLiteral("/tmp/x.png"), QStringLiteral("--box")}
        << "--box and --scores apply to --kind spread only";
    QTest::addRow("unknown scores") << QStringList{QStringLiteral("--out"),    QStringLiteral("/tmp/x.png"),
                                                   QStringLiteral("--kind"),   QStringLiteral("spread"),
                                                   QStringLiteral("--scores"), QStringLiteral("train")}
                                    << "--scores: 'train' is not validation or test";
}

void TestPlotCommand::userErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QByteArray err;
    QCOMPARE(plot(args, &err), 1);
    // One line, this program's: what the drawing program said, and nothing else.
    QVERIFY2(err.startsWith("seedscape-cli: ") && err.count('\n') == 1, err.constData());
    QVERIFY2(err.contains(message.toUtf8()), err.constData());
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("absent"))));
}

// What a plot cannot show although asked: drawn all the same (exit 0), with a warning line.
void TestPlotCommand::warnsOfWhatItCannotDraw()
{
    QByteArray err;
    const QString out = m_dir.filePath(QStringLiteral("warned.png"));
    QCOMPARE(plot({QStringLiteral("--out"), out, QStringLiteral("--k"), QStringLiteral("99")}, &err), 0);
    QVERIFY2(err.startsWith("warning: --k 99: no experiment plotted has 99 seeds (the most is ") &&
                 err.count('\n') == 1,
             err.constData());
    QVERIFY(QFileInfo(out).size() > 0);
    // Imported predictions have no scores per epoch.
    QCOMPARE(plot({QStringLiteral("--out"), out, QStringLiteral("--kind"), QStringLiteral("curves")}, &err),
             0);
    QVERIFY2(err.contains("recorded no score per epoch") && err.contains("its learning curves are empty"),
             err.constData());
    QCOMPARE(plot({QStringLiteral("--out"), out, QStringLiteral("--k"), QStringLiteral("2")}, &err), 0);
    QVERIFY2(err.isEmpty(), err.constData());
}

// With no experiment named, a plot or report shows the first experiment's comparison group: the
// experiments of other groups are named on stderr, never left out without a word.
void TestPlotCommand::aDefaultChoiceNamesTheGroupsItLeavesOut()
{
    QTemporaryDir dir;
    for (const auto& [name, task, metric] :
         {std::tuple{"regression_rmse", Task::Regression, Metric::RMSE},
          std::tuple{"multiclass_accuracy", Task::Multiclass, Metric::Accuracy}}) {
        const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/") + QLatin1String(name);
        PredictionImporter::importInto(Workspace(dir.path()), golden + QStringLiteral("/predictions.csv"),
                                       golden + QStringLiteral("/labels.csv"), task, metric);
    }
    const QByteArray leftOut =
        "'s comparison group only; 2 experiments with seeds are in other groups (other "
        "data, split or metric): ";
    const QString png = dir.filePath(QStringLiteral("plot.png"));
    const QString html = dir.filePath(QStringLiteral("report.html"));
    const QStringList plotArgs = {QStringLiteral("plot"), QStringLiteral("--workspace"), dir.path(),
                                  QStringLiteral("--out"), png};
    const QStringList reportArgs = {QStringLiteral("report"), QStringLiteral("--workspace"), dir.path(),
                                    QStringLiteral("--out"), html};
    for (const QStringList& args : {plotArgs, reportArgs}) {
        QByteArray err;
        QCOMPARE(cli(args, &err), 0);
        QVERIFY2(err.startsWith("warning: this shows ") && err.contains(leftOut) &&
                     err.contains(". --experiment NAME shows NAME's group\n") && err.count('\n') == 1,
                 err.constData());
        // The names of the group not drawn: m1 and m2, or alpha and beta.
        QVERIFY2((err.contains("alpha's") && err.contains(": m1, m2.")) ||
                     (err.contains("m1's") && err.contains(": alpha, beta.")),
                 err.constData());
        // Named: the user chose, nothing to add.
        QCOMPARE(cli(args + QStringList{QStringLiteral("--experiment"), QStringLiteral("m2")}, &err), 0);
        QVERIFY2(err.isEmpty(), err.constData());
    }
}

// Without the drawing program beside it (a build without the window), plot and report cannot
// run: an internal failure (exit 2) that says what is missing.
void TestPlotCommand::withoutTheDrawingProgramItIsAnInternalFailure()
{
    QTemporaryDir lone;
    const QString cliCopy = lone.filePath(QStringLiteral("seedscape-cli"));
    QVERIFY(QFile::copy(QStringLiteral(SEEDSCAPE_CLI), cliCopy));
    for (const char* command : {"plot", "report"}) {
        QProcess p;
        p.start(cliCopy, {QString::fromLatin1(command), QStringLiteral("--workspace"), m_dir.path(),
                          QStringLiteral("--out"), lone.filePath(QStringLiteral("x.png"))});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.startsWith("seedscape-cli: " + lone.filePath(QStringLiteral("seedscape")).toUtf8()) &&
                     err.contains("needs the seedscape program beside it"),
                 err.constData());
        QVERIFY(!QFile::exists(lone.filePath(QStringLiteral("x.png"))));
    }
}

void TestPlotCommand::reportHtml()
{
    const QString path = m_dir.filePath(QStringLiteral("report.html"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), m_dir.path(),
                  QStringLiteral("--out"), path}),
             0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(f.readAll());
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    // Scatter, spread, ensemble size and (empty, imported) learning curves, inline.
    QCOMPARE(html.count(QStringLiteral("<figure>")), 4);
    QCOMPARE(html.count(QStringLiteral("<svg")), 4);
    QVERIFY(!html.contains(QStringLiteral("<?xml")));
    QVERIFY(!html.contains(QStringLiteral("<text"))); // text drawn as outlines: no font needed
    QVERIFY(html.contains(QStringLiteral("<td class=\"name\">m1</td>")));
    QVERIFY(html.contains(QStringLiteral("<td class=\"name\">m2</td>")));
    // A mean and its interval stay on one line, however narrow the column.
    QVERIFY(html.contains(QStringLiteral("\u00a0±\u00a0")));
    QVERIFY(!html.contains(QRegularExpression(QStringLiteral("<td>[^<]* ± "))));
    // Typeset for print: a negative number's sign is a minus, not a hyphen.
    QVERIFY2(html.contains(QStringLiteral("(95% \u22120.66 to 0.66, n = 9)")), qPrintable(html));
    QVERIFY(!html.contains(QStringLiteral("-0.66")));
    // Words for a reader, not Markdown: the note names the command without backticks.
    QVERIFY(html.contains(QStringLiteral("seedscape-cli stats gives the full computation")));
    QVERIFY(!html.contains(QLatin1Char('`')));
}

namespace {

// A tool's standard output; empty when it fails.
QByteArray toolOutput(const QString& tool, const QStringList& args)
{
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

// The text of each page of a PDF, as pdftotext lays it out (it ends every page with a form feed).
QStringList pdfPages(const QString& path)
{
    QStringList pages = QString::fromUtf8(toolOutput(QStringLiteral("pdftotext"),
                                                     {QStringLiteral("-layout"), path, QStringLiteral("-")}))
                            .split(QLatin1Char('\f'));
    pages.removeLast(); // after the last form feed
    return pages;
}

// The pictures in a PDF, one line each in `pdfimages -list` after two lines of header.
int pdfImages(const QString& path)
{
    const QByteArray list = toolOutput(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
    return list.isEmpty() ? -1 : static_cast<int>(list.trimmed().count('\n')) - 1;
}

// The golden multiclass case's predictions, rewritten, imported into dir/ws with its labels;
// returns the workspace, empty when the files cannot be read or written.
QString importRewrittenGolden(const QTemporaryDir& dir,
                              const std::function<QByteArray(const QByteArray&)>& rewrite)
{
    const QString golden = QStringLiteral(SEEDSCAPE_TEST_DATA "/stats/multiclass_accuracy");
    QFile source(golden + QStringLiteral("/predictions.csv"));
    QFile rewritten(dir.filePath(QStringLiteral("predictions.csv")));
    if (!source.open(QIODevice::ReadOnly) || !rewritten.open(QIODevice::WriteOnly))
        return {};
    rewritten.write(rewrite(source.readAll()));
    rewritten.close();
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    PredictionImporter::importInto(Workspace(workspace), rewritten.fileName(),
                                   golden + QStringLiteral("/labels.csv"), Task::Multiclass,
                                   Metric::Accuracy);
    return workspace;
}

bool hasPoppler()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty() &&
           !QStandardPaths::findExecutable(QStringLiteral("pdfimages")).isEmpty();
}

} // namespace

void TestPlotCommand::reportPdf()
{
    const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), m_dir.path(),
                  QStringLiteral("--out"), path, QStringLiteral("--experiment"), QStringLiteral("m1")}),
             0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray pdf = f.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(!pdf.contains("/Subtype /Image")); // the figures are vector shapes, not pictures
    if (!hasPoppler())
        QSKIP("pdftotext and pdfimages (poppler-utils) are not installed: the PDF is not read");
    QCOMPARE(pdfImages(path), 0);
    // The summary, a page for each of the four figures with its caption and how to read it, and
    // the tables from a page of their own.
    const QStringList pages = pdfPages(path);
    QCOMPARE(pages.size(), 6);
    QVERIFY2(pages[0].contains(QStringLiteral("Seedscape report")), qPrintable(pages[0]));
    QVERIFY(pages[0].contains(QStringLiteral("Summary")));
    const char* captions[] = {"Validation vs test", "Seed spread", "Ensemble size", "Learning curves"};
    for (int i = 0; i < 4; ++i) {
        QVERIFY2(pages[i + 1].contains(QLatin1String(captions[i])), qPrintable(pages[i + 1]));
        QVERIFY(pages[i + 1].contains(QStringLiteral("How to read this")));
    }
    QVERIFY2(pages[5].contains(QStringLiteral("Statistics")), qPrintable(pages[5]));
    QVERIFY(pages[5].contains(QStringLiteral("Validation")));
    QVERIFY(pages[5].contains(QStringLiteral("m2")));
    // Scores to the place of their experiment's interval: m2's ensemble, 14/15, beside 0.817 ± 0.053;
    // spreads to two significant digits, and m2's IQM with the trailing zeros of its place: 0.800.
    QVERIFY2(pages[5].contains(QRegularExpression(QStringLiteral("\\bm2\\s.*\\s0\\.933\\s"))),
             qPrintable(pages[5]));
    QVERIFY(pages[5].contains(QRegularExpression(
        QStringLiteral("\\bm2\\s+accuracy\\s+4\\s+0\\.817 ± 0\\.053\\s+0\\.033\\s+0\\.067\\s+0\\.800\\s"))));
    QVERIFY(pages[5].contains(QStringLiteral("Experiment"))); // whole: no "Experime" over "nt"
    QVERIFY(pages[5].contains(QStringLiteral("Which experiment beats which")));
}

void TestPlotCommand::reportPdfKeepsTableRowsOnOneLineAndRepeatsHeaders()
{
    if (!hasPoppler())
        QSKIP("pdftotext and pdfimages (poppler-utils) are not installed: the PDF is not read");
    constexpr int kCopies = 40;
    // 40 copies of m1: the statistics table runs over two pages, the 1,560 comparisons over many.
    QTemporaryDir dir;
    const QString workspace = importRewrittenGolden(dir, [](const QByteArray& csv) {
        const QList<QByteArray> lines = csv.split('\n');
        QByteArray predictions = lines.front() + '\n';
        for (int e = 1; e <= kCopies; ++e)
            for (const QByteArray& line : lines)
                if (line.startsWith("m1,"))
                    predictions +=
                        QStringLiteral("e%1").arg(e, 2, 10, QLatin1Char('0')).toUtf8() + line.mid(2) + '\n';
        return predictions;
    });
    QVERIFY(!workspace.isEmpty());
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), workspace, QStringLiteral("--out"),
                  path}),
             0);
    QCOMPARE(pdfImages(path), 0);

    const QStringList pages = pdfPages(path);
    // A row on one line: no word breaks inside a name or a number, "0.72 ± 0.12" whole.
    static const QRegularExpression statisticsRow(
        QStringLiteral("^\\s*e\\d\\d\\s+accuracy\\s+5\\s+0\\.72 ± 0\\.12\\s+0\\.099\\s+0\\.27\\s"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression anyStatisticsRow(QStringLiteral("^\\s*e\\d\\d\\s+accuracy\\s"),
                                                     QRegularExpression::MultilineOption);
    static const QRegularExpression comparisonRow(QStringLiteral("^\\s*e\\d\\d\\s+e\\d\\d\\s"),
                                                  QRegularExpression::MultilineOption);
    int statisticsPages = 0, comparisonPages = 0, rows = 0, comparisons = 0;
    for (const QString& page : pages) {
        const int pageRows = static_cast<int>(page.count(statisticsRow));
        const int pageComparisons = static_cast<int>(page.count(comparisonRow));
        QCOMPARE(page.count(anyStatisticsRow), pageRows); // no row broken over lines or pages
        if (pageRows > 0) {
            ++statisticsPages;
            QVERIFY2(page.contains(QStringLiteral("Metric")) && page.contains(QStringLiteral("IQM")),
                     qPrintable(page)); // the header, repeated
        }
        if (pageComparisons > 0) {
            ++comparisonPages;
            QVERIFY2(page.contains(QStringLiteral("P validation")), qPrintable(page));
        }
        rows += pageRows;
        comparisons += pageComparisons;
    }
    QCOMPARE(rows, kCopies);
    QCOMPARE(comparisons, kCopies * (kCopies - 1));
    QVERIFY2(statisticsPages >= 2, qPrintable(QString::number(statisticsPages)));
    QVERIFY(comparisonPages >= 2);
}

void TestPlotCommand::reportPdfTablesOfLongNamesFitThePage()
{
    if (!hasPoppler())
        QSKIP("pdftotext and pdfimages (poppler-utils) are not installed: the PDF is not read");
    // Names of 60 characters and more, which never break: at the text's size the statistics table
    // would run off the page and lose its last columns.
    const QString longA =
        QStringLiteral("an-experiment-with-a-rather-long-name-that-says-everything-about-it");
    const QString longB = QStringLiteral("another-experiment-with-a-long-name-that-says-everything-as-well");
    QTemporaryDir dir;
    const QString workspace = importRewrittenGolden(dir, [&](const QByteArray& csv) {
        QString predictions = QString::fromUtf8(csv);
        predictions.replace(QRegularExpression(QStringLiteral("^m1,"), QRegularExpression::MultilineOption),
                            longA + QLatin1Char(','));
        predictions.replace(QRegularExpression(QStringLiteral("^m2,"), QRegularExpression::MultilineOption),
                            longB + QLatin1Char(','));
        return predictions.toUtf8();
    });
    QVERIFY(!workspace.isEmpty());
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), workspace, QStringLiteral("--out"),
                  path}),
             0);
    QString statistics;
    for (const QString& page : pdfPages(path))
        if (page.contains(QStringLiteral("Statistics")))
            statistics = page;
    // Every column is on the page, the last ones too, and each name whole on its row's line.
    QVERIFY2(statistics.contains(QStringLiteral("Gain")) && statistics.contains(QStringLiteral("3-seed")),
             qPrintable(statistics));
    QVERIFY2(
        statistics.contains(QRegularExpression(
            longA + QStringLiteral("\\s+accuracy\\s+5\\s+0\\.72 ± 0\\.12\\s+0\\.099\\s+0\\.27\\s+0\\.71\\s+"
                                   "0\\.72 ± 0\\.21\\s+0\\.87\\s+0\\.92\\s+0\\.15\\s+0\\.87\\s*$"),
            QRegularExpression::MultilineOption)),
        qPrintable(statistics));
    QVERIFY(statistics.contains(
        QRegularExpression(longB + QStringLiteral("\\s+accuracy\\s+4\\s.*\\s0\\.933\\s*$"),
                           QRegularExpression::MultilineOption)));
}

void TestPlotCommand::reportErrors()
{
    QByteArray err;
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), m_dir.path(),
                  QStringLiteral("--out"), m_dir.filePath(QStringLiteral("report.docx"))},
                 &err),
             1);
    QVERIFY2(err.contains("report.docx: unknown format; use .html or .pdf"), err.constData());
    QCOMPARE(
        cli({QStringLiteral("report"), QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("none")),
             QStringLiteral("--out"), m_dir.filePath(QStringLiteral("r.html"))},
            &err),
        1);
    QVERIFY2(err.contains("no such workspace folder"), err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("r.html"))));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), m_dir.path(),
                  QStringLiteral("--out"), m_dir.filePath(QStringLiteral("absent/r.html"))},
                 &err),
             1);
    QVERIFY2(err.contains("r.html: no such folder"), err.constData());
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("absent"))));
}

namespace {

// A screenshot of a page by headless Chromium, or a null image.
QImage chromiumScreenshot(const QString& chromium, const QString& page, const QString& png, QSize size)
{
    QProcess p;
    p.start(chromium,
            {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
             QStringLiteral("--hide-scrollbars"), QStringLiteral("--screenshot=") + png,
             QStringLiteral("--window-size=%1,%2").arg(size.width()).arg(size.height()),
             QUrl::fromLocalFile(page).toString()});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return {};
    return QImage(png).convertToFormat(QImage::Format_RGB32);
}

int inkPixels(const QImage& image)
{
    int ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            ink += qGray(image.pixel(x, y)) < 200;
    return ink;
}

// The share of pixels whose grey level differs by more than a sixth of the scale: shapes, not
// antialiasing (Chromium and rsvg-convert differ on 0.01% to 0.02% of a figure's pixels).
double differingShare(const QImage& a, const QImage& b)
{
    int differing = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            differing += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))) > 40;
    return double(differing) / (a.width() * a.height());
}

} // namespace

void TestPlotCommand::reportInABrowser()
{
    // Each figure of the HTML report, drawn by a real browser: not blank, and the same drawing
    // as another SVG renderer makes of it (text is outlines, so no font can shift it).
    const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
    if (chromium.isEmpty())
        QSKIP("chromium is not installed: the report is not rendered in a browser");
    const QString path = m_dir.filePath(QStringLiteral("browser.html"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), m_dir.path(),
                  QStringLiteral("--out"), path}),
             0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(f.readAll());
    static const QRegularExpression svg(QStringLiteral("<svg\\b.*?</svg>"),
                                        QRegularExpression::DotMatchesEverythingOption);
    const QSize size(880, 520); // the report's figure size
    int figures = 0;
    for (auto it = svg.globalMatch(html); it.hasNext(); ++figures) {
        const QString figure = it.next().captured();
        const QString page = m_dir.filePath(QStringLiteral("figure%1.html").arg(figures));
        QFile out(page);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">");
        out.write(figure.toUtf8());
        out.write("</body></html>");
        out.close();
        const QImage shot = chromiumScreenshot(
            chromium, page, m_dir.filePath(QStringLiteral("figure%1.png").arg(figures)), size);
        QCOMPARE(shot.size(), size);
        if (figures < 3) // the learning curves of imported experiments are an empty frame
            QVERIFY2(inkPixels(shot) > 3000, qPrintable(QStringLiteral("figure %1 is blank").arg(figures)));
        if (QStandardPaths::findExecutable(QStringLiteral("rsvg-convert")).isEmpty())
            continue;
        const QString svgPath = m_dir.filePath(QStringLiteral("figure%1.svg").arg(figures));
        QFile svgFile(svgPath);
        QVERIFY(svgFile.open(QIODevice::WriteOnly));
        svgFile.write(figure.toUtf8());
        svgFile.close();
        QProcess rsvg;
        rsvg.start(QStringLiteral("rsvg-convert"),
                   {QStringLiteral("--format=png"), QStringLiteral("--background-color=white"), svgPath});
        QVERIFY(rsvg.waitForFinished(60000));
        const QImage reference =
            QImage::fromData(rsvg.readAllStandardOutput()).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(reference.size(), size);
        const double share = differingShare(shot, reference);
        QVERIFY2(share < 0.01,
                 qPrintable(QStringLiteral("figure %1: %2% of pixels differ from rsvg-convert's")
                                .arg(figures)
                                .arg(share * 100)));
    }
    QCOMPARE(figures, 4);
}

void TestPlotCommand::plotAndReportUseTheRememberedColours()
{
    // The window remembered m1 in slot 3 (red) and m2 in slot 5 (brown): plot and report agree.
    ExperimentColourFile::write(m_dir.path(), {{QStringLiteral("m1"), 3}, {QStringLiteral("m2"), 5}});
    const QByteArray red = "#d62728", brown = "#8c564b", blue = "#1f77b4", orange = "#ff7f0e";
    const QString svg = m_dir.filePath(QStringLiteral("remembered.svg"));
    QCOMPARE(plot({QStringLiteral("--out"), svg}), 0);
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray drawn = svgFile.readAll();
    QVERIFY(drawn.contains(red) && drawn.contains(brown));
    QVERIFY(!drawn.contains(blue) && !drawn.contains(orange)); // the names' order: slots 0 and 1
    const QString html = m_dir.filePath(QStringLiteral("remembered.html"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("--workspace"), m_dir.path(),
                  QStringLiteral("--out"), html}),
             0);
    QFile htmlFile(html);
    QVERIFY(htmlFile.open(QIODevice::ReadOnly));
    const QByteArray report = htmlFile.readAll();
    QVERIFY(report.contains(red) && report.contains(brown));
    QVERIFY(!report.contains(blue) && !report.contains(orange));
    QCOMPARE(ExperimentColourFile::read(m_dir.path()),
             (ExperimentColourFile::Slots{{QStringLiteral("m1"), 3}, {QStringLiteral("m2"), 5}}));
}

QTEST_GUILESS_MAIN(TestPlotCommand)
#include "tst_plotcommand.moc"
