#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QTableView;

namespace seedscape {

class CsvPreviewModel;
class DataLoader;
struct PreparedData;
struct WorkspaceEntry;

// The Data tab: what the selected experiment's data holds (rows, features, task, split, metric,
// the loader's warnings) above a preview of the file's first rows. The file is read on a pool
// thread; the tab says so until the answer arrives.
class DatasetPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DatasetPanel(QWidget* parent = nullptr);

    // Shows an experiment of the workspace (none for nullptr).
    void showEntry(const QString& workspaceFolder, const WorkspaceEntry* entry);
    QString summary() const; // rich text
    CsvPreviewModel* previewModel() const { return m_preview; }

private:
    void showPrepared(std::shared_ptr<const PreparedData> data);
    void showError(const QString& message);

    DataLoader* m_loader;
    CsvPreviewModel* m_preview;
    QLabel* m_summary;
    QTableView* m_previewView;
    std::unique_ptr<WorkspaceEntry> m_entry; // the experiment shown
    QString m_file;
};

} // namespace seedscape
