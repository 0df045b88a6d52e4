#pragma once

#include "experimentlock.h"

#include <QString>

#include <memory>

namespace seedscape {

// Where an import writes before anything is visible: WORKSPACE/results/.import-XXXXXX/, one folder
// per experiment inside. Readers skip hidden folders, so nothing staged is ever read as results.
// The staging folder is locked (flock) while its import runs. commit() marks it complete, then moves
// every file into results/NAME/ (labels.json when the experiment has none, then each seed's .bin
// and its record, the record last as a seed's commit mark). A folder left by a process that died
// is finished by the next import when it was complete, and removed when it was not.
class ImportStaging
{
public:
    // Creates the staging folder after dealing with stale ones. Throws StorageError.
    explicit ImportStaging(const QString& workspaceFolder);
    ~ImportStaging(); // removes the staging folder unless it was committed
    ImportStaging(const ImportStaging&) = delete;
    ImportStaging& operator=(const ImportStaging&) = delete;

    // Where to write an experiment's labels and seeds.
    QString experimentFolder(const QString& name) const;
    // Moves everything into place. The caller holds every experiment's ExperimentLock and has
    // checked that nothing would be replaced that may not be. Throws StorageError.
    void commit();

    static QString prefix(); // ".import-"

private:
    // Moves one staged folder's experiments into results/; with their locks taken by the caller.
    static void moveIntoPlace(const QString& stagingFolder, const QString& resultsFolder);
    // Finishes or removes what imports that died left behind.
    static void cleanStale(const QString& resultsFolder);

    QString m_resultsFolder;
    QString m_folder;
    std::unique_ptr<ExperimentLock> m_lock;
    bool m_committed = false;
};

} // namespace seedscape
