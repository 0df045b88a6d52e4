// SeedsPanel: the Seeds tab's table and the current seed's details: why it failed, its program's
// last stderr lines, and "Open log" through an opener the test replaces (nothing is launched).
#include "seedspanel.h"
#include "seedtablemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace seedscape;

namespace {

SeedResult finished(quint64 seed)
{
    SeedResult s;
    s.seed = seed;
    s.validationScore = 0.5;
    s.testScore = 0.25;
    s.engine = QStringLiteral("per-seed");
    return s;
}

SeedResult failedCommandSeed(quint64 seed, const QString& log)
{
    SeedResult s;
    s.seed = seed;
    s.status = SeedStatus::Failed;
    s.failureReason = QStringLiteral("the program exited with code 3");
    s.engine = QStringLiteral("command");
    for (int i = 0; i < 20; ++i)
        s.stderrTail << QStringLiteral("traceback line %1").arg(i);
    s.stderrTail << QStringLiteral("RuntimeError: out of memory");
    s.logFile = log;
    return s;
}

} // namespace

class TestSeedsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failedSeedShowsWhyAndItsStderr();
    void aSeedWithWarningsSaysThem();
    void openLogHandsThePathToTheOpener();
    void seedWithoutLogCannotOpenOne();
    void refreshKeepsTheCurrentSeedAndChoosingOneSaysSo();
};

void TestSeedsPanel::failedSeedShowsWhyAndItsStderr()
{
    SeedsPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    panel.setSeeds(QStringLiteral("cnn"), {finished(1), failedCommandSeed(2, {})});
    QVERIFY(panel.stderrText().isEmpty());
    panel.selectSeed(2);
    QCOMPARE(panel.currentSeed(), std::optional<quint64>(2));
    QCOMPARE(panel.detailText(), QStringLiteral("Seed 2 failed: the program exited with code 3"));
    QVERIFY(panel.stderrText().contains(QStringLiteral("traceback line 0\n")));
    QVERIFY(panel.stderrText().endsWith(QStringLiteral("RuntimeError: out of memory")));
    QVERIFY(panel.findChild<QPlainTextEdit*>(QStringLiteral("seedStderr"))->isVisibleTo(&panel));
    // A finished seed has nothing to explain.
    panel.selectSeed(1);
    QCOMPARE(panel.detailText(), QStringLiteral("Seed 1 finished."));
    QVERIFY(panel.stderrText().isEmpty());
    QVERIFY(!panel.findChild<QPlainTextEdit*>(QStringLiteral("seedStderr"))->isVisibleTo(&panel));
}

// What Seedscape ignored in a program's output: in the Status column, its tooltip and the details.
void TestSeedsPanel::aSeedWithWarningsSaysThem()
{
    SeedsPanel panel;
    SeedResult warned = finished(3);
    warned.warnings << QStringLiteral("ignored 2 @seedscape progress lines it could not read")
                    << QStringLiteral("predictions.csv: did not read the column 'label'");
    SeedResult failed = failedCommandSeed(4, {});
    failed.warnings << QStringLiteral("predictions.csv: did not read the column 'p_1'");
    panel.setSeeds(QStringLiteral("cnn"), {finished(1), warned, failed});
    const QAbstractItemModel* model = panel.model();
    const auto status = [model](int row, int role) {
        return model->index(row, SeedTableModel::Status).data(role).toString();
    };
    QCOMPARE(status(0, Qt::DisplayRole), QStringLiteral("finished"));
    QVERIFY(status(0, Qt::ToolTipRole).isEmpty());
    QCOMPARE(status(1, Qt::DisplayRole), QStringLiteral("finished, with warnings"));
    QCOMPARE(status(1, Qt::ToolTipRole), warned.warnings.join(QLatin1Char('\n')));
    QCOMPARE(model->index(1, SeedTableModel::Reason).data().toString(),
             QStringLiteral("ignored 2 @seedscape progress lines it could not read; predictions.csv: did not "
                            "read the column 'label'"));
    QCOMPARE(model->index(2, SeedTableModel::Reason).data().toString(), failed.failureReason);
    panel.selectSeed(3);
    QCOMPARE(panel.detailText(),
             QStringLiteral("Seed 3 finished.\n"
                            "Warning: ignored 2 @seedscape progress lines it could not read\n"
                            "Warning: predictions.csv: did not read the column 'label'"));
    panel.selectSeed(4); // a failed seed's reason comes first
    QCOMPARE(panel.detailText(), QStringLiteral("Seed 4 failed: the program exited with code 3\n"
                                                "Warning: predictions.csv: did not read the column 'p_1'"));
}

void TestSeedsPanel::openLogHandsThePathToTheOpener()
{
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("runs/2/log.txt"));
    QDir().mkpath(dir.filePath(QStringLiteral("runs/2")));
    QFile file(log);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("epoch 1\n");
    file.close();

    SeedsPanel panel;
    QList<QUrl> opened;
    panel.setUrlOpener([&](const QUrl& url) {
        opened << url;
        return true;
    });
    panel.setSeeds(QStringLiteral("cnn"), {failedCommandSeed(2, log)});
    auto* button = panel.findChild<QPushButton*>(QStringLiteral("openLog"));
    QVERIFY(!button->isEnabled()); // no seed chosen yet
    panel.selectSeed(2);
    QVERIFY(button->isEnabled());
    QCOMPARE(button->toolTip(), log);
    button->click();
    QCOMPARE(opened, QList<QUrl>{QUrl::fromLocalFile(log)});

    // An opener that fails, and a log that went away, are said in a message.
    QSignalSpy messages(&panel, &SeedsPanel::message);
    panel.setUrlOpener([](const QUrl&) { return false; });
    QVERIFY(!panel.openLog());
    QCOMPARE(messages.count(), 1);
    QVERIFY(QFile::remove(log));
    QVERIFY(!panel.openLog());
    QCOMPARE(messages.count(), 2);
    QVERIFY(messages.last().at(0).toString().contains(log));
}

void TestSeedsPanel::seedWithoutLogCannotOpenOne()
{
    SeedsPanel panel;
    int calls = 0;
    panel.setUrlOpener([&](const QUrl&) { return ++calls > 0; });
    panel.setSeeds(QStringLiteral("mlp"), {finished(7)});
    panel.selectSeed(7);
    QVERIFY(!panel.canOpenLog());
    QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("openLog"))->isEnabled());
    QVERIFY(!panel.openLog());
    QCOMPARE(calls, 0);
}

void TestSeedsPanel::refreshKeepsTheCurrentSeedAndChoosingOneSaysSo()
{
    SeedsPanel panel;
    QSignalSpy chosen(&panel, &SeedsPanel::seedChosen);
    panel.setSeeds(QStringLiteral("cnn"), {finished(1), failedCommandSeed(2, {})});
    auto* view = panel.findChild<QTableView*>(QStringLiteral("seedView"));
    view->setCurrentIndex(view->model()->index(1, 0)); // as a click does
    QCOMPARE(chosen.count(), 1);
    const quint64 seed = chosen.first().at(0).toULongLong();
    // A live refresh with one more seed: the same seed stays current, and that is no new choice.
    panel.setSeeds(QStringLiteral("cnn"), {finished(1), failedCommandSeed(2, {}), finished(3)});
    QCOMPARE(panel.currentSeed(), std::optional<quint64>(seed));
    QCOMPARE(chosen.count(), 1);
    // Another experiment starts with no seed chosen.
    panel.setSeeds(QStringLiteral("other"), {finished(2)});
    QCOMPARE(panel.currentSeed(), std::nullopt);
}

QTEST_MAIN(TestSeedsPanel)
#include "tst_seedspanel.moc"
