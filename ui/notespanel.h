#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;

namespace seedscape {

struct WorkspaceEntry;

// The Notes tab: the selected experiment's tags and free-text notes, saved into its experiment file
// a moment after typing stops. They never change what its seeds mean (they are outside the
// fingerprint), so they can be edited while seeds are stored or running.
class NotesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit NotesPanel(QWidget* parent = nullptr);

    // Shows an experiment (none for nullptr), saving a waiting edit of the previous one first.
    void showEntry(const QString& workspaceFolder, const WorkspaceEntry* entry);
    void saveNow();
    // Every tag used in the workspace, offered as the user types.
    void setKnownTags(const QStringList& tags);
    QLineEdit* tagsEdit() const { return m_tags; }
    QPlainTextEdit* notesEdit() const { return m_notes; }
    QString status() const;
    // "a, b ,, c" → {"a", "b", "c"}: trimmed, empty ones and repeats left out.
    static QStringList parseTags(const QString& text);

Q_SIGNALS:
    // Before the file is written: the window saves the Definition tab's waiting edit, so the two
    // never write over each other.
    void aboutToSave(const QString& experiment);
    void saved(const QString& experiment);

private:
    void edited();
    void save();

    QString m_workspace;
    QString m_experiment; // empty: nothing shown
    QLineEdit* m_tags;
    QPlainTextEdit* m_notes;
    QLabel* m_status;
    QTimer* m_autosave;
    bool m_filling = false;
    bool m_dirty = false;  // typed and not yet saved (a refused tag keeps it so)
    bool m_saving = false; // while save() runs: a re-read of the same experiment changes nothing
};

} // namespace seedscape
