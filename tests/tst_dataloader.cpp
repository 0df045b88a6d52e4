// DataLoader answers only the newest request of each kind, and stops reading what nobody waits for.
#include "dataloader.h"

#include "support/sampledata.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
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
        for (int i = 0; i < 400000; ++i)
            text += QByteArray::number(i) + ",1.5,2.5,text\n";
        file.write(text);
    }
    const QString wine = sampleDatasetPath(QStringLiteral("wine.csv"));

    DataLoader loader;
    QSignalSpy read(&loader, &DataLoader::previewRead);
    QSignalSpy profiled(&loader, &DataLoader::profiled);
    QSignalSpy stopped(&loader, &DataLoader::profileStopped);
    // Right after the large file's rows are shown, its whole-file read has begun on the pool.
    connect(&loader, &DataLoader::previewRead, this, [&](const QString& file) {
        if (file == large)
            QTimer::singleShot(0, &loader, [&] { loader.readPreview(wine, 20); });
    });
    loader.readPreview(large, 20);

    QTRY_COMPARE(profiled.count(), 1);
    QCOMPARE(profiled.front().front().toString(), wine);
    QCOMPARE(profiled.front().at(2).toInt(), 178);
    QTRY_COMPARE(stopped.count(), 1);
    QCOMPARE(stopped.front().front().toString(), large);
    QCOMPARE(read.count(), 2);
    QCOMPARE(profiled.count(), 1); // never the large file's
}

QTEST_MAIN(TestDataLoader)
#include "tst_dataloader.moc"
