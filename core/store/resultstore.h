#pragma once

#include "train/seedresult.h"

#include <QStringList>

#include <optional>
#include <set>
#include <vector>

namespace seedscape {

// A stored seed that cannot be used: its record is unreadable, has fields of the wrong type or
// names another seed, or its predictions file is missing or differs from the record's size and hash.
struct DamagedSeed
{
    QString file;    // the record, results/NAME/seed-S.json
    QString problem; // what is wrong, naming the file and field at fault
};

// The stored seeds of one experiment (a workspace's results/NAME folder). Safe to use from
// several threads and processes at once: every seed is its own pair of atomically written files.
class ResultStore
{
public:
    explicit ResultStore(QString folder);

    QString folder() const { return m_folder; }
    void save(const SeedResult& result) const;
    // Saves seeds at once from several threads: each write waits mostly on the disk's flush, and a
    // disk flushes many files together about as fast as one. Returns, for each seed, what went
    // wrong (a StorageError's message), or an empty string where it was saved.
    QStringList saveAll(const std::vector<const SeedResult*>& results) const;

    // Every readable seed record, sorted by start time; damaged ones are named in problems.
    // Without predictions the .bin files are not read, so a damaged one goes unnoticed: use
    // usable() or damaged() where that matters.
    std::vector<SeedResult> load(bool withPredictions, QStringList* problems = nullptr) const;
    // Finished and failed seeds whose records and predictions are intact, without predictions.
    std::vector<SeedResult> usable() const;
    // Usable, finished and failed: a damaged seed may be trained again.
    std::set<quint64> recordedSeeds() const;
    std::set<quint64> finishedSeeds() const; // usable finished seeds
    int finishedCount() const;
    // Seeds are recorded and every one failed (records only, read until a finished one shows).
    bool hasOnlyFailedSeeds() const;
    std::optional<SeedResult> find(quint64 seed, bool withPredictions) const;
    // The seeds that trained in one group with `member` (a GPU seed), in their places, from their
    // records; empty when it has no group or a record of its group is missing or damaged.
    std::vector<quint64> groupOf(const SeedResult& member) const;

    // Every record checked with its predictions (the only way to find damage), sorted by start
    // time; the damaged ones go to damaged when it is given.
    std::vector<SeedResult> read(bool keepPredictions, std::vector<DamagedSeed>* damaged) const;
    std::vector<DamagedSeed> damaged() const;
    // Moves every damaged seed's files into the damaged/ folder beside them, where no reader looks,
    // so that a sweep trains replacements; returns what it moved. Throws StorageError.
    std::vector<DamagedSeed> setAsideDamaged() const;
    static QString damagedFolderName();

    // saveAll's threads: one per 8 seeds, at most 8.
    static constexpr size_t kSeedsPerWriter = 8, kMaxWriters = 8;

private:
    QString m_folder;
};

} // namespace seedscape
