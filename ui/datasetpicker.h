#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace seedscape {

// The editor's "Choose…" for the data file. The dialog opens in the folder chosen last
// (RememberedFolder). A file from outside the workspace can be copied into WORKSPACE/datasets/
// (copyIntoWorkspace; the user is asked), so the workspace holds its own data and can move as one
// folder. Paths inside the workspace are stored relative to it, others absolute.
class DatasetPicker : public QObject
{
    Q_OBJECT

public:
    // Asks for a file, starting in start; empty when the user cancels.
    using FileChooser = std::function<QString(QWidget* parent, const QString& start)>;
    // Asks a yes/no question (the copy offer); true for yes.
    using Confirmation = std::function<bool(const QString& question)>;

    explicit DatasetPicker(QWidget* owner);

    // Tests answer instead of the file dialog and the message box.
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    void setCopyConfirmation(Confirmation confirm) { m_confirmCopy = std::move(confirm); }

    // Asks for the data file of an experiment of workspace whose dataset.path is now current, and
    // returns what dataset.path should become; empty when the user cancels.
    QString choose(const QString& workspace, const QString& current);

private:
    QWidget* m_owner;
    FileChooser m_chooseFile;
    Confirmation m_confirmCopy;
};

} // namespace seedscape
