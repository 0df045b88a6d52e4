#include "dataloader.h"

#include "common/inputerror.h"
#include "data/csvreader.h"
#include "data/prepareddatacache.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include <optional>

namespace seedscape {

namespace {

// Runs work on the pool and then deliver(result or error) on the GUI thread, if the loader lives.
template <typename Result, typename Work, typename Deliver>
void runAway(QPointer<DataLoader> loader, Work work, Deliver deliver)
{
    QThreadPool::globalInstance()->start([loader, work = std::move(work), deliver = std::move(deliver)] {
        auto result = std::make_shared<Result>();
        std::optional<QString> error;
        try {
            *result = work();
        } catch (const InputError& e) {
            error = e.message();
        } catch (const std::exception& e) { // a pool thread must not throw
            error = QString::fromLocal8Bit(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [loader, deliver, result, error] {
                if (loader)
                    deliver(loader.data(), std::move(*result), error);
            },
            Qt::QueuedConnection);
    });
}

} // namespace

DataLoader::DataLoader(QObject* parent) : QObject(parent) {}

DataLoader::~DataLoader()
{
    *m_newestPreview = -1; // no request has this number
}

void DataLoader::cancel()
{
    *m_newestPreview = ++m_previewRequest;
    ++m_prepareRequest;
}

void DataLoader::readPreview(const QString& file, int rows)
{
    const int request = ++m_previewRequest;
    *m_newestPreview = request;
    runAway<CsvTable>(
        this, [file, rows] { return CsvReader::readPreview(file, rows); },
        [file, request](DataLoader* self, CsvTable table, const std::optional<QString>& error) {
            if (request != self->m_previewRequest)
                return;
            if (error) {
                Q_EMIT self->previewFailed(file, *error);
                return;
            }
            Q_EMIT self->previewRead(file, table);
            // Only now, and only if still wanted: answered before the rows, the profile met the
            // last file's table, and the rows that followed reset it.
            if (request == self->m_previewRequest) // a slot may have asked for another file meanwhile
                self->profile(file, request);
        });
}

void DataLoader::profile(const QString& file, int request)
{
    struct Profiles
    {
        std::vector<ColumnProfile> columns;
        int rows = 0;
        bool stopped = false;
    };
    runAway<Profiles>(
        this,
        [file, request, newest = m_newestPreview] {
            Profiles p;
            // A file nobody previews any more is not read to its end.
            try {
                p.columns = ColumnProfile::profileFile(file, &p.rows, [&] { return *newest == request; });
            } catch (const CsvReader::Stopped&) {
                p.stopped = true;
            }
            return p;
        },
        [file, request](DataLoader* self, Profiles profiles, const std::optional<QString>& error) {
            if (profiles.stopped)
                Q_EMIT self->profileStopped(file);
            else if (request == self->m_previewRequest && !error)
                Q_EMIT self->profiled(file, profiles.columns, profiles.rows);
        });
}

void DataLoader::prepare(const QString& file, const DatasetSpec& spec, DatasetLoader::Use use)
{
    const int request = ++m_prepareRequest;
    runAway<std::shared_ptr<const PreparedData>>(
        this, [file, spec, use] { return PreparedDataCache::shared().get(file, spec, use); },
        [file, spec, request](DataLoader* self, std::shared_ptr<const PreparedData> data,
                              const std::optional<QString>& error) {
            if (request != self->m_prepareRequest)
                return;
            if (!error)
                Q_EMIT self->prepared(file, spec, std::move(data));
            else
                Q_EMIT self->prepareFailed(file, spec, *error);
        });
}

} // namespace seedscape
