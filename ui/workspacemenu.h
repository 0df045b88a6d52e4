#pragma once

#include <QMenu>

namespace seedscape {

// The Workspace menu: new, open or create, the sample workspace, the recently opened ones (kept
// in QSettings), reload and quit. It asks the window to open a folder; it opens nothing itself.
class WorkspaceMenu : public QMenu
{
    Q_OBJECT

public:
    explicit WorkspaceMenu(QWidget* window);

    // The workspace now open: first of the recent ones, where the Open dialog starts, what Reload opens.
    void setCurrent(const QString& folder);

Q_SIGNALS:
    void openRequested(const QString& folder);
    void message(const QString& text); // why the sample workspace could not be made

private:
    void chooseNew();
    void chooseExisting();
    void openSample();
    void rebuildRecent();

    QWidget* m_window;
    QMenu* m_recent;
    QString m_current;
};

} // namespace seedscape
