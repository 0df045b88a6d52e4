// The desktop app: `seedscape [WORKSPACE]`. With no folder it opens the last workspace, or on a
// first start the sample workspace with an example experiment for each built-in dataset.
#include "mainwindow.h"

#include "store/atomicfile.h"
#include "store/sampleworkspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Seedscape"));
    QApplication::setOrganizationName(QStringLiteral("Seedscape"));
    QApplication::setApplicationVersion(QStringLiteral(SEEDSCAPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Seed sweeps, seed ensembles and validation-vs-test plots."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("Workspace folder to open."));
    parser.process(app);

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
    return QApplication::exec();
}
