// The desktop app: `seedscape [WORKSPACE]`. With no folder it opens the last workspace, or on a
// first start the sample workspace with an example experiment for each built-in dataset.
// `seedscape --plot FILE --workspace DIR [--experiment NAME] [--kind K] [--box] [--scores S]
// [--width W] [--height H] [--dpi D]` draws a plot offscreen and exits: what `seedscape-cli plot`
// runs; `seedscape --report FILE --workspace DIR [--experiment NAME]` writes the report likewise.
// `--run` starts training every experiment as soon as the window opens (for demos and the
// end-to-end test).
#include "mainwindow.h"
#include "plot/plotrenderer.h"
#include "reportrenderer.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "store/sampleworkspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

#include <cstdio>

namespace {

// Draws a plot or writes the report, offscreen; exit 1 with a message on a user error.
int renderFile(const QCommandLineParser& parser)
{
    auto number = [&](const QString& name, int fallback, int maximum = 20000) {
        bool ok = true;
        const int n = parser.isSet(name) ? parser.value(name).toInt(&ok) : fallback;
        if (!ok || n < 1 || n > maximum)
            throw seedscape::InputError(
                {}, QStringLiteral("option --%1: '%2' is not a whole number from 1 to %3%4")
                        .arg(name, parser.value(name))
                        .arg(maximum)
                        .arg(name == QLatin1String("k") ? QStringLiteral(" (a plot draws one ensemble size)")
                                                        : QString()));
        return n;
    };
    try {
        const QString workspace = parser.value(QStringLiteral("workspace"));
        const QString experiment = parser.value(QStringLiteral("experiment"));
        if (parser.isSet(QStringLiteral("report"))) {
            for (const QString& warning : seedscape::ReportRenderer::render(
                     workspace, parser.value(QStringLiteral("report")), experiment))
                std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
            return 0;
        }
        const QString scores = parser.value(QStringLiteral("scores"));
        if (scores != QLatin1String("validation") && scores != QLatin1String("test"))
            throw seedscape::InputError(
                {}, QStringLiteral("option --scores: '%1' is not validation or test").arg(scores));
        seedscape::PlotRenderer::Options options;
        options.kind = parser.value(QStringLiteral("kind"));
        options.experiment = experiment;
        options.box = parser.isSet(QStringLiteral("box"));
        options.testScores = scores == QLatin1String("test");
        options.width = number(QStringLiteral("width"), 900);
        options.height = number(QStringLiteral("height"), 700);
        options.dpi = number(QStringLiteral("dpi"), 96);
        options.k = number(QStringLiteral("k"), 3);
        for (const QString& warning :
             seedscape::PlotRenderer::render(workspace, parser.value(QStringLiteral("plot")), options))
            std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
    } catch (const seedscape::InputError& e) {
        qCritical("seedscape: %s", qPrintable(e.message()));
        return 1;
    } catch (const seedscape::StorageError& e) {
        qCritical("seedscape: %s", qPrintable(e.message()));
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    // Drawing a plot to a file needs no display.
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "--plot") == 0 || qstrcmp(argv[i], "--report") == 0)
            qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Seedscape"));
    QApplication::setOrganizationName(QStringLiteral("Seedscape"));
    QApplication::setApplicationVersion(QStringLiteral(SEEDSCAPE_VERSION));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.seedscape.Seedscape"))); // hicolor theme

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Seed sweeps, seed ensembles and validation-vs-test plots."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("Workspace folder to open."));
    parser.addOptions(
        {{QStringLiteral("plot"), QStringLiteral("Draw a plot to FILE (.png, .svg, .pdf) and exit."),
          QStringLiteral("FILE")},
         {QStringLiteral("report"),
          QStringLiteral("Write the report to FILE (.html, or .pdf through printing) and exit."),
          QStringLiteral("FILE")},
         {QStringLiteral("workspace"), QStringLiteral("The workspace to plot."), QStringLiteral("DIR")},
         {QStringLiteral("experiment"),
          QStringLiteral("Plot or report this experiment and those scored on the same rows."),
          QStringLiteral("NAME")},
         {QStringLiteral("kind"), QStringLiteral("Plot kind: scatter, spread, ensemble-size or curves."),
          QStringLiteral("KIND"), QStringLiteral("scatter")},
         {QStringLiteral("box"), QStringLiteral("Spread: a box plot instead of a strip of seeds.")},
         {QStringLiteral("scores"), QStringLiteral("Spread: validation (default) or test scores."),
          QStringLiteral("S"), QStringLiteral("validation")},
         {QStringLiteral("width"), QStringLiteral("Width in pixels (default 900)."), QStringLiteral("W")},
         {QStringLiteral("height"), QStringLiteral("Height in pixels (default 700)."), QStringLiteral("H")},
         {QStringLiteral("dpi"), QStringLiteral("Resolution of a PNG (default 96)."), QStringLiteral("D")},
         {QStringLiteral("k"), QStringLiteral("Size of the k-ensembles drawn (default 3)."),
          QStringLiteral("K")},
         {QStringLiteral("run"),
          QStringLiteral("Start training every experiment of the workspace at once.")}});
    parser.process(app);
    if (parser.isSet(QStringLiteral("plot")) || parser.isSet(QStringLiteral("report")))
        return renderFile(parser);

    QString folder = parser.positionalArguments().value(0);
    if (folder.isEmpty()) {
        const QStringList recent = QSettings().value(QStringLiteral("workspaces/recent")).toStringList();
        folder = recent.value(0);
    }
    if (folder.isEmpty()) {
        folder = seedscape::SampleWorkspace::defaultFolder();
        try {
            seedscape::SampleWorkspace::create(folder);
        } catch (const seedscape::StorageError& e) {
            qWarning("%s", qPrintable(e.message()));
        }
    }

    seedscape::MainWindow window;
    window.openWorkspace(folder);
    window.show();
    if (parser.isSet(QStringLiteral("run")))
        window.runExperiments(-1);
    return QApplication::exec();
}
