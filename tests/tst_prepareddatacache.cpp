// PreparedDataCache: one read per file version and settings, shared by threads asking together.
#include "common/inputerror.h"
#include "data/prepareddatacache.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <future>

using namespace seedscape;

class TestPreparedDataCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameFileAndSettingsHitTheCache();
    void changedFileIsReadAgain();
    void otherSettingsAreAnotherEntry();
    void failuresAreNotKept();
    void threadsAskingTogetherShareOneRead();
    void oldestEntryMakesRoom();

private:
    static QString writeCsv(const QTemporaryDir& dir, int rows);
    static DatasetSpec spec();
};

QString TestPreparedDataCache::writeCsv(const QTemporaryDir& dir, int rows)
{
    const QString path = dir.filePath(QStringLiteral("data.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write("x,y\n");
    for (int i = 0; i < rows; ++i)
        file.write(QByteArray::number(i) + ',' + QByteArray::number(i * 0.5 + (i % 3)) + '\n');
    return path;
}

DatasetSpec TestPreparedDataCache::spec()
{
    DatasetSpec s;
    s.path = QStringLiteral("data.csv");
    s.target = QStringLiteral("y");
    return s;
}

void TestPreparedDataCache::sameFileAndSettingsHitTheCache()
{
    QTemporaryDir dir;
    const QString path = writeCsv(dir, 40);
    PreparedDataCache cache;
    const auto first = cache.get(path, spec());
    const auto second = cache.get(path, spec());
    QCOMPARE(cache.reads(), 1);
    QCOMPARE(first.get(), second.get());
    QCOMPARE(first->dataset.rowCount(), 40);
}

void TestPreparedDataCache::changedFileIsReadAgain()
{
    QTemporaryDir dir;
    const QString path = writeCsv(dir, 40);
    PreparedDataCache cache;
    QCOMPARE(cache.get(path, spec())->dataset.rowCount(), 40);
    writeCsv(dir, 60); // another size
    QCOMPARE(cache.get(path, spec())->dataset.rowCount(), 60);
    QCOMPARE(cache.reads(), 2);
    // Same size, another modification time: read again too.
    writeCsv(dir, 60);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
    file.close();
    cache.get(path, spec());
    QCOMPARE(cache.reads(), 3);
    cache.get(path, spec());
    QCOMPARE(cache.reads(), 3);
}

void TestPreparedDataCache::otherSettingsAreAnotherEntry()
{
    QTemporaryDir dir;
    const QString path = writeCsv(dir, 40);
    PreparedDataCache cache;
    DatasetSpec other = spec();
    other.split.seed = 7;
    cache.get(path, spec());
    cache.get(path, other);
    cache.get(path, spec());
    QCOMPARE(cache.reads(), 2);
}

void TestPreparedDataCache::failuresAreNotKept()
{
    QTemporaryDir dir;
    const QString path = writeCsv(dir, 40);
    PreparedDataCache cache;
    DatasetSpec wrong = spec();
    wrong.target = QStringLiteral("nope");
    QVERIFY_THROWS_EXCEPTION(InputError, cache.get(path, wrong));
    QVERIFY_THROWS_EXCEPTION(InputError, cache.get(path, wrong));
    QCOMPARE(cache.reads(), 2);
    QVERIFY_THROWS_EXCEPTION(InputError, cache.get(dir.filePath(QStringLiteral("missing.csv")), spec()));
}

void TestPreparedDataCache::threadsAskingTogetherShareOneRead()
{
    QTemporaryDir dir;
    const QString path = writeCsv(dir, 20000);
    PreparedDataCache cache;
    std::vector<std::future<const PreparedData*>> futures;
    for (int i = 0; i < 8; ++i)
        futures.push_back(std::async(std::launch::async, [&] { return cache.get(path, spec()).get(); }));
    std::vector<const PreparedData*> got;
    for (auto& f : futures)
        got.push_back(f.get());
    const PreparedData* first = got.front();
    for (const PreparedData* p : got)
        QCOMPARE(p, first);
    QCOMPARE(cache.reads(), 1);
    QCOMPARE(first->dataset.rowCount(), 20000);
}

void TestPreparedDataCache::oldestEntryMakesRoom()
{
    QTemporaryDir dir;
    const QString path = writeCsv(dir, 40);
    PreparedDataCache cache(2);
    DatasetSpec a = spec(), b = spec(), c = spec();
    b.split.seed = 2;
    c.split.seed = 3;
    cache.get(path, a);
    cache.get(path, b);
    cache.get(path, a); // a is now the most recently used
    cache.get(path, c); // b makes room
    cache.get(path, a);
    QCOMPARE(cache.reads(), 3);
    cache.get(path, b);
    QCOMPARE(cache.reads(), 4);
}

QTEST_GUILESS_MAIN(TestPreparedDataCache)
#include "tst_prepareddatacache.moc"
