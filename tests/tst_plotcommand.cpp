// `seedscape-cli plot` as a script would run it: offscreen, one file per format.
#include "store/predictionimporter.h"
#include "store/workspace.h"

#include <QFile>
#include <QImage>
#include <QProcess>
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
    void userErrors_data();
    void userErrors();

private:
    int plot(const QStringList& args, QByteArray* err = nullptr);
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
    QProcess p;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY")); // no display, as on a server
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(environment);
    p.start(QStringLiteral(SEEDSCAPE_CLI),
            QStringList{QStringLiteral("plot"), QStringLiteral("--workspace"), m_dir.path()} + args);
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
}

void TestPlotCommand::userErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QByteArray err;
    QCOMPARE(plot(args, &err), 1);
    QVERIFY2(err.contains(message.toUtf8()), err.constData());
}

QTEST_GUILESS_MAIN(TestPlotCommand)
#include "tst_plotcommand.moc"
