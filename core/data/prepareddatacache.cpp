#include "prepareddatacache.h"

#include <QFileInfo>

#include <algorithm>

namespace seedscape {

PreparedDataCache::PreparedDataCache(int capacity) : m_capacity(static_cast<size_t>(std::max(1, capacity))) {}

PreparedDataCache& PreparedDataCache::shared()
{
    static PreparedDataCache cache;
    return cache;
}

std::shared_ptr<const PreparedData> PreparedDataCache::get(const QString& resolvedPath,
                                                           const DatasetSpec& spec, DatasetLoader::Use use)
{
    const QFileInfo file(resolvedPath);
    if (!file.isFile()) // nothing to key on: prepare says what is wrong
        return std::make_shared<const PreparedData>(PreparedData::prepare(resolvedPath, spec, use));
    const qint64 size = file.size();
    const QDateTime modified = file.lastModified();

    std::promise<std::shared_ptr<const PreparedData>> promise;
    std::shared_future<std::shared_ptr<const PreparedData>> future;
    quint64 reading = 0; // the entry this thread reads; others asking meanwhile wait for it
    {
        const std::lock_guard lock(m_mutex);
        const auto found = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) {
            return e.path == resolvedPath && e.size == size && e.modified == modified && e.spec == spec &&
                   e.use == use;
        });
        if (found != m_entries.end()) {
            future = found->data;
            std::rotate(m_entries.begin(), found, found + 1); // most recently used first
        } else {
            // An older version of the same file and settings is of no more use.
            std::erase_if(m_entries, [&](const Entry& e) {
                return e.path == resolvedPath && e.spec == spec && e.use == use;
            });
            future = promise.get_future().share();
            reading = ++m_lastId;
            m_entries.push_front({reading, resolvedPath, size, modified, spec, use, future});
            if (m_entries.size() > m_capacity)
                m_entries.pop_back();
            ++m_reads;
        }
    }
    if (reading != 0) {
        try {
            promise.set_value(
                std::make_shared<const PreparedData>(PreparedData::prepare(resolvedPath, spec, use)));
        } catch (...) {
            {
                const std::lock_guard lock(m_mutex);
                std::erase_if(m_entries, [&](const Entry& e) { return e.id == reading; });
            }
            promise.set_exception(std::current_exception());
        }
    }
    return future.get();
}

int PreparedDataCache::reads() const
{
    const std::lock_guard lock(m_mutex);
    return m_reads;
}

} // namespace seedscape
