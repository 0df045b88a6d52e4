#include "workspacewatcher.h"

#include "workspacesnapshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileSystemWatcher>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

namespace seedscape {

namespace {

constexpr int kRefreshDelayMs = 150; // files arrive in pairs and bursts: wait for the burst to end

} // namespace

WorkspaceWatcher::WorkspaceWatcher(std::function<Focus()> focus, QObject* parent)
    : QObject(parent), m_focus(std::move(focus)), m_watcher(new QFileSystemWatcher(this)),
      m_refreshTimer(new QTimer(this))
{
    m_refreshTimer->setObjectName(QStringLiteral("refreshTimer"));
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &WorkspaceWatcher::refreshNow);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString& folder) {
        // A file added or removed, or an experiment's results folder (an import, a rename or delete
        // of an imported experiment): the list of experiments may have changed.
        if (folder == m_folder || folder == m_folder + QStringLiteral("/results"))
            m_experimentsChanged = true;
        watchWorkspace(); // a new experiment file or results folder
        m_refreshTimer->start();
    });
    // A file written in place (an editor, a script) changes no folder: each file is watched too.
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        m_experimentsChanged = true;
        watchWorkspace(); // a file replaced by a rename is no longer watched
        m_refreshTimer->start();
    });
}

void WorkspaceWatcher::watch(const QString& workspaceFolder)
{
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    m_folder = workspaceFolder;
    m_experimentsChanged = false;
    if (!m_folder.isEmpty())
        watchWorkspace();
}

void WorkspaceWatcher::watchWorkspace()
{
    const QString results = m_folder + QStringLiteral("/results");
    QDir().mkpath(results);
    QStringList folders = {m_folder, results};
    for (const QString& name : QDir(results).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        folders << results + QLatin1Char('/') + name;
    const QStringList watched = m_watcher->directories() + m_watcher->files();
    for (const QString& file : QDir(m_folder).entryList({QStringLiteral("*.experiment.json")}, QDir::Files))
        folders << m_folder + QLatin1Char('/') + file;
    QStringList missing;
    for (const QString& path : folders)
        if (!watched.contains(path))
            missing << path;
    if (!missing.isEmpty())
        m_watcher->addPaths(missing);
}

void WorkspaceWatcher::refreshSoon()
{
    m_refreshTimer->start();
}

void WorkspaceWatcher::refreshNow()
{
    m_refreshTimer->stop();
    if (m_experimentsChanged) {
        m_experimentsChanged = false;
        Q_EMIT experimentFilesChanged();
    }
    // Reading results and scoring ensembles happen on a pool thread; only drawing happens here.
    const Focus focus = m_focus();
    const QString folder = m_folder;
    const int generation = ++m_generation;
    QPointer<WorkspaceWatcher> self(this);
    QThreadPool::globalInstance()->start([self, folder, generation, focus] {
        auto snapshot = std::make_shared<WorkspaceSnapshot>(
            WorkspaceSnapshot::build(folder, focus.selected, focus.hidden));
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, snapshot] {
                if (self && generation == self->m_generation) // a newer refresh is on its way otherwise
                    Q_EMIT self->snapshotReady(snapshot);
            },
            Qt::QueuedConnection);
    });
}

} // namespace seedscape
