#include "seedprogramrun.h"

#include "progressline.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <cmath>
#include <stdexcept>

namespace seedscape {

namespace {

// What the program says while it runs: log lines, progress, the tail of stderr.
class OutputSink
{
public:
    OutputSink(QFile& log, quint64 seed, const TrainingControl& control, SeedProgramRun::Result& result)
        : m_log(log), m_seed(seed), m_control(control), m_result(result)
    {
    }

    // Reports count from either stream: Python's logging writes to stderr.
    void line(ChildProcess::Stream stream, const QByteArray& text)
    {
        if (const qsizetype at = ProgressLine::find(text); at >= 0) {
            QByteArray reported = text.mid(at);
            if (const qsizetype redrawn = reported.indexOf('\r'); redrawn >= 0) // a bar drawn after it
                reported.truncate(redrawn);
            QString problem;
            if (const auto progress = ProgressLine::parse(reported, &problem)) {
                report(*progress);
                return;
            }
            write("# seedscape: ignored a progress line: " + problem.toUtf8());
        }
        write(text);
        if (stream == ChildProcess::Stream::Err) {
            m_result.stderrTail << QString::fromUtf8(text);
            if (m_result.stderrTail.size() > SeedProgramRun::kStderrTailLines)
                m_result.stderrTail.removeFirst();
        }
    }

    void write(const QByteArray& text)
    {
        if (m_log.isOpen()) {
            m_log.write(text + '\n');
            m_log.flush(); // so that the log can be followed while it grows
        }
    }

private:
    void report(const ProgressLine& p)
    {
        if (p.epochs)
            m_epochs = *p.epochs;
        // A test score alone is no epoch's report: it only places the cross of one that is.
        const bool scores = p.trainLoss || p.validationScore;
        if (!p.epoch && !scores)
            return;
        // A report without an epoch is the next one.
        const int epoch = p.epoch ? *p.epoch : m_result.lastEpoch + 1;
        if (epoch < 1)
            return;
        const double nan = std::nan("");
        if (static_cast<int>(m_result.trainLoss.size()) < epoch) {
            m_result.trainLoss.resize(static_cast<size_t>(epoch), nan);
            m_result.validationCurve.resize(static_cast<size_t>(epoch), nan);
        }
        if (p.trainLoss)
            m_result.trainLoss[static_cast<size_t>(epoch - 1)] = *p.trainLoss;
        if (p.validationScore)
            m_result.validationCurve[static_cast<size_t>(epoch - 1)] = *p.validationScore;
        m_result.lastEpoch = std::max(m_result.lastEpoch, epoch);
        if (m_control.onEpoch)
            m_control.onEpoch({m_seed, epoch, m_epochs, p.trainLoss.value_or(nan), // epochs 0: not said
                               p.validationScore.value_or(nan), p.testScore.value_or(nan)});
    }

    QFile& m_log;
    quint64 m_seed;
    const TrainingControl& m_control;
    SeedProgramRun::Result& m_result;
    int m_epochs = 0;
};

} // namespace

SeedProgramRun::Result SeedProgramRun::run(const ChildProcess::Spec& spec, const QString& logFile,
                                           qint64 timeoutMs, quint64 seed, const TrainingControl& control,
                                           int graceMs)
{
    Result result;
    QFile log(logFile);
    if (!log.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.end = End::CouldNotStart;
        result.description = QStringLiteral("cannot write its log %1: %2").arg(logFile, log.errorString());
        return result;
    }
    OutputSink sink(log, seed, control, result);
    const auto onLine = [&sink](ChildProcess::Stream stream, const QByteArray& line) {
        sink.line(stream, line);
    };
    sink.write(QStringLiteral("# seedscape: seed %1, %2: %3 %4 (in %5)")
                   .arg(seed)
                   .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), spec.program,
                        spec.arguments.join(QLatin1Char(' ')), spec.workdir)
                   .toUtf8());

    std::optional<ChildProcess> process;
    try {
        process.emplace(spec);
    } catch (const std::runtime_error& e) {
        result.end = End::CouldNotStart;
        result.description = QString::fromUtf8(e.what());
        sink.write("# seedscape: " + result.description.toUtf8());
        return result;
    }

    QElapsedTimer tick;
    tick.start();
    qint64 activeMs = 0;
    bool paused = false;
    while (!process->hasEnded()) {
        process->poll(100, onLine);
        if (process->hasEnded())
            break;
        if (control.cancelled()) {
            process->stop(graceMs, onLine);
            result.end = End::Cancelled;
            break;
        }
        const bool pause = control.paused && control.paused();
        if (pause != paused) {
            pause ? process->pauseGroup() : process->resumeGroup();
            paused = pause;
        }
        activeMs += paused ? 0 : tick.elapsed();
        tick.restart();
        if (timeoutMs > 0 && activeMs > timeoutMs) {
            process->stop(graceMs, onLine);
            result.end = End::TimedOut;
            break;
        }
    }
    // A signal that ended the program may be the one that is stopping us too: Slurm signals every
    // process of a job at once (scancel, time limit, requeue). Then the seed was cancelled, not failed:
    // wait a moment for our own stop to arrive before calling it a failure.
    if (result.end == End::Exited && process->signal() != 0) {
        QElapsedTimer grace;
        grace.start();
        while (!control.cancelled() && grace.elapsed() < kStopSignalGraceMs)
            QThread::msleep(20);
        if (control.cancelled())
            result.end = End::Cancelled;
    }
    result.exitCode = process->exitCode();
    if (result.end == End::Exited)
        result.description = process->endDescription();
    sink.write(QStringLiteral("# seedscape: %1")
                   .arg(result.end == End::Cancelled  ? QStringLiteral("cancelled")
                        : result.end == End::TimedOut ? QStringLiteral("timed out")
                                                      : result.description)
                   .toUtf8());
    return result;
}

} // namespace seedscape
