#pragma once

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace seedscape {

struct WorkspaceSnapshot;

// Keeps the window's picture of a workspace's results current: watches the workspace folder and
// each experiment file in it (a file written in place changes no folder), and results/ with each
// experiment's folder, coalesces bursts of changes, and
// builds a WorkspaceSnapshot on a pool thread, handed over by a queued call. Seeds written by a
// sweep here or by seedscape-cli in another process show up the same way.
class WorkspaceWatcher : public QObject
{
    Q_OBJECT

public:
    // What a snapshot is built for, asked at the moment it starts: the selected experiment (its
    // metric is the plots') and the experiments the plots leave out.
    struct Focus
    {
        QString selected;
        QSet<QString> hidden;
    };

    WorkspaceWatcher(std::function<Focus()> focus, QObject* parent = nullptr);

    // Watches this folder from now on (empty: none).
    void watch(const QString& workspaceFolder);
    // A refresh a moment from now; several asked within the moment give one.
    void refreshSoon();
    // A refresh now; an older one still in flight is dropped when it ends.
    void refreshNow();

Q_SIGNALS:
    // An experiment file was added, changed or removed; sent just before the refresh that follows.
    void experimentFilesChanged();
    void snapshotReady(std::shared_ptr<WorkspaceSnapshot> snapshot);

private:
    void watchWorkspace(); // the folder, its experiment files, results/ and each folder in it

    std::function<Focus()> m_focus;
    QString m_folder;
    QFileSystemWatcher* m_watcher;
    QTimer* m_refreshTimer; // coalesces bursts of file changes into one refresh
    int m_generation = 0;   // the newest refresh wins when several are in flight
    bool m_experimentsChanged = false;
};

} // namespace seedscape
