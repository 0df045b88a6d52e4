#pragma once

#include <QString>

namespace seedscape {

// One sweep per experiment at a time, across processes: an OS lock (flock) on
// results/NAME/sweep.lock. The operating system releases it when the holding process ends in any
// way, so a killed run never leaves an experiment locked. The file also names the holder.
class ExperimentLock
{
public:
    explicit ExperimentLock(QString resultsFolder);
    ~ExperimentLock(); // releases
    ExperimentLock(const ExperimentLock&) = delete;
    ExperimentLock& operator=(const ExperimentLock&) = delete;

    // Takes the lock without waiting; false while another holder has it. Throws StorageError when
    // the lock file cannot be created.
    bool tryLock();
    void unlock();
    bool isLocked() const { return m_fd >= 0; }
    // Who holds it, as its holder wrote it ("pid 1234 on host"); empty when unknown.
    QString holder() const;

    static QString fileName();

private:
    QString m_path;
    int m_fd = -1;
};

} // namespace seedscape
