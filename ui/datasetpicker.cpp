#include "datasetpicker.h"

#include "rememberedfolder.h"

#include "data/datasetspec.h"
#include "store/datasetimport.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QWidget>

namespace seedscape {

DatasetPicker::DatasetPicker(QWidget* owner)
    : QObject(owner), m_owner(owner), m_chooseFile([](QWidget* parent, const QString& start) {
          return QFileDialog::getOpenFileName(parent, tr("Choose a CSV file"), start,
                                              tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
      }),
      m_confirmCopy([owner](const QString& question) {
          return QMessageBox::question(owner, tr("Copy the data into the workspace?"), question,
                                       QMessageBox::Yes | QMessageBox::No,
                                       QMessageBox::Yes) == QMessageBox::Yes;
      })
{
}

QString DatasetPicker::choose(const QString& workspace, const QString& current)
{
    const RememberedFolder folder(RememberedFolder::datasetKey());
    const QString fallback =
        current.trimmed().isEmpty() ? workspace : DatasetSpec{current.trimmed()}.resolvedPath(workspace);
    const QString file = m_chooseFile(m_owner, folder.startIn(fallback));
    if (file.isEmpty())
        return {};
    folder.remember(file);
    if (workspace.isEmpty())
        return file;
    // Inside the workspace the path is kept relative, so the workspace can move as a whole.
    const QString relative = QDir(workspace).relativeFilePath(QFileInfo(file).absoluteFilePath());
    if (!relative.startsWith(QStringLiteral("..")) && !QDir::isAbsolutePath(relative))
        return relative;
    const QString question =
        tr("%1 is outside the workspace. Copy it into the workspace's datasets folder, so that the "
           "workspace holds its own data and can be moved or shared as one folder?\n\n"
           "No uses the file where it is.")
            .arg(QDir::toNativeSeparators(file));
    if (!m_confirmCopy(question))
        return file;
    try {
        return copyIntoWorkspace(workspace, file);
    } catch (const StorageError& e) {
        QMessageBox::warning(m_owner, tr("Could not copy the data"),
                             tr("%1\n\nThe experiment uses the file where it is.").arg(e.message()));
        return file;
    }
}

} // namespace seedscape
