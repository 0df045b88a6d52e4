#pragma once

#include "data/columnprofile.h"
#include "data/csvtable.h"
#include "data/datasetloader.h"
#include "data/datasetspec.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace seedscape {

struct PreparedData;

// Reads data files on a pool thread, never on the GUI thread, and hands the results back by
// queued signals: the first rows of a CSV for a preview, then what each of its columns holds over
// the whole file (the first rows of a sorted file hold one class), and the data prepared as an experiment
// says (through PreparedDataCache::shared(), so the views that show one experiment read its file
// once). Only the newest request of each kind is answered.
class DataLoader : public QObject
{
    Q_OBJECT

public:
    explicit DataLoader(QObject* parent = nullptr);
    ~DataLoader() override; // a whole-file read still running stops: nobody will take its answer

    void readPreview(const QString& file, int rows);
    // use: TargetOnly for a command experiment, whose other columns may hold anything.
    void prepare(const QString& file, const DatasetSpec& spec,
                 DatasetLoader::Use use = DatasetLoader::Use::Features);
    void cancel(); // requests in flight go unanswered

Q_SIGNALS:
    void previewRead(const QString& file, const CsvTable& table);
    void previewFailed(const QString& file, const QString& message);
    // After previewRead, when the whole file reads (a file that does not is previewFailed's).
    void profiled(const QString& file, const std::vector<ColumnProfile>& columns, int rows);
    // The whole-file read after previewRead gave up: a newer request came before its end.
    void profileStopped(const QString& file);
    void prepared(const QString& file, const DatasetSpec& spec, std::shared_ptr<const PreparedData> data);
    void prepareFailed(const QString& file, const DatasetSpec& spec, const QString& message);

private:
    void profile(const QString& file, int request); // the whole file's columns, after its first rows

    int m_previewRequest = 0, m_prepareRequest = 0; // the newest of each kind
    // m_previewRequest, for the pool thread that reads a whole file: an older request stops.
    std::shared_ptr<std::atomic_int> m_newestPreview = std::make_shared<std::atomic_int>(0);
};

} // namespace seedscape
