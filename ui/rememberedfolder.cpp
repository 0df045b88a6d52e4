#include "rememberedfolder.h"

#include <QFileInfo>
#include <QSettings>

#include <utility>

namespace seedscape {

RememberedFolder::RememberedFolder(QString key) : m_key(std::move(key)) {}

QString RememberedFolder::startIn(const QString& fallback) const
{
    const QString folder = QSettings().value(m_key).toString();
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : fallback;
}

void RememberedFolder::remember(const QString& chosen) const
{
    if (chosen.isEmpty())
        return;
    const QFileInfo info(chosen);
    QSettings().setValue(m_key, info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QString RememberedFolder::datasetKey()
{
    return QStringLiteral("dialogs/datasetFolder");
}

QString RememberedFolder::workdirKey()
{
    return QStringLiteral("dialogs/workdirFolder");
}

} // namespace seedscape
