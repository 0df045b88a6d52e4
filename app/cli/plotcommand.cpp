// seedscape-cli plot: draws a plot offscreen. The command line links core only, so it hands the
// drawing to the seedscape program beside it (the same view code as the window), without a display.
#include "clioptions.h"
#include "commands.h"

#include "common/inputerror.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>

#include <iostream>

namespace seedscape::cli {

int plotCommand(const QStringList& args)
{
    const CliOptions options(args,
                             {QStringLiteral("--workspace"), QStringLiteral("--out"),
                              QStringLiteral("--kind"), QStringLiteral("--width"), QStringLiteral("--height"),
                              QStringLiteral("--dpi"), QStringLiteral("--k")});
    if (!options.positional().isEmpty())
        throw UsageError(QStringLiteral("plot takes only options"));
    const QString drawer = QCoreApplication::applicationDirPath() + QStringLiteral("/seedscape");
    if (!QFileInfo(drawer).isExecutable())
        throw InputError(
            {drawer},
            QStringLiteral(
                "seedscape-cli plot needs the seedscape program beside it (a build with SEEDSCAPE_GUI=ON)"));
    QStringList drawerArgs = {QStringLiteral("--plot"), options.required(QStringLiteral("--out")),
                              QStringLiteral("--workspace"), options.required(QStringLiteral("--workspace"))};
    for (const char* name : {"--kind", "--width", "--height", "--dpi", "--k"}) {
        const QString value = options.value(QString::fromLatin1(name));
        if (!value.isEmpty())
            drawerArgs << QString::fromLatin1(name) << value;
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(drawer, drawerArgs);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit) {
        std::cerr << "seedscape-cli: internal error: the plot could not be drawn" << std::endl;
        return kExitInternal;
    }
    return process.exitCode();
}

} // namespace seedscape::cli
