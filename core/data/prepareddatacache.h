#pragma once

#include "preparedata.h"

#include <QDateTime>

#include <deque>
#include <future>
#include <memory>
#include <mutex>

namespace seedscape {

// Prepared data kept by file path, file size, modification time and dataset settings, so that
// showing, checking and training one experiment read its file once. Thread-safe: threads that ask
// for the same data at the same time wait for one read.
class PreparedDataCache
{
public:
    explicit PreparedDataCache(int capacity = 8);

    // The data at resolvedPath prepared as spec and use say: from the cache while the file keeps its
    // size and modification time, else read and prepared. Throws InputError (failures are not kept).
    std::shared_ptr<const PreparedData> get(const QString& resolvedPath, const DatasetSpec& spec,
                                            DatasetLoader::Use use = DatasetLoader::Use::Features);
    int reads() const; // how many times a file was read and prepared

    // The cache the window's views share.
    static PreparedDataCache& shared();

private:
    struct Entry
    {
        quint64 id = 0;
        QString path;
        qint64 size = 0;
        QDateTime modified;
        DatasetSpec spec;
        DatasetLoader::Use use = DatasetLoader::Use::Features;
        std::shared_future<std::shared_ptr<const PreparedData>> data;
    };

    const size_t m_capacity;
    mutable std::mutex m_mutex;
    std::deque<Entry> m_entries; // the most recently used first
    int m_reads = 0;
    quint64 m_lastId = 0;
};

} // namespace seedscape
