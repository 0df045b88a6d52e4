#include "resultstore.h"

#include "common/inputerror.h"
#include "common/parallelfor.h"
#include "common/storageerror.h"
#include "seedresultfile.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace seedscape {

namespace {

QStringList recordNames(const QString& folder)
{
    return QDir(folder).entryList({QStringLiteral("seed-*.json")}, QDir::Files, QDir::Name);
}

void sortByStart(std::vector<SeedResult>& results)
{
    std::stable_sort(results.begin(), results.end(),
                     [](const SeedResult& a, const SeedResult& b) { return a.startedAt < b.startedAt; });
}

void move(const QString& from, const QString& to)
{
    if (!QDir().rename(from, to))
        throw StorageError(QStringLiteral("%1: cannot move it to %2").arg(from, to));
}

} // namespace

ResultStore::ResultStore(QString folder) : m_folder(std::move(folder)) {}

void ResultStore::save(const SeedResult& result) const
{
    SeedResultFile::write(result, m_folder);
}

std::vector<quint64> ResultStore::groupOf(const SeedResult& member) const
{
    const SeedResult::Group& group = member.group;
    if (group.size < 1)
        return {};
    std::vector<quint64> seeds(static_cast<size_t>(group.size), 0);
    std::vector<char> placed(seeds.size(), 0);
    int found = 0;
    for (const SeedResult& r : usable()) {
        const size_t place = static_cast<size_t>(r.group.index);
        if (r.group.firstSeed == group.firstSeed && r.group.size == group.size && !placed[place]) {
            seeds[place] = r.seed;
            placed[place] = 1;
            ++found;
        }
    }
    return found == group.size ? seeds : std::vector<quint64>{};
}

QStringList ResultStore::saveAll(const std::vector<const SeedResult*>& results) const
{
    std::vector<QString> problems(results.size()); // each call writes only its own item
    const size_t writers = std::min(kMaxWriters, (results.size() + kSeedsPerWriter - 1) / kSeedsPerWriter);
    parallelFor(results.size(), writers, [&](size_t i) {
        try {
            save(*results[i]);
        } catch (const StorageError& e) {
            problems[i] = e.message();
        } catch (const std::exception& e) { // never let an exception end a writer thread
            problems[i] = QStringLiteral("%1: seed %2 was not saved: %3")
                              .arg(m_folder)
                              .arg(results[i]->seed)
                              .arg(QString::fromUtf8(e.what()));
        }
    });
    return QStringList(problems.begin(), problems.end());
}

std::vector<SeedResult> ResultStore::read(bool keepPredictions, std::vector<DamagedSeed>* damaged) const
{
    std::vector<SeedResult> results;
    const QDir dir(m_folder);
    for (const QString& name : recordNames(m_folder)) {
        try {
            SeedResult r = SeedResultFile::read(dir.filePath(name), true);
            if (!keepPredictions) {
                r.validationPredictions = {};
                r.testPredictions = {};
            }
            results.push_back(std::move(r));
        } catch (const InputError& e) {
            if (damaged)
                damaged->push_back({dir.filePath(name), e.message()});
        }
    }
    sortByStart(results);
    return results;
}

std::vector<SeedResult> ResultStore::load(bool withPredictions, QStringList* problems) const
{
    if (withPredictions) {
        std::vector<DamagedSeed> damaged;
        std::vector<SeedResult> results = read(true, &damaged);
        if (problems)
            for (const DamagedSeed& d : damaged)
                *problems << d.problem;
        return results;
    }
    std::vector<SeedResult> results;
    const QDir dir(m_folder);
    for (const QString& name : recordNames(m_folder)) {
        try {
            results.push_back(SeedResultFile::read(dir.filePath(name), false));
        } catch (const InputError& e) {
            if (problems)
                *problems << e.message();
        }
    }
    sortByStart(results);
    return results;
}

std::vector<SeedResult> ResultStore::usable() const
{
    return read(false, nullptr);
}

std::set<quint64> ResultStore::recordedSeeds() const
{
    std::set<quint64> seeds;
    for (const SeedResult& r : usable())
        seeds.insert(r.seed);
    return seeds;
}

std::set<quint64> ResultStore::finishedSeeds() const
{
    std::set<quint64> seeds;
    for (const SeedResult& r : usable())
        if (r.isFinished())
            seeds.insert(r.seed);
    return seeds;
}

int ResultStore::finishedCount() const
{
    return static_cast<int>(finishedSeeds().size());
}

bool ResultStore::hasOnlyFailedSeeds() const
{
    const QDir dir(m_folder);
    bool failed = false;
    for (const QString& name : recordNames(m_folder)) {
        try {
            if (SeedResultFile::read(dir.filePath(name), false).isFinished())
                return false;
            failed = true;
        } catch (const InputError&) {
            // A damaged record is neither: the next sweep sets it aside.
        }
    }
    return failed;
}

std::optional<SeedResult> ResultStore::find(quint64 seed, bool withPredictions) const
{
    const QString path = m_folder + QLatin1Char('/') + SeedResultFile::jsonName(seed);
    if (!QFileInfo::exists(path))
        return std::nullopt;
    return SeedResultFile::read(path, withPredictions);
}

std::vector<DamagedSeed> ResultStore::damaged() const
{
    std::vector<DamagedSeed> damaged;
    read(false, &damaged);
    return damaged;
}

QString ResultStore::damagedFolderName()
{
    return QStringLiteral("damaged");
}

std::vector<DamagedSeed> ResultStore::setAsideDamaged() const
{
    const std::vector<DamagedSeed> found = damaged();
    if (found.empty())
        return found;
    const QDir aside(m_folder + QLatin1Char('/') + damagedFolderName());
    if (!QDir().mkpath(aside.path()))
        throw StorageError(QStringLiteral("%1: cannot create the folder").arg(aside.path()));
    for (const DamagedSeed& d : found) {
        const QString base = QFileInfo(d.file).completeBaseName(); // seed-S
        const QString bin =
            QFileInfo(d.file).absolutePath() + QLatin1Char('/') + base + QStringLiteral(".bin");
        // A seed set aside before keeps its files: this one gets a number.
        QString target = base;
        for (int n = 2;
             aside.exists(target + QStringLiteral(".json")) || aside.exists(target + QStringLiteral(".bin"));
             ++n)
            target = QStringLiteral("%1-%2").arg(base).arg(n);
        // The record first: once it is gone the seed is no longer stored; a .bin left behind is ignored.
        move(d.file, aside.filePath(target + QStringLiteral(".json")));
        if (QFileInfo::exists(bin))
            move(bin, aside.filePath(target + QStringLiteral(".bin")));
    }
    return found;
}

} // namespace seedscape
