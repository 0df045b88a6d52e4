#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTest>

namespace seedscape::testsupport {

// What the command-experiment and Slurm tests ask about the programs they start and the files
// those leave, from /proc and the file system.

// Alive: the process exists and has not ended (a zombie has ended; it only waits to be reaped).
bool processAlive(qint64 pid);
// Its state letter in /proc/PID/stat: R, S, T (stopped), Z, …; '?' when there is none.
char processState(qint64 pid);
// The pids of the files a program named after its pid in folder (fake_trainer.py --pid-dir).
QList<qint64> pidFilesIn(const QString& folder);
// A file's bytes; empty when it cannot be read.
QByteArray fileContents(const QString& path);

// Polls condition, running the event loop between tries, until it holds or ms pass.
template <typename Condition> bool waitUntil(Condition condition, int ms, int pollMs = 50)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > ms)
            return false;
        QTest::qWait(pollMs);
    }
    return true;
}

} // namespace seedscape::testsupport
