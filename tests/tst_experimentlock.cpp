// ExperimentLock: one sweep per experiment across processes, released by the OS when its holder dies.
#include "common/storageerror.h"
#include "store/experimentlock.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

class TestExperimentLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondHolderIsRefusedUntilTheFirstLets();
    void holderIsNamed();
    void aKilledHolderReleasesIt();
    void lockFileInAFolderThatCannotExistIsAStorageProblem();
};

void TestExperimentLock::secondHolderIsRefusedUntilTheFirstLets()
{
    QTemporaryDir dir;
    const QString results = dir.filePath(QStringLiteral("results/a"));
    ExperimentLock first(results);
    ExperimentLock second(results);
    QVERIFY(first.tryLock()); // creates the folder
    QVERIFY(first.isLocked());
    QVERIFY(!second.tryLock());
    QVERIFY(!second.isLocked());
    first.unlock();
    QVERIFY(second.tryLock());
    QVERIFY(!first.tryLock());
    ExperimentLock other(dir.filePath(QStringLiteral("results/b"))); // another experiment is free
    QVERIFY(other.tryLock());
}

void TestExperimentLock::holderIsNamed()
{
    QTemporaryDir dir;
    ExperimentLock lock(dir.path());
    QVERIFY(lock.tryLock());
    const QString holder = ExperimentLock(dir.path()).holder();
    QVERIFY2(holder.startsWith(QStringLiteral("pid %1 on ").arg(QCoreApplication::applicationPid())),
             qPrintable(holder));
}

void TestExperimentLock::aKilledHolderReleasesIt()
{
    QTemporaryDir dir;
    const QString file = QDir(dir.path()).filePath(ExperimentLock::fileName());
    // Another process takes the same OS lock (flock(2)) and is then killed.
    QProcess holder;
    holder.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                             QStringLiteral("import fcntl, sys, time\n"
                                                            "f = open(sys.argv[1], 'a')\n"
                                                            "fcntl.flock(f, fcntl.LOCK_EX)\n"
                                                            "print('locked', flush=True)\n"
                                                            "time.sleep(60)\n"),
                                             file});
    QVERIFY(holder.waitForReadyRead(10000));
    QCOMPARE(holder.readAllStandardOutput().trimmed(), QByteArray("locked"));
    ExperimentLock lock(dir.path());
    QVERIFY(!lock.tryLock());
    holder.kill();
    QVERIFY(holder.waitForFinished(10000));
    QVERIFY(lock.tryLock()); // released by the operating system with the process
    QVERIFY(lock.holder().startsWith(QStringLiteral("pid %1 ").arg(QCoreApplication::applicationPid())));
}

void TestExperimentLock::lockFileInAFolderThatCannotExistIsAStorageProblem()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ExperimentLock lock(dir.filePath(QStringLiteral("file/results")));
    QVERIFY_THROWS_EXCEPTION(StorageError, lock.tryLock());
}

QTEST_GUILESS_MAIN(TestExperimentLock)
#include "tst_experimentlock.moc"
