// `seedscape-cli plot` and `seedscape-cli report` as a script would run them: offscreen, one file
// per format.
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

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
    void reportHtml();
    void reportPdf();
    void reportErrors();

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
    QCOMPARE(plot({QStringLiteral("--out"), path, QStringLiteral("--kind"), QStringLiteral("scatter"),
                   QStringLiteral("--width"), QStringLiteral("500"), QStringLiteral("--height"),
                   QStringLiteral("400"), QStringLiteral("--dpi"), QStringLiteral("192")}),
             0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    if (file.endsWith(QStringLiteral(".png"))) {
        QCOMPARE(QImage::fromData(bytes).size(), QSize(1000, 800));
    } else if (file.endsWith(QStringLiteral(".pdf"))) {
        QVERIFY(bytes.startsWith("%PDF-"));
    } else {
        // 9 seeds, C(5,3) + C(4,3) = 14 three-seed ensembles, 2 full ensembles, 5 legend keys.
        QXmlStreamReader xml(bytes);
        int markers = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement &&
                (xml.name() == QLatin1String("ellipse") || xml.name() == QLatin1String("circle")))
                ++markers;
        QVERIFY(!xml.hasError());
        QCOMPARE(markers, 9 + 14 + 2 + 5);
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
    QVERIFY(svg.contains("validation ACCURACY"));
}

void TestPlotCommand::spreadOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("axis");
    QTest::addColumn<QByteArray>("marks"); // in the key under the plot
    QTest::addRow("strip") << QStringList{} << "validation ACCURACY" << QByteArray("dots: single seeds");
    QTest::addRow("box") << QStringList{QStringLiteral("--box")} << "validation ACCURACY"
                         << QByteArray("box: quartiles and median");
    QTest::addRow("test scores") << QStringList{QStringLiteral("--scores"), QStringLiteral("test")}
                                 << "test ACCURACY" << QByteArray("dots: single seeds");
    QTest::addRow("box of test scores")
        << QStringList{QStringLiteral("--box"), QStringLiteral("--scores"), QStringLiteral("test")}
        << "test ACCURACY" << QByteArray("box: quartiles and median");
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
    QVERIFY(svg.contains("epoch — m2: 4 seed(s)"));
    QVERIFY(!svg.contains("epoch — m1"));
    QByteArray err;
    QCOMPARE(
        plot({QStringLiteral("--out"), path, QStringLiteral("--experiment"), QStringLiteral("nope")}, &err),
        1);
    QVERIFY2(err.contains("no experiment named 'nope' has results"), err.constData());
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
                              << "--width: '0' is not a size";
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
    QVERIFY2(err.contains(message.toUtf8()), err.constData());
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
    QVERIFY(html.contains(QStringLiteral("<td>m1</td>")));
    QVERIFY(html.contains(QStringLiteral("<td>m2</td>")));
}

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
    QVERIFY(pdf.count("/Subtype /Image") >= 3); // the three figures as pictures
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text is not read");
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(60000));
    const QString words = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY2(words.contains(QStringLiteral("Seedscape report")), qPrintable(words));
    QVERIFY(words.contains(QStringLiteral("Statistics")));
    QVERIFY(words.contains(QStringLiteral("m2")));
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
}

QTEST_GUILESS_MAIN(TestPlotCommand)
#include "tst_plotcommand.moc"
