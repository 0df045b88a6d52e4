#include "resultstore.h"

#include "common/inputerror.h"
#include "seedresultfile.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace seedscape {

ResultStore::ResultStore(QString folder) : m_folder(std::move(folder)) {}

void ResultStore::save(const SeedResult& result) const
{
    SeedResultFile::write(result, m_folder);
}

std::vector<SeedResult> ResultStore::load(bool withPredictions, QStringList* problems) const
{
    std::vector<SeedResult> results;
    const QDir dir(m_folder);
    for (const QString& name : dir.entryList({QStringLiteral("seed-*.json")}, QDir::Files, QDir::Name)) {
        try {
            results.push_back(SeedResultFile::read(dir.filePath(name), withPredictions));
        } catch (const InputError& e) {
            if (problems)
                *problems << e.message();
        }
    }
    std::stable_sort(results.begin(), results.end(),
                     [](const SeedResult& a, const SeedResult& b) { return a.startedAt < b.startedAt; });
    return results;
}

std::set<quint64> ResultStore::recordedSeeds() const
{
    std::set<quint64> seeds;
    for (const SeedResult& r : load(false))
        seeds.insert(r.seed);
    return seeds;
}

int ResultStore::finishedCount() const
{
    const auto results = load(false);
    return static_cast<int>(
        std::count_if(results.begin(), results.end(), [](const SeedResult& r) { return r.isFinished(); }));
}

std::optional<SeedResult> ResultStore::find(quint64 seed, bool withPredictions) const
{
    const QString path = m_folder + QLatin1Char('/') + SeedResultFile::jsonName(seed);
    if (!QFileInfo::exists(path))
        return std::nullopt;
    return SeedResultFile::read(path, withPredictions);
}

} // namespace seedscape
