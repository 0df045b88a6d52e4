#pragma once

#include "train/seedresult.h"

#include <QStringList>

#include <set>
#include <vector>

namespace seedscape {

// The stored seeds of one experiment (a workspace's results/NAME folder). Safe to use from
// several threads and processes at once: every seed is its own pair of atomically written files.
class ResultStore
{
public:
    explicit ResultStore(QString folder);

    QString folder() const { return m_folder; }
    void save(const SeedResult& result) const;

    // Every readable seed record, sorted by start time; damaged ones are named in problems.
    std::vector<SeedResult> load(bool withPredictions, QStringList* problems = nullptr) const;
    std::set<quint64> recordedSeeds() const; // finished and failed
    int finishedCount() const;
    std::optional<SeedResult> find(quint64 seed, bool withPredictions) const;

private:
    QString m_folder;
};

} // namespace seedscape
