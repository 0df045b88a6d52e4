// seedscape-cli plot and report: a plot or the report drawn offscreen. The command line links core
// only, so it hands the drawing to the seedscape program beside it (the same view code as the
// window), without a display.
#include "clioptions.h"
#include "commands.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <iostream>

namespace seedscape::cli {

namespace {

// Runs `seedscape ARGS` offscreen. Its messages are the user's: they pass on as this program's,
// one line "seedscape-cli: …" each, as the command line's contract says.
int runDrawer(const QStringList& drawerArgs, const char* what)
{
    const QString drawer = QCoreApplication::applicationDirPath() + QStringLiteral("/seedscape");
    if (!QFileInfo(drawer).isExecutable()) { // the drawing program could not run: exit 2
        std::cerr << "seedscape-cli: " << drawer.toStdString() << ": seedscape-cli " << what
                  << " needs the seedscape program beside it (a build with SEEDSCAPE_GUI=ON)" << std::endl;
        return kExitInternal;
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Without XDG_RUNTIME_DIR (cron, ssh without a session, containers) Qt warns on stderr each time.
    QTemporaryDir runtimeDir; // created 0700, as Qt wants it
    if (environment.value(QStringLiteral("XDG_RUNTIME_DIR")).isEmpty() && runtimeDir.isValid())
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir.path());
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedOutputChannel);
    process.start(drawer, drawerArgs);
    const bool drawn = process.waitForFinished(-1) && process.exitStatus() == QProcess::NormalExit;
    const QString drawerPrefix = QStringLiteral("seedscape: ");
    for (QString line : QString::fromUtf8(process.readAllStandardError()).split(QLatin1Char('\n'))) {
        if (line.isEmpty())
            continue;
        if (line.startsWith(drawerPrefix))
            line.replace(0, drawerPrefix.size(), QStringLiteral("seedscape-cli: "));
        std::cerr << line.toStdString() << std::endl; // also what a crashing drawer said last
    }
    if (!drawn) {
        std::cerr << "seedscape-cli: internal error: the " << what << " could not be drawn" << std::endl;
        return kExitInternal;
    }
    return process.exitCode();
}

} // namespace

int plotCommand(const QStringList& args)
{
    const CliOptions options(args,
                             {QStringLiteral("--workspace"), QStringLiteral("--out"),
                              QStringLiteral("--experiment"), QStringLiteral("--kind"),
                              QStringLiteral("--scores"), QStringLiteral("--width"),
                              QStringLiteral("--height"), QStringLiteral("--dpi"), QStringLiteral("--k")},
                             {QStringLiteral("--box")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("plot takes only options"));
    QStringList drawerArgs = {QStringLiteral("--plot"), options.required(QStringLiteral("--out")),
                              QStringLiteral("--workspace"), options.required(QStringLiteral("--workspace"))};
    for (const char* name : {"--experiment", "--kind", "--scores", "--width", "--height", "--dpi", "--k"}) {
        const QString value = options.value(QString::fromLatin1(name));
        if (!value.isEmpty())
            drawerArgs << QString::fromLatin1(name) << value;
    }
    if (options.flag(QStringLiteral("--box")))
        drawerArgs << QStringLiteral("--box");
    return runDrawer(drawerArgs, "plot");
}

int reportCommand(const QStringList& args)
{
    const CliOptions options(
        args, {QStringLiteral("--workspace"), QStringLiteral("--out"), QStringLiteral("--experiment")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("report takes only options"));
    QStringList drawerArgs = {QStringLiteral("--report"), options.required(QStringLiteral("--out")),
                              QStringLiteral("--workspace"), options.required(QStringLiteral("--workspace"))};
    const QString experiment = options.value(QStringLiteral("--experiment"));
    if (!experiment.isEmpty())
        drawerArgs << QStringLiteral("--experiment") << experiment;
    return runDrawer(drawerArgs, "report");
}

} // namespace seedscape::cli
