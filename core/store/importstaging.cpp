#include "importstaging.h"

#include "common/atomicfile.h"
#include "common/storageerror.h"
#include "labelsfile.h"
#include "seedresultfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace seedscape {

namespace {

QString completeMarker()
{
    return QStringLiteral("complete");
}

QString experimentsFolder(const QString& stagingFolder)
{
    return stagingFolder + QStringLiteral("/experiments");
}

// rename(2): atomic, and replaces a file already there.
void moveFile(const QString& from, const QString& to)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        throw StorageError(QStringLiteral("%1: cannot move it to %2: %3")
                               .arg(from, to, QString::fromLocal8Bit(std::strerror(errno))));
}

void removeFile(const QString& path)
{
    if (QFileInfo::exists(path) && !QFile::remove(path))
        throw StorageError(QStringLiteral("%1: cannot remove it").arg(path));
}

} // namespace

ImportStaging::ImportStaging(const QString& workspaceFolder)
    : m_resultsFolder(workspaceFolder + QStringLiteral("/results"))
{
    if (!QDir().mkpath(m_resultsFolder))
        throw StorageError(QStringLiteral("%1: cannot create the folder").arg(m_resultsFolder));
    cleanStale(m_resultsFolder);
    QTemporaryDir dir(m_resultsFolder + QLatin1Char('/') + prefix() + QStringLiteral("XXXXXX"));
    if (!dir.isValid())
        throw StorageError(
            QStringLiteral("%1: cannot create a staging folder: %2").arg(m_resultsFolder, dir.errorString()));
    dir.setAutoRemove(false);
    m_folder = dir.path();
    m_lock = std::make_unique<ExperimentLock>(m_folder);
    if (!m_lock->tryLock()) // nobody else knows this folder yet
        throw StorageError(QStringLiteral("%1: cannot lock the staging folder").arg(m_folder));
}

ImportStaging::~ImportStaging()
{
    if (!m_committed && !m_folder.isEmpty())
        QDir(m_folder).removeRecursively();
}

QString ImportStaging::prefix()
{
    return QStringLiteral(".import-");
}

QString ImportStaging::experimentFolder(const QString& name) const
{
    return experimentsFolder(m_folder) + QLatin1Char('/') + name;
}

void ImportStaging::commit()
{
    // From here on the import happens: a process that dies while moving leaves it to the next one.
    AtomicFile::write(m_folder + QLatin1Char('/') + completeMarker(), QByteArray("1\n"));
    m_committed = true;
    moveIntoPlace(m_folder, m_resultsFolder);
    QDir(m_folder).removeRecursively();
}

void ImportStaging::moveIntoPlace(const QString& stagingFolder, const QString& resultsFolder)
{
    const QDir experiments(experimentsFolder(stagingFolder));
    for (const QString& name : experiments.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir from(experiments.filePath(name));
        const QString to = resultsFolder + QLatin1Char('/') + name;
        if (!QDir().mkpath(to))
            throw StorageError(QStringLiteral("%1: cannot create the folder").arg(to));
        // Labels that are there already are the same (the import checked): keep them.
        if (from.exists(LabelsFile::fileName()) && !LabelsFile::exists(to))
            moveFile(from.filePath(LabelsFile::fileName()), to + QLatin1Char('/') + LabelsFile::fileName());
        for (const QString& record :
             from.entryList({QStringLiteral("seed-*.json")}, QDir::Files, QDir::Name)) {
            const QString base = QFileInfo(record).completeBaseName();
            const QString bin = base + QStringLiteral(".bin");
            // A seed being replaced disappears first, so its old record never meets the new .bin.
            removeFile(to + QLatin1Char('/') + record);
            if (from.exists(bin))
                moveFile(from.filePath(bin), to + QLatin1Char('/') + bin);
            moveFile(from.filePath(record), to + QLatin1Char('/') + record);
        }
    }
}

void ImportStaging::cleanStale(const QString& resultsFolder)
{
    const QDir results(resultsFolder);
    const QStringList stale =
        results.entryList({prefix() + QLatin1Char('*')}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString& name : stale) {
        const QString folder = results.filePath(name);
        ExperimentLock staging(folder);
        if (!staging.tryLock())
            continue; // an import that is still running
        if (QFileInfo::exists(folder + QLatin1Char('/') + completeMarker())) {
            // It was committed: finish it, under the locks of the experiments it touches.
            std::vector<std::unique_ptr<ExperimentLock>> locks;
            bool free = true;
            const QDir experiments(experimentsFolder(folder));
            for (const QString& experiment : experiments.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                locks.push_back(std::make_unique<ExperimentLock>(results.filePath(experiment)));
                free = free && locks.back()->tryLock();
            }
            if (!free)
                continue; // one of them is busy: the next import finishes it
            moveIntoPlace(folder, resultsFolder);
        }
        QDir(folder).removeRecursively();
    }
}

} // namespace seedscape
