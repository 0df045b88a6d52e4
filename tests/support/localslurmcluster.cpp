#include "localslurmcluster.h"

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

LocalSlurmCluster::~LocalSlurmCluster()
{
    if (m_state != State::Running)
        return;
    QProcess stop;
    stop.start(QStringLiteral("bash"), {kScript, QStringLiteral("stop"), m_folder});
    stop.waitForFinished(60000);
}

} // namespace seedscape::testsupport
