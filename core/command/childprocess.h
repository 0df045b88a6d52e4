#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

#include <sys/types.h>

namespace seedscape {

// A program run in a process group of its own, whose output is read line by line, and which never
// outlives us. Between us and the program sits a small supervisor (a fork of this process that
// only waits): if we die, even by SIGKILL, the kernel tells it (Linux's parent-death signal) and it
// ends the program's whole group, SIGTERM first and SIGKILL 10 s later. Linux only.
class ChildProcess
{
public:
    struct Spec
    {
        QString program;       // the executable's path (CommandSpec::findProgram)
        QStringList arguments; // without the program
        QString workdir;
        QStringList environment; // the whole environment, "NAME=value"
    };
    enum class Stream
    {
        Out,
        Err
    };
    using LineHandler = std::function<void(Stream, const QByteArray& line)>;

    // Starts the program; throws std::runtime_error when it cannot (no fork, or exec failed, e.g. a
    // program that is not executable).
    explicit ChildProcess(const Spec& spec);
    ~ChildProcess(); // kills a program still running and waits for it
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Waits up to timeoutMs for output, hands every complete line to onLine, and notices the end.
    void poll(int timeoutMs, const LineHandler& onLine);
    bool hasEnded() const { return m_ended; }
    // After the end: the exit code, or -1 when a signal ended it (see signal()).
    int exitCode() const { return m_exitCode; }
    int signal() const { return m_signal; }
    // "exited with code 3", "was killed by signal 9 (SIGKILL)": read after "the program".
    QString endDescription() const;

    // To the whole group: ask it to end (SIGTERM, and SIGCONT so that a stopped one hears it),
    // end it (SIGKILL), stop (SIGSTOP) or continue (SIGCONT) it.
    void terminate();
    void kill();
    void pauseGroup();
    void resumeGroup();
    // terminate(), then kill() once graceMs have passed without an end; reads output meanwhile.
    void stop(int graceMs, const LineHandler& onLine);

    static constexpr int kGraceMilliseconds = 10000;
    static constexpr int kMaxLineBytes = 65536; // a longer line is cut into pieces

private:
    void signalGroup(int signal);
    void reapIfEnded(const LineHandler& onLine);
    void readAvailable(int index, const LineHandler& onLine);
    void flushPartial(const LineHandler& onLine);

    pid_t m_supervisor = -1; // also the process group's id
    int m_fds[2] = {-1, -1}; // the program's stdout and stderr
    int m_statusFd = -1;     // the supervisor reports exec failures and the program's end here
    QByteArray m_partial[2];
    bool m_ended = false;
    int m_exitCode = -1;
    int m_signal = 0;
};

} // namespace seedscape
