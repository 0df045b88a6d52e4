#include "seedprogramrun.h"

#include "progressline.h"

#include "experiment/resourceestimate.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <cmath>
#include <deque>
#include <stdexcept>
#include <utility>

namespace seedscape {

namespace {

// What the program says while it runs: log lines, progress, the tail of stderr.
class OutputSink
{
public:
    OutputSink(QFile& log, quint64 seed, const TrainingControl& control, SeedProgramRun::Result& result,
               qint64 logKeepBytes)
        : m_log(log), m_seed(seed), m_control(control), m_result(result), m_halfBytes(logKeepBytes / 2)
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
            write(text);
            // Counted for the seed's record: progress lines that are all broken leave no learning
            // curve, and a note in the log alone is seldom read. Where it is is known once written.
            if (m_result.ignoredProgressLines++ == 0)
                m_result.firstIgnoredProgressLine =
                    m_cutting
                        ? QStringLiteral("after the log's first %1: %2")
                              .arg(ResourceEstimate::formatBytes(static_cast<double>(m_halfBytes)), problem)
                        : QStringLiteral("log line %1: %2").arg(QString::number(m_logLines), problem);
        } else {
            write(text);
        }
        if (stream == ChildProcess::Stream::Err) {
            m_result.stderrTail << QString::fromUtf8(text);
            if (m_result.stderrTail.size() > SeedProgramRun::kStderrTailLines)
                m_result.stderrTail.removeFirst();
        }
    }

    // A chatty program's log would grow without bound (a line per batch, thousands of seeds): it
    // keeps the output's first half of logKeepBytes as it comes, and of the rest only the last half,
    // written when the program ends (finish()): where it started and how it ended, the error's
    // traceback included.
    void write(const QByteArray& text)
    {
        const qint64 size = text.size() + 1;
        if (!m_cutting && m_written + size > m_halfBytes) {
            m_cutting = true;
            append(
                QStringLiteral("# seedscape: the log reached %1; of the output that follows only the end, up "
                               "to %1, is kept, written here when the program ends")
                    .arg(ResourceEstimate::formatBytes(static_cast<double>(m_halfBytes)))
                    .toUtf8());
        }
        if (!m_cutting) {
            m_written += size;
            append(text);
            return;
        }
        m_tail.push_back(text);
        m_tailBytes += size;
        while (m_tailBytes + kHeldLineCost * static_cast<qint64>(m_tail.size()) > m_halfBytes &&
               !m_tail.empty()) {
            m_tailBytes -= m_tail.front().size() + 1;
            m_leftOutBytes += m_tail.front().size() + 1;
            ++m_leftOutLines;
            m_tail.pop_front();
        }
    }

    // The kept tail of a log that was cut, then the end's own line.
    void finish(const QByteArray& endLine)
    {
        if (std::exchange(m_cutting, false)) {
            append(
                m_leftOutLines == 0
                    ? QByteArrayLiteral("# seedscape: nothing was left out; the rest of the output follows")
                    : QStringLiteral("# seedscape: left out %1 lines (%2) of output here; the last %3 follow")
                          .arg(QString::number(m_leftOutLines),
                               ResourceEstimate::formatBytes(static_cast<double>(m_leftOutBytes)),
                               ResourceEstimate::formatBytes(static_cast<double>(m_tailBytes)))
                          .toUtf8());
            for (const QByteArray& line : m_tail)
                append(line);
            m_tail.clear();
        }
        append(endLine);
    }

private:
    void append(const QByteArray& text)
    {
        m_logLines += static_cast<int>(text.count('\n')) + 1;
        if (m_log.isOpen()) {
            m_log.write(text + '\n');
            m_log.flush(); // so that the log can be followed while it grows
        }
    }

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
    int m_logLines = 0; // in the file so far
    // A held line costs more than its bytes (its QByteArray and heap block): counted against the
    // limit, so a program printing millions of one-character lines holds about what the limit says.
    static constexpr qint64 kHeldLineCost = 64;
    const qint64 m_halfBytes;
    qint64 m_written = 0; // of the output before the cut
    bool m_cutting = false;
    std::deque<QByteArray> m_tail; // the output's last lines since the cut
    qint64 m_tailBytes = 0, m_leftOutBytes = 0, m_leftOutLines = 0;
};

} // namespace

SeedProgramRun::Result SeedProgramRun::run(const ChildProcess::Spec& spec, const QString& logFile,
                                           qint64 timeoutMs, quint64 seed, const TrainingControl& control,
                                           int graceMs, qint64 logKeepBytes)
{
    Result result;
    QFile log(logFile);
    if (!log.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.end = End::CouldNotStart;
        result.description = QStringLiteral("cannot write its log %1: %2").arg(logFile, log.errorString());
        return result;
    }
    OutputSink sink(log, seed, control, result, logKeepBytes);
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
        sink.finish("# seedscape: " + result.description.toUtf8());
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
    sink.finish(QStringLiteral("# seedscape: %1")
                    .arg(result.end == End::Cancelled  ? QStringLiteral("cancelled")
                         : result.end == End::TimedOut ? QStringLiteral("timed out")
                                                       : result.description)
                    .toUtf8());
    return result;
}

} // namespace seedscape
