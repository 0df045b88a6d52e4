#include "childprocess.h"

#include <QElapsedTimer>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace seedscape {

namespace {

// The supervisor's reports on its status pipe: a kind and a number, 5 bytes.
constexpr char kExecOk = 'X';      // the program started
constexpr char kExecFailed = 'E';  // errno of execve
constexpr char kChdirFailed = 'C'; // errno of chdir
constexpr char kEnded = 'S';       // the program's wait status

volatile std::sig_atomic_t g_terminateAsked = 0;
volatile std::sig_atomic_t g_graceOver = 0;

void onTerminate(int)
{
    g_terminateAsked = 1;
}

void onAlarm(int)
{
    g_graceOver = 1;
}

// fork() without the atfork handlers (OpenMP, OpenBLAS): after forking a threaded process only
// async-signal-safe calls are allowed, and those handlers are not.
pid_t forkWithoutHandlers()
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return _Fork();
#else
    return fork();
#endif
}

void report(int fd, char kind, int value)
{
    char message[5];
    message[0] = kind;
    std::memcpy(message + 1, &value, sizeof value);
    while (write(fd, message, sizeof message) < 0 && errno == EINTR) {
    }
}

// Reads exactly size bytes unless the pipe ends first; the count read.
ssize_t readFully(int fd, char* buffer, size_t size)
{
    size_t done = 0;
    while (done < size) {
        const ssize_t n = read(fd, buffer + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

void setHandler(int signal, void (*handler)(int))
{
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, nullptr);
}

struct Exec
{
    const char* program;
    char* const* argv;
    char* const* envp;
    const char* workdir;
    int out, err; // write ends
};

// In the program's process, before exec: a clean signal state, /dev/null as stdin, the pipes as
// stdout and stderr.
[[noreturn]] void execProgram(const Exec& x, int reportFd)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int s = 1; s < 32; ++s)
        if (s != SIGKILL && s != SIGSTOP)
            setHandler(s, SIG_DFL); // ignored signals (SIGPIPE in a Qt app) would stay ignored
    const int devNull = open("/dev/null", O_RDONLY);
    if (devNull >= 0)
        dup2(devNull, 0);
    dup2(x.out, 1);
    dup2(x.err, 2);
#ifdef SYS_close_range
    // Nothing else of ours reaches the program (a results folder's lock, sockets): every other
    // descriptor closes at exec.
    syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);
#endif
    if (chdir(x.workdir) != 0) {
        report(reportFd, kChdirFailed, errno);
        _exit(127);
    }
    execve(x.program, x.argv, x.envp);
    report(reportFd, kExecFailed, errno);
    _exit(127);
}

// The supervisor: leads the process group, starts the program, waits for it and reports its end.
// When our process dies it ends the group. Async-signal-safe calls only.
[[noreturn]] void supervise(const Exec& x, pid_t parent, int statusFd)
{
    setpgid(0, 0);
    setHandler(SIGTERM, onTerminate);
    setHandler(SIGALRM, onAlarm);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) // died before we could ask to be told
        _exit(1);
    int execReport[2];
    if (pipe2(execReport, O_CLOEXEC) != 0) {
        report(statusFd, kExecFailed, errno);
        _exit(1);
    }
    const pid_t program = forkWithoutHandlers();
    if (program == 0)
        execProgram(x, execReport[1]);
    close(x.out);
    close(x.err);
    close(execReport[1]);
    if (program < 0) {
        report(statusFd, kExecFailed, errno);
        _exit(1);
    }
    char message[5];
    if (readFully(execReport[0], message, sizeof message) == sizeof message) {
        while (waitpid(program, nullptr, 0) < 0 && errno == EINTR) {
        }
        while (write(statusFd, message, sizeof message) < 0 && errno == EINTR) {
        }
        _exit(0);
    }
    report(statusFd, kExecOk, 0);
    int status = 0;
    bool ending = false;
    for (;;) {
        if (waitpid(program, &status, 0) == program)
            break;
        if (errno != EINTR)
            break;
        if (g_terminateAsked && !ending && getppid() != parent) {
            // Our process is gone: end the group, SIGKILL after the grace period.
            ending = true;
            kill(-getpid(), SIGTERM);
            kill(-getpid(), SIGCONT);
            alarm(ChildProcess::kGraceMilliseconds / 1000);
        }
        if (g_graceOver)
            kill(-getpid(), SIGKILL);
    }
    report(statusFd, kEnded, status);
    _exit(0);
}

std::vector<char*> pointers(std::vector<std::string>& strings)
{
    std::vector<char*> result;
    for (std::string& s : strings)
        result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

void closeAll(std::initializer_list<int> fds)
{
    for (int fd : fds)
        if (fd >= 0)
            close(fd);
}

} // namespace

ChildProcess::ChildProcess(const Spec& spec)
{
    // Everything the forked processes need is prepared here: after fork they may not allocate.
    std::vector<std::string> args{spec.program.toStdString()};
    for (const QString& a : spec.arguments)
        args.push_back(a.toStdString());
    std::vector<std::string> env;
    for (const QString& e : spec.environment)
        env.push_back(e.toStdString());
    std::vector<char*> argv = pointers(args), envp = pointers(env);
    const std::string program = spec.program.toStdString(), workdir = spec.workdir.toStdString();

    int out[2], err[2], status[2];
    if (pipe2(out, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    if (pipe2(err, O_CLOEXEC) != 0) {
        closeAll({out[0], out[1]});
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    if (pipe2(status, O_CLOEXEC) != 0) {
        closeAll({out[0], out[1], err[0], err[1]});
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    const Exec x{program.c_str(), argv.data(), envp.data(), workdir.c_str(), out[1], err[1]};
    const pid_t parent = getpid();
    const pid_t pid = forkWithoutHandlers();
    if (pid == 0) {
        closeAll({out[0], err[0], status[0]});
        supervise(x, parent, status[1]);
    }
    closeAll({out[1], err[1], status[1]});
    if (pid < 0) {
        closeAll({out[0], err[0], status[0]});
        throw std::runtime_error(std::string("cannot start a process: ") + std::strerror(errno));
    }
    setpgid(pid, pid); // as the supervisor does, so that the group exists before we signal it
    m_supervisor = pid;
    m_fds[0] = out[0];
    m_fds[1] = err[0];
    m_statusFd = status[0];
    for (int fd : m_fds)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

    char message[5] = {};
    const bool reported = readFully(m_statusFd, message, sizeof message) == sizeof message;
    if (!reported || message[0] != kExecOk) {
        int error = 0;
        std::memcpy(&error, message + 1, sizeof error);
        waitpid(m_supervisor, nullptr, 0);
        m_ended = true;
        closeAll({m_fds[0], m_fds[1], m_statusFd});
        m_fds[0] = m_fds[1] = m_statusFd = -1;
        const std::string what = !reported ? std::string("the process ended before it started")
                                 : message[0] == kChdirFailed
                                     ? "cannot enter " + workdir + ": " + std::strerror(error)
                                 : error == ENOEXEC
                                     // A script without "#!": the kernel cannot tell what runs it.
                                     ? "cannot run " + program + ": " + std::strerror(error) +
                                           " (a script needs a #! line naming its interpreter, or run it "
                                           "through one, e.g. python3 " +
                                           program + ")"
                                     : "cannot run " + program + ": " + std::strerror(error);
        throw std::runtime_error(what);
    }
}

ChildProcess::~ChildProcess()
{
    if (!m_ended) {
        kill();
        while (waitpid(m_supervisor, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    closeAll({m_fds[0], m_fds[1], m_statusFd});
}

void ChildProcess::signalGroup(int signal)
{
    if (!m_ended && m_supervisor > 0)
        ::kill(-m_supervisor, signal);
}

void ChildProcess::terminate()
{
    signalGroup(SIGTERM);
    signalGroup(SIGCONT);
}

void ChildProcess::kill()
{
    signalGroup(SIGKILL);
}

void ChildProcess::pauseGroup()
{
    signalGroup(SIGSTOP);
}

void ChildProcess::resumeGroup()
{
    signalGroup(SIGCONT);
}

void ChildProcess::readAvailable(int index, const LineHandler& onLine)
{
    int& fd = m_fds[index];
    char buffer[8192];
    while (fd >= 0) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) // EAGAIN: nothing more for now
            return;
        if (n == 0) {
            close(fd);
            fd = -1;
            return;
        }
        QByteArray& partial = m_partial[index];
        partial.append(buffer, n);
        qsizetype start = 0;
        for (qsizetype end; (end = partial.indexOf('\n', start)) >= 0; start = end + 1) {
            QByteArray line = partial.mid(start, end - start);
            if (line.endsWith('\r'))
                line.chop(1);
            onLine(index == 0 ? Stream::Out : Stream::Err, line);
        }
        partial.remove(0, start);
        while (partial.size() > kMaxLineBytes) {
            onLine(index == 0 ? Stream::Out : Stream::Err, partial.left(kMaxLineBytes));
            partial.remove(0, kMaxLineBytes);
        }
    }
}

void ChildProcess::flushPartial(const LineHandler& onLine)
{
    for (int i = 0; i < 2; ++i)
        if (!m_partial[i].isEmpty()) {
            onLine(i == 0 ? Stream::Out : Stream::Err, m_partial[i]);
            m_partial[i].clear();
        }
}

void ChildProcess::poll(int timeoutMs, const LineHandler& onLine)
{
    if (m_ended)
        return;
    std::array<pollfd, 2> fds{};
    nfds_t count = 0;
    for (int fd : m_fds)
        if (fd >= 0)
            fds[count++] = {fd, POLLIN, 0};
    if (count > 0)
        ::poll(fds.data(), count, timeoutMs);
    else
        usleep(static_cast<useconds_t>(std::min(timeoutMs, 100)) * 1000);
    for (int i = 0; i < 2; ++i)
        readAvailable(i, onLine);
    reapIfEnded(onLine);
}

void ChildProcess::reapIfEnded(const LineHandler& onLine)
{
    int supervisorStatus = 0;
    if (waitpid(m_supervisor, &supervisorStatus, WNOHANG) != m_supervisor)
        return;
    // What the program left behind in its group (helpers it started) goes with it.
    ::kill(-m_supervisor, SIGKILL);
    char message[5] = {};
    int status = supervisorStatus;
    if (readFully(m_statusFd, message, sizeof message) == sizeof message && message[0] == kEnded)
        std::memcpy(&status, message + 1, sizeof status);
    // The rest of the output: the writers are gone, so the pipes end soon.
    QElapsedTimer draining;
    draining.start();
    while ((m_fds[0] >= 0 || m_fds[1] >= 0) && draining.elapsed() < 2000) {
        std::array<pollfd, 2> fds{};
        nfds_t count = 0;
        for (int fd : m_fds)
            if (fd >= 0)
                fds[count++] = {fd, POLLIN, 0};
        ::poll(fds.data(), count, 100);
        for (int i = 0; i < 2; ++i)
            readAvailable(i, onLine);
    }
    flushPartial(onLine);
    m_ended = true;
    if (WIFEXITED(status)) {
        m_exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        m_exitCode = -1;
        m_signal = WTERMSIG(status);
    }
}

void ChildProcess::stop(int graceMs, const LineHandler& onLine)
{
    terminate();
    QElapsedTimer waited;
    waited.start();
    while (!m_ended && waited.elapsed() < graceMs)
        poll(100, onLine);
    if (!m_ended)
        kill();
    while (!m_ended)
        poll(100, onLine);
}

QString ChildProcess::endDescription() const
{
    if (m_signal == 0)
        return QStringLiteral("exited with code %1").arg(m_exitCode);
    const char* name = nullptr;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    name = sigabbrev_np(m_signal);
#endif
    return name ? QStringLiteral("was killed by signal %1 (SIG%2)")
                      .arg(m_signal)
                      .arg(QString::fromLatin1(name))
                : QStringLiteral("was killed by signal %1").arg(m_signal);
}

} // namespace seedscape
