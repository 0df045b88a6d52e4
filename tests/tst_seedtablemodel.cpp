// SeedTableModel: one row per stored seed of an experiment, with display text, sortable values,
// and a failed seed's reason.
#include "seedtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace seedscape;

namespace {

SeedResult finished(quint64 seed, double validation, double test, int epochs)
{
    SeedResult s;
    s.seed = seed;
    s.validationScore = validation;
    s.testScore = test;
    s.bestEpoch = epochs - 1;
    s.epochsRun = epochs;
    s.durationSeconds = 1.0 / 3.0;
    s.engine = QStringLiteral("batched");
    return s;
}

SeedResult failed(quint64 seed, int epoch)
{
    SeedResult s;
    s.seed = seed;
    s.status = SeedStatus::Failed;
    s.failureReason = QStringLiteral("training loss became nan");
    s.failureEpoch = epoch;
    s.epochsRun = epoch;
    s.validationScore = 0.5; // what a failed seed holds is never shown as a score
    return s;
}

} // namespace

class TestSeedTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsAndHeaders();
    void finishedSeedShowsItsScores();
    void failedSeedShowsWhy();
    void failedProgramShowsItsStderrTail();
    void commandSeedHasNoEpochUsed();
    void sortRoleIsNumeric();
    void newSeedsResetTheModel();

private:
    std::unique_ptr<SeedTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestSeedTableModel::init()
{
    m_model = std::make_unique<SeedTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    // Seed 10 is larger than 9 as a number but not as text: sorting must use numbers.
    m_model->setSeeds(QStringLiteral("quick"), {finished(9, 0.75, 0.5, 12), failed(1234567890123ULL, 3),
                                                finished(10, 0.125, 0.25, 8)});
}

void TestSeedTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestSeedTableModel::rowsAndHeaders()
{
    QCOMPARE(m_model->experiment(), QStringLiteral("quick"));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), int(SeedTableModel::ColumnCount));
    QCOMPARE(m_model->rowOf(10), 2);
    QCOMPARE(m_model->rowOf(1234567890123ULL), 1);
    QCOMPARE(m_model->rowOf(11), -1);
    QCOMPARE(m_model->seedAt(2).seed, quint64(10));
    const QStringList headers = {QStringLiteral("Seed"),
                                 QStringLiteral("Status"),
                                 QStringLiteral("Validation"),
                                 QStringLiteral("Test"),
                                 QStringLiteral("Epoch used"),
                                 QStringLiteral("Epochs"),
                                 QStringLiteral("Time (s)"),
                                 QStringLiteral("Engine"),
                                 QStringLiteral("Why it failed, or warnings")};
    QCOMPARE(headers.size(), int(SeedTableModel::ColumnCount));
    for (int column = 0; column < SeedTableModel::ColumnCount; ++column)
        QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), headers[column]);
    QVERIFY(!m_model->headerData(0, Qt::Vertical).isValid());
    QVERIFY(!m_model->headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
    QCOMPARE(m_model->headerData(SeedTableModel::EpochUsed, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("The epoch whose weights gave this seed's scores (early stopping restores "
                            "the best validation epoch)"));
}

void TestSeedTableModel::finishedSeedShowsItsScores()
{
    const auto cell = [this](int column, int role = Qt::DisplayRole) {
        return m_model->index(0, column).data(role);
    };
    QCOMPARE(cell(SeedTableModel::Seed).toString(), QStringLiteral("9"));
    QCOMPARE(cell(SeedTableModel::Seed, Qt::UserRole).toULongLong(), quint64(9));
    QCOMPARE(cell(SeedTableModel::Status).toString(), QStringLiteral("finished"));
    QCOMPARE(cell(SeedTableModel::Validation).toString(), QStringLiteral("0.75"));
    QCOMPARE(cell(SeedTableModel::Validation, Qt::UserRole).toDouble(), 0.75);
    QCOMPARE(cell(SeedTableModel::Test).toString(), QStringLiteral("0.5"));
    // The epoch whose weights gave the scores, of those it ran; it sorts by the epoch.
    QCOMPARE(cell(SeedTableModel::EpochUsed).toString(), QStringLiteral("11 of 12"));
    QCOMPARE(cell(SeedTableModel::EpochUsed, Qt::UserRole).toInt(), 11);
    QCOMPARE(cell(SeedTableModel::EpochUsed, Qt::ToolTipRole).toString(),
             SeedTableModel::epochUsedExplanation());
    QVERIFY(cell(SeedTableModel::EpochUsed, Qt::TextAlignmentRole).isValid());
    QCOMPARE(cell(SeedTableModel::Epochs).toInt(), 12);
    QCOMPARE(cell(SeedTableModel::Seconds).toString(), QStringLiteral("0.33"));
    QCOMPARE(cell(SeedTableModel::Seconds, Qt::UserRole).toDouble(), 1.0 / 3.0);
    QCOMPARE(cell(SeedTableModel::Engine).toString(), QStringLiteral("batched"));
    QVERIFY(!cell(SeedTableModel::Seed, Qt::ToolTipRole).isValid());
    // Numbers right-aligned, words not.
    QVERIFY(cell(SeedTableModel::Validation, Qt::TextAlignmentRole).isValid());
    QVERIFY(!cell(SeedTableModel::Status, Qt::TextAlignmentRole).isValid());
    QVERIFY(!cell(SeedTableModel::Engine, Qt::TextAlignmentRole).isValid());
}

void TestSeedTableModel::failedSeedShowsWhy()
{
    const auto cell = [this](int column, int role = Qt::DisplayRole) {
        return m_model->index(1, column).data(role);
    };
    QCOMPARE(cell(SeedTableModel::Seed).toString(), QStringLiteral("1234567890123"));
    QCOMPARE(cell(SeedTableModel::Status).toString(), QStringLiteral("failed at epoch 3"));
    QCOMPARE(cell(SeedTableModel::Status, Qt::ToolTipRole).toString(),
             QStringLiteral("training loss became nan"));
    QCOMPARE(cell(SeedTableModel::Validation).toString(), QStringLiteral("—"));
    QVERIFY(!cell(SeedTableModel::Validation, Qt::UserRole).isValid());
    QCOMPARE(cell(SeedTableModel::Test).toString(), QStringLiteral("—"));
    QCOMPARE(cell(SeedTableModel::EpochUsed).toString(), QStringLiteral("—")); // no weights scored
    QVERIFY(!cell(SeedTableModel::EpochUsed, Qt::UserRole).isValid());
    QCOMPARE(cell(SeedTableModel::Epochs).toInt(), 3);
    QCOMPARE(cell(SeedTableModel::Engine).toString(), QStringLiteral("per-seed"));
    QCOMPARE(cell(SeedTableModel::Reason).toString(), QStringLiteral("training loss became nan"));
    QVERIFY(!cell(SeedTableModel::Reason, Qt::TextAlignmentRole).isValid());
    QVERIFY(m_model->index(0, SeedTableModel::Reason).data().toString().isEmpty()); // finished
}

void TestSeedTableModel::failedProgramShowsItsStderrTail()
{
    // A command seed that failed before its program reported an epoch, with 20 lines of stderr.
    SeedResult s = failed(77, 0);
    s.engine = QStringLiteral("command");
    s.failureReason = QStringLiteral("the program exited with code 3");
    for (int i = 0; i < 20; ++i)
        s.stderrTail << QStringLiteral("line %1").arg(i);
    m_model->setSeeds(QStringLiteral("cnn"), {s});
    const QModelIndex status = m_model->index(0, SeedTableModel::Status);
    QCOMPARE(status.data().toString(), QStringLiteral("failed"));
    // The tooltip: the reason, then the last few lines of stderr, the last one last.
    const QString tip = status.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(QStringLiteral("the program exited with code 3\n")), qPrintable(tip));
    QVERIFY(tip.endsWith(QStringLiteral("line 19")));
    QVERIFY(tip.contains(QStringLiteral("line %1").arg(20 - SeedTableModel::kToolTipStderrLines)));
    QVERIFY(!tip.contains(QStringLiteral("line %1\n").arg(19 - SeedTableModel::kToolTipStderrLines)));
    QCOMPARE(m_model->index(0, SeedTableModel::Reason).data().toString(),
             QStringLiteral("the program exited with code 3"));
}

void TestSeedTableModel::commandSeedHasNoEpochUsed()
{
    // A finished command seed records its program's last epoch, but the program chose its weights.
    SeedResult program = finished(5, 0.9, 0.8, 15);
    program.engine = QStringLiteral("command");
    program.bestEpoch = 15;
    SeedResult imported = finished(6, 0.9, 0.8, 0);
    imported.engine = QStringLiteral("imported");
    imported.bestEpoch = 0;
    m_model->setSeeds(QStringLiteral("cnn"), {program, imported});
    const QModelIndex programCell = m_model->index(0, SeedTableModel::EpochUsed);
    QCOMPARE(programCell.data().toString(), QStringLiteral("—"));
    QVERIFY(!programCell.data(Qt::UserRole).isValid());
    QCOMPARE(programCell.data(Qt::ToolTipRole).toString(),
             QStringLiteral("Your program chose which weights it predicted with"));
    QCOMPARE(m_model->index(0, SeedTableModel::Epochs).data().toInt(), 15);
    const QModelIndex importedCell = m_model->index(1, SeedTableModel::EpochUsed);
    QCOMPARE(importedCell.data().toString(), QStringLiteral("—"));
    QVERIFY(importedCell.data(Qt::ToolTipRole).toString() != SeedTableModel::epochUsedExplanation());
}

void TestSeedTableModel::sortRoleIsNumeric()
{
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(m_model.get());
    sorted.setSortRole(Qt::UserRole);
    QAbstractItemModelTester proxyTester(&sorted, QAbstractItemModelTester::FailureReportingMode::Fatal);
    sorted.sort(SeedTableModel::Seed, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, SeedTableModel::Seed).data().toString(), QStringLiteral("9"));
    QCOMPARE(sorted.index(1, SeedTableModel::Seed).data().toString(), QStringLiteral("10"));
    QCOMPARE(sorted.index(2, SeedTableModel::Seed).data().toString(), QStringLiteral("1234567890123"));
    // By score, lowest first; a failed seed has no score and comes last.
    sorted.sort(SeedTableModel::Validation, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, SeedTableModel::Seed).data().toString(), QStringLiteral("10"));
    QCOMPARE(sorted.index(1, SeedTableModel::Seed).data().toString(), QStringLiteral("9"));
    QCOMPARE(sorted.index(2, SeedTableModel::Seed).data().toString(), QStringLiteral("1234567890123"));
    // By the epoch used (7 of 8 before 11 of 12), not by its text.
    sorted.sort(SeedTableModel::EpochUsed, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, SeedTableModel::Seed).data().toString(), QStringLiteral("10"));
    QCOMPARE(sorted.index(1, SeedTableModel::Seed).data().toString(), QStringLiteral("9"));
}

void TestSeedTableModel::newSeedsResetTheModel()
{
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setSeeds(QStringLiteral("other"), {finished(4, 1.0, 2.0, 5)});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_model->experiment(), QStringLiteral("other"));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, SeedTableModel::Seed).data().toString(), QStringLiteral("4"));
    m_model->setSeeds(QString(), {});
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_MAIN(TestSeedTableModel)
#include "tst_seedtablemodel.moc"
