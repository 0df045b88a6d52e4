#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
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

// What a program the test ran said: its exit code (-1: it crashed or did not end in time).
struct ProgramOutput
{
    int exitCode = -1;
    QByteArray out, err;
};
// Runs a program to its end (at most two minutes), in env when one is given.
ProgramOutput runProgram(const QString& program, const QStringList& args,
                         const QProcessEnvironment& env = {});
// The same for the built seedscape-cli (the test must depend on it: add_dependencies).
ProgramOutput runCli(const QStringList& args, const QProcessEnvironment& env = {});

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
