#pragma once

#include <QByteArray>
#include <QString>

namespace seedscape {

// How the window looked in a workspace, kept in QSettings under workspaces/window/<base64 path>
// (the scheme of the Slurm dialog's settings), so that each workspace opens as it was left.
struct WindowMemory
{
    QByteArray geometry; // QMainWindow::saveGeometry
    QByteArray docks;    // QMainWindow::saveState: toolbars and the Runs dock
    QByteArray splitter; // the table above the tabs
    QByteArray columns;  // the experiments table's header: widths and sort
    QString experiment;  // the selected one, by name: rows move when files change
    QString tab;         // the current tab, by its object name: tabs are added between versions

    static WindowMemory load(const QString& workspace);
    void save(const QString& workspace) const;
};

} // namespace seedscape
