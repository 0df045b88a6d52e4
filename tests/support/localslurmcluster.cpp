#include "localslurmcluster.h"

#include <QFile>
#include <QProcess>

namespace seedscape::testsupport {

namespace {

const QString kScript = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/tests/slurm/localcluster.sh");

} // namespace

LocalSlurmCluster::LocalSlurmCluster(const QString& folder) : m_folder(folder)
{
    QProcess start;
    start.start(QStringLiteral("bash"), {kScript, QStringLiteral("start"), folder});
    if (!start.waitForFinished(120000)) {
        m_problem = QStringLiteral("localcluster.sh start did not finish");
        return;
    }
    const QString err = QString::fromUtf8(start.readAllStandardError()).trimmed();
    if (start.exitCode() == 3) { // the script's word for "Slurm is not installed"
        m_state = State::NotInstalled;
        m_problem = QStringLiteral("Slurm is not installed: ") + err;
        return;
    }
    if (start.exitCode() != 0) {
        m_problem = err;
        return;
    }
    m_state = State::Running;
    qputenv("SLURM_CONF", start.readAllStandardOutput().trimmed());
}

QString LocalSlurmCluster::logLines(const QString& text) const
{
    QString lines;
    for (const char* daemon : {"slurmctld", "slurmd"}) {
        QFile log(m_folder + QStringLiteral("/%1.log").arg(QLatin1String(daemon)));
        if (!log.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : log.readAll().split('\n'))
            if (line.contains(text.toUtf8()))
                lines += QLatin1String(daemon) + QStringLiteral(": ") + QString::fromUtf8(line) +
                         QLatin1Char('\n');
    }
    return lines;
}

LocalSlurmCluster::~LocalSlurmCluster()
{
    if (m_state != State::Running)
        return;
    QProcess stop;
    stop.start(QStringLiteral("bash"), {kScript, QStringLiteral("stop"), m_folder});
    stop.waitForFinished(60000);
}

} // namespace seedscape::testsupport
