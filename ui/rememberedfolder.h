#pragma once

#include <QString>

namespace seedscape {

// The folder a file dialog was last left in, kept in QSettings under key (e.g.
// "dialogs/datasetFolder"), so that the next dialog of its kind opens there, in this session or
// the next.
class RememberedFolder
{
public:
    explicit RememberedFolder(QString key);

    // Where the dialog starts: the folder chosen last while it still exists, else fallback.
    QString startIn(const QString& fallback) const;
    // Keeps the folder of a chosen file, or a chosen folder itself.
    void remember(const QString& chosen) const;

    static QString datasetKey();
    static QString workdirKey();

private:
    QString m_key;
};

} // namespace seedscape
