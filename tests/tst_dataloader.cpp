// DataLoader answers only the newest request of each kind, and stops reading what nobody waits for.
#include "dataloader.h"

#include "support/sampledata.h"

#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestDataLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aPreviewLeftBehindStopsReadingItsFile();
};

// The user picks a large file, sees its first rows, and picks another while the large one's
// columns are still counted over the whole file: that read stops, and only the new file is answered.
void TestDataLoader::aPreviewLeftBehindStopsReadingItsFile()
{
    QTemporaryDir dir;
    const QString large = dir.filePath(QStringLiteral("large.csv"));
    {
        QFile file(large);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray text = "a,b,c,d\n";
        for (int i = 0; i < 20000; ++i)
            text += QByteArray::number(i) + ",1.5,2.5,text\n";
        file.write(text);
    }
    const QString wine = sampleDatasetPath(QStringLiteral("wine.csv"));

    // One pool thread, held busy while the large file's rows are shown, so its whole-file read waits
    // in the queue until the user has picked the other file: then it stops at its first ask,
    // however fast or slow the machine.
    QThreadPool* pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    pool->setMaxThreadCount(1);
    QSemaphore moveOn;
    DataLoader loader;
    QSignalSpy read(&loader, &DataLoader::previewRead);
    QSignalSpy profiled(&loader, &DataLoader::profiled);
    QSignalSpy stopped(&loader, &DataLoader::profileStopped);
    connect(&loader, &DataLoader::previewRead, this, [&](const QString& file) {
        if (file != large)
            return;
        pool->start([&moveOn] { moveOn.acquire(); }); // before the whole-file read is queued
        QTimer::singleShot(0, &loader, [&] {
            loader.readPreview(wine, 20);
            moveOn.release();
        });
    });
    loader.readPreview(large, 20);

    QTRY_COMPARE(profiled.count(), 1);
    QCOMPARE(profiled.front().front().toString(), wine);
    QCOMPARE(profiled.front().at(2).toInt(), 178);
    QTRY_COMPARE(stopped.count(), 1);
    QCOMPARE(stopped.front().front().toString(), large);
    QCOMPARE(read.count(), 2);
    QCOMPARE(profiled.count(), 1); // never the large file's
    pool->setMaxThreadCount(threads);
}

QTEST_MAIN(TestDataLoader)
#include "tst_dataloader.moc"
