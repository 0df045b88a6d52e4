#include "grouptimeslog.h"

#include <QByteArray>
#include <QMessageLogContext>

namespace seedscape::testsupport {

namespace {

QStringList logged;

void keepGroupTimes(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    if (QByteArray(context.category) == "seedscape.group.times")
        logged << message;
}

} // namespace

QStringList groupTimesLoggedBy(const std::function<void()>& work)
{
    logged.clear();
    const QtMessageHandler previous = qInstallMessageHandler(keepGroupTimes);
    work();
    qInstallMessageHandler(previous);
    return logged;
}

} // namespace seedscape::testsupport
