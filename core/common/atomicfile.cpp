#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace seedscape {

namespace {

QString reason(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The temporary file's name: hidden, beside the target, unique within this process and among
// processes (a sweep and the window may save in one folder at once). The random part keeps a
// leftover of a killed process with the same pid (another node, a container) out of the way.
QByteArray temporaryName(const QString& finalPath)
{
    static std::atomic<unsigned> counter{0};
    const QFileInfo info(finalPath);
    return QFile::encodeName(info.absolutePath() +
                             QStringLiteral("/.%1.%2-%3-%4.tmp")
                                 .arg(info.fileName())
                                 .arg(::getpid())
                                 .arg(counter.fetch_add(1))
                                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
}

} // namespace

// Written with the system calls rather than QSaveFile: QSaveFile buffers small writes and, in Qt 6.4,
// renames its temporary file over the target even when the final flush failed (a full disk left
// an empty file in place of a good one, and no error). Every call's result is checked here, fdatasync
// included, since a network file system may report a full quota only there.
void AtomicFile::write(const QString& path, const QByteArray& bytes)
{
    QFileInfo info(path);
    // Through a symbolic link to the file it names, as QSaveFile did: the link stays a link.
    if (info.isSymLink())
        info = QFileInfo(info.symLinkTarget());
    if (!QDir().mkpath(info.absolutePath()))
        throw StorageError(QStringLiteral("%1: cannot create the folder %2").arg(path, info.absolutePath()));
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    QByteArray temporary;
    int fd = -1;
    // 0666 less the umask, as any new file; a replaced file keeps its own permissions.
    for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
        temporary = temporaryName(info.absoluteFilePath());
        fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0)
        throw StorageError(QStringLiteral("%1: cannot write: %2").arg(path, reason(errno)));
    const auto fail = [&](const QString& what, int error) {
        ::close(fd);
        ::unlink(temporary.constData());
        throw StorageError(QStringLiteral("%1: %2: %3").arg(path, what, reason(error)));
    };
    struct stat existing
    {
    };
    if (::stat(target.constData(), &existing) == 0 && ::fchmod(fd, existing.st_mode & 07777) != 0)
        fail(QStringLiteral("cannot write"), errno);
    const char* data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, static_cast<size_t>(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) // 0 would loop forever; a full disk gives ENOSPC (or EFBIG, EDQUOT)
            fail(QStringLiteral("cannot write"), written < 0 ? errno : ENOSPC);
        data += written;
        left -= written;
    }
    if (::fdatasync(fd) != 0 && errno != EINVAL) // EINVAL: a file system that cannot sync (nothing lost)
        fail(QStringLiteral("cannot write"), errno);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.constData());
        throw StorageError(QStringLiteral("%1: cannot write: %2").arg(path, reason(error)));
    }
    if (::rename(temporary.constData(), target.constData()) != 0) {
        const int error = errno;
        ::unlink(temporary.constData());
        throw StorageError(QStringLiteral("%1: cannot save: %2").arg(path, reason(error)));
    }
}

} // namespace seedscape
