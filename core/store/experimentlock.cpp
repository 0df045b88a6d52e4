#include "experimentlock.h"

#include "common/storageerror.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace seedscape {

ExperimentLock::ExperimentLock(QString resultsFolder) : m_path(QDir(resultsFolder).filePath(fileName())) {}

ExperimentLock::~ExperimentLock()
{
    unlock();
}

QString ExperimentLock::fileName()
{
    return QStringLiteral("sweep.lock");
}

bool ExperimentLock::tryLock()
{
    if (isLocked())
        return true;
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        throw StorageError(
            QStringLiteral("%1: cannot create the folder").arg(QFileInfo(m_path).absolutePath()));
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw StorageError(QStringLiteral("%1: cannot open the lock file: %2")
                               .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return false;
    }
    m_fd = fd;
    // Name the holder for whoever has to wait; the lock itself is the flock, not this text.
    const QByteArray who = QStringLiteral("pid %1 on %2\n")
                               .arg(QCoreApplication::applicationPid())
                               .arg(QSysInfo::machineHostName())
                               .toUtf8();
    // Only a courtesy to whoever waits: a failure to write it changes nothing about the lock.
    if (::ftruncate(m_fd, 0) == 0) [[maybe_unused]]
        const ssize_t written = ::pwrite(m_fd, who.constData(), static_cast<size_t>(who.size()), 0);
    return true;
}

void ExperimentLock::unlock()
{
    if (!isLocked())
        return;
    ::close(m_fd); // closing the descriptor releases the flock
    m_fd = -1;
}

QString ExperimentLock::holder() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine(200)).trimmed();
}

} // namespace seedscape
