// seedscape-cli plot and report: a plot or the report drawn offscreen. The command line links core
// only, so it hands the drawing to the seedscape program beside it (the same view code as the
// window), without a display.
#include "clioptions.h"
#include "commands.h"

#include "common/inputerror.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>

#include <iostream>

namespace seedscape::cli {

namespace {

// Runs `seedscape ARGS` offscreen; its stderr (the user's messages) passes through.
int runDrawer(const QStringList& drawerArgs, const char* what)
{
    const QString drawer = QCoreApplication::applicationDirPath() + QStringLiteral("/seedscape");
    if (!QFileInfo(drawer).isExecutable())
        throw InputError({drawer}, QStringLiteral("seedscape-cli %1 needs the seedscape program beside it (a "
                                                  "build with SEEDSCAPE_GUI=ON)")
                                       .arg(QLatin1String(what)));
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(drawer, drawerArgs);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit) {
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
