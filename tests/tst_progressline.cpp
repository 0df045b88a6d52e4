// The progress reports of a command experiment's program (core/command/progressline.h): every
// documented key, and reports found where real programs put them: on stderr (Python's logging),
// behind a progress bar's '\r' (tqdm) and behind a logging prefix.
#include "command/progressline.h"
#include "command/seedprogramrun.h"
#include "support/processprobe.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

// Runs a Python program given as text as a seed's program (seed 7) whose output goes to `log`.
SeedProgramRun::Result runPython(const QString& program, const QString& log, const TrainingControl& control,
                                 qint64 logKeepBytes = SeedProgramRun::kLogKeepBytes)
{
    return SeedProgramRun::run({QStringLiteral(SEEDSCAPE_PYTHON),
                                {QStringLiteral("-c"), program},
                                QFileInfo(log).absolutePath(),
                                QProcessEnvironment::systemEnvironment().toStringList()},
                               log, 0, 7, control, 1000, logKeepBytes);
}

} // namespace

class TestProgressLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyDocumentedKeyIsRead()
    {
        QString problem;
        const auto full = ProgressLine::parse(
            R"(@seedscape {"epoch": 3, "epochs": 20, "train_loss": 0.41, "val_score": 0.87, "test_score": 0.85, "lr": 1e-3})",
            &problem);
        QVERIFY2(full, qPrintable(problem));
        QCOMPARE(full->epoch, 3);
        QCOMPARE(full->epochs, 20);
        QCOMPARE(full->trainLoss, 0.41);
        QCOMPARE(full->validationScore, 0.87);
        QCOMPARE(full->testScore, 0.85);
        const auto partial =
            ProgressLine::parse(R"(@seedscape {"val_score": NaN, "test_score": Infinity})", &problem);
        QVERIFY2(partial, qPrintable(problem));
        QVERIFY(!partial->epoch && !partial->validationScore && !partial->testScore);
        // test_score came later: a program's own use of the name costs it nothing.
        const auto otherUse =
            ProgressLine::parse(R"(@seedscape {"epoch": 4, "test_score": "pending"})", &problem);
        QVERIFY2(otherUse, qPrintable(problem));
        QCOMPARE(otherUse->epoch, 4);
        QVERIFY(!otherUse->testScore);
        QVERIFY(!ProgressLine::parse(R"(@seedscape {"val_score": "0.9"})", &problem));
        QCOMPARE(problem, QStringLiteral("\"val_score\" must be a number"));
        QVERIFY(!ProgressLine::parse(R"(@seedscape {"epoch": 2.5})", &problem));
        QCOMPARE(problem, QStringLiteral("\"epoch\" must be a whole number of 0 or more"));
        QVERIFY(!ProgressLine::parse("@seedscape [1, 2]", &problem));
        QVERIFY(ProgressLine::isProgressLine("@seedscape {}"));
        QVERIFY(!ProgressLine::isProgressLine("@seedscapes {}"));
    }

    void aReportIsFoundWhereProgramsPutIt_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("at");
        QTest::addRow("alone") << QByteArray("@seedscape {\"epoch\": 1}") << 0;
        QTest::addRow("malformed, at the start") << QByteArray("@seedscape epoch 1") << 0;
        QTest::addRow("behind a bar")
            << QByteArray("\r 50%|#####     | 1/2\r@seedscape {\"epoch\": 1}") << 22;
        QTest::addRow("behind logging") << QByteArray("INFO:root:@seedscape {\"epoch\": 1}") << 10;
        QTest::addRow("behind a time") << QByteArray("[12:00:01] @seedscape {}") << 11;
        QTest::addRow("mentioned") << QByteArray("see the @seedscape lines in the docs") << -1;
        QTest::addRow("inside a word") << QByteArray("x@seedscape {}") << -1;
        QTest::addRow("another prefix") << QByteArray("INFO:@seedscapes {}") << -1;
        QTest::addRow("none") << QByteArray("epoch 1 loss 0.3") << -1;
    }

    void aReportIsFoundWhereProgramsPutIt()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, at);
        QCOMPARE(ProgressLine::find(line), qsizetype(at));
    }

    void reportsFromEitherStreamBehindBarsAndPrefixesMakeTheCurve()
    {
        if (QStringLiteral(SEEDSCAPE_PYTHON).isEmpty())
            QSKIP("no /usr/bin/python3");
        const QString program = QStringLiteral(R"py(
import sys
print('@seedscape {"epoch": 1, "epochs": 3, "val_score": 0.5}', file=sys.stderr, flush=True)
sys.stdout.write('\r 50%|#####     | 1/2\r@seedscape {"epoch": 2, "val_score": 0.6}\n')
sys.stdout.flush()
print('INFO:root:@seedscape {"epoch": 3, "val_score": 0.7}', file=sys.stderr, flush=True)
print('see the @seedscape lines in the docs', flush=True)
)py");
        QTemporaryDir dir;
        std::vector<EpochProgress> epochs;
        TrainingControl control;
        control.onEpoch = [&epochs](const EpochProgress& p) {
            epochs.push_back(p);
        };
        const QString log = dir.filePath(QStringLiteral("log.txt"));
        const SeedProgramRun::Result run = runPython(program, log, control);
        QVERIFY2(run.succeeded(), qPrintable(run.description));
        QCOMPARE(run.validationCurve, (std::vector<double>{0.5, 0.6, 0.7}));
        QCOMPARE(run.lastEpoch, 3);
        QCOMPARE(epochs.size(), size_t(3));
        QCOMPARE(epochs.back().epochs, 3);
        QVERIFY(run.stderrTail.isEmpty()); // the reports on stderr are reports, not errors
        // The log keeps the other line; no report, bar or note (its first line names the command).
        const QByteArray written = fileContents(log);
        QVERIFY2(written.contains("\nsee the @seedscape lines in the docs\n"), written.constData());
        for (const QByteArray& line : written.split('\n'))
            QVERIFY2(!line.startsWith("@seedscape") && !line.startsWith("INFO:root:") &&
                         !line.contains('\r') && !line.startsWith("# seedscape: ignored"),
                     line.constData());
    }

    // A chatty program's log keeps its first and last part, with a note between that counts what
    // was left out; reports in the part left out still count.
    void aChattyProgramsLogKeepsItsStartAndEnd()
    {
        if (QStringLiteral(SEEDSCAPE_PYTHON).isEmpty())
            QSKIP("no /usr/bin/python3");
        const QString program = QStringLiteral(R"py(
for i in range(20000):
    print("line %05d" % i)
    if i == 10000:
        print('@seedscape {"epoch": 1, "val_score": 0.5}')
print("Traceback: the end")
)py");
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("log.txt"));
        const SeedProgramRun::Result run = runPython(program, log, TrainingControl{}, 40960);
        QVERIFY2(run.succeeded(), qPrintable(run.description));
        QCOMPARE(run.validationCurve, std::vector<double>{0.5});
        const QByteArray written = fileContents(log);
        QVERIFY2(written.size() < 40960 + 600,
                 QByteArray::number(written.size()).constData()); // 220 KB written
        QList<QByteArray> lines = written.split('\n');
        QCOMPARE(lines.takeLast(), QByteArray()); // it ends with a newline
        QVERIFY(lines.takeLast().startsWith("# seedscape: exited"));
        QCOMPARE(lines.first().left(20), QByteArray("# seedscape: seed 7,"));
        const auto cut = std::find_if(lines.begin(), lines.end(), [](const QByteArray& line) {
            return line.startsWith(
                "# seedscape: the log reached 20.0 KiB; of the output that follows only the end, "
                "up to 20.0 KiB, is kept");
        });
        const QRegularExpression leftOutNote(QStringLiteral(
            "^# seedscape: left out (\\d+) lines \\(.+\\) of output here; the last .+ follow$"));
        const auto leftOut = std::find_if(lines.begin(), lines.end(), [&](const QByteArray& line) {
            return leftOutNote.match(QString::fromUtf8(line)).hasMatch();
        });
        QVERIFY(cut != lines.end() && leftOut != lines.end() && cut < leftOut);
        // The kept lines are the output's first and last, and with those left out make all 20001.
        // (The first line names the command: here a program over several lines.)
        const auto output = std::find(lines.begin(), lines.end(), QByteArray("line 00000"));
        QVERIFY(output < cut);
        const QList<QByteArray> head(output, cut), tail(leftOut + 1, lines.end());
        QVERIFY(head.size() > 100 && tail.size() > 100);
        // A held line counts 64 bytes beyond its own, so many short lines hold no more memory than
        // the limit says: of 11-byte lines, 20 KiB hold about 270, not 1860.
        QVERIFY2(tail.size() <= 20480 / 64, qPrintable(QString::number(tail.size())));
        for (qsizetype i = 0; i < head.size(); ++i)
            QCOMPARE(head[i], QStringLiteral("line %1").arg(i, 5, 10, QLatin1Char('0')).toUtf8());
        QCOMPARE(tail.last(), QByteArray("Traceback: the end"));
        for (qsizetype i = 0; i + 1 < tail.size(); ++i)
            QCOMPARE(
                tail[i],
                QStringLiteral("line %1").arg(20000 - tail.size() + 1 + i, 5, 10, QLatin1Char('0')).toUtf8());
        const int leftOutLines = leftOutNote.match(QString::fromUtf8(*leftOut)).captured(1).toInt();
        QCOMPARE(head.size() + leftOutLines + tail.size(), qsizetype(20001));
    }
};

QTEST_GUILESS_MAIN(TestProgressLine)
#include "tst_progressline.moc"
