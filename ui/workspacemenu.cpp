#include "workspacemenu.h"

#include "rememberedfolder.h"

#include "common/storageerror.h"
#include "store/sampleworkspace.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace seedscape {

namespace {

constexpr int kRecentCount = 8;
const char* const kRecentKey = "workspaces/recent";

} // namespace

WorkspaceMenu::WorkspaceMenu(QWidget* window) : QMenu(tr("&Workspace"), window), m_window(window)
{
    addAction(tr("&New workspace…"), this, &WorkspaceMenu::chooseNew);
    addAction(tr("&Open or create…"), QKeySequence::Open, this, &WorkspaceMenu::chooseExisting);
    addAction(tr("Open &sample workspace"), this, &WorkspaceMenu::openSample);
    m_recent = addMenu(tr("&Recent"));
    addAction(tr("Re&load"), QKeySequence::Refresh, this, [this] {
        if (!m_current.isEmpty())
            Q_EMIT openRequested(m_current);
    });
    addSeparator();
    addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    rebuildRecent();
}

void WorkspaceMenu::setCurrent(const QString& folder)
{
    m_current = folder;
    QSettings settings;
    QStringList recent = settings.value(QString::fromLatin1(kRecentKey)).toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    settings.setValue(QString::fromLatin1(kRecentKey), recent.mid(0, kRecentCount));
    rebuildRecent();
}

void WorkspaceMenu::rebuildRecent()
{
    m_recent->clear();
    const QStringList recent = QSettings().value(QString::fromLatin1(kRecentKey)).toStringList();
    for (const QString& folder : recent)
        m_recent->addAction(folder, this, [this, folder] { Q_EMIT openRequested(folder); });
    m_recent->setEnabled(!recent.isEmpty());
}

void WorkspaceMenu::chooseExisting()
{
    // Beside the workspace open now, or where a workspace was last chosen.
    const RememberedFolder remembered(QStringLiteral("dialogs/workspaceFolder"));
    const QString start = m_current.isEmpty() ? remembered.startIn(QDir::homePath()) : m_current;
    const QString folder =
        QFileDialog::getExistingDirectory(m_window, tr("Open or create a workspace folder"), start);
    remembered.remember(folder);
    if (!folder.isEmpty())
        Q_EMIT openRequested(folder);
}

void WorkspaceMenu::openSample()
{
    const QString folder = SampleWorkspace::defaultFolder();
    try {
        SampleWorkspace::create(folder);
    } catch (const StorageError& e) {
        Q_EMIT message(e.message());
        return;
    }
    Q_EMIT openRequested(folder);
}

void WorkspaceMenu::chooseNew()
{
    const RememberedFolder remembered(QStringLiteral("dialogs/newWorkspaceFolder"));
    const QString folder = QFileDialog::getSaveFileName(
        m_window, tr("New workspace: name its folder"),
        remembered.startIn(QDir::homePath()) + QStringLiteral("/seedscape-workspace"), QString(), nullptr,
        QFileDialog::ShowDirsOnly);
    if (folder.isEmpty())
        return;
    remembered.remember(QFileInfo(folder).absolutePath());
    if (QFileInfo(folder).exists() && !QDir(folder).isEmpty()) {
        QMessageBox::warning(
            m_window, tr("New workspace"),
            tr("%1 already exists and is not empty. Use Workspace ▸ Open to open it.").arg(folder));
        return;
    }
    Q_EMIT openRequested(folder);
}

} // namespace seedscape
