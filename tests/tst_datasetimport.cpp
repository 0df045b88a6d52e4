// copyIntoWorkspace: a data file from outside the workspace lands in WORKSPACE/datasets/ under a
// free name, an identical file already there is reused, a different one is never replaced, and a
// file already inside the workspace is only made relative.
#include "store/datasetimport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// Files in datasets/, hidden ones (a temporary copy left behind) included.
QStringList datasetFiles(const QString& workspace)
{
    return QDir(workspace + QStringLiteral("/datasets"))
        .entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestDatasetImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outsideFileIsCopiedUnderItsName();
    void identicalFileIsReused();
    void differentFileOfTheSameNameGetsAFreeName();
    void fileInsideTheWorkspaceIsNotCopied();
    void missingFileThrows();
};

void TestDatasetImport::outsideFileIsCopiedUnderItsName()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString outside = dir.filePath(QStringLiteral("elsewhere/houses.csv"));
    // More than one copy chunk, so the chunked copy is checked too.
    QByteArray bytes = "a,b\n";
    while (bytes.size() < 3 * 1024 * 1024)
        bytes += QByteArray::number(bytes.size()) + ",1\n";
    writeFile(outside, bytes);

    QCOMPARE(copyIntoWorkspace(workspace, outside), QStringLiteral("datasets/houses.csv"));
    QCOMPARE(readFile(workspace + QStringLiteral("/datasets/houses.csv")), bytes);
    QCOMPARE(readFile(outside), bytes); // a copy: the original stays
    QCOMPARE(datasetFiles(workspace), QStringList{QStringLiteral("houses.csv")});
}

void TestDatasetImport::identicalFileIsReused()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    const QString first = dir.filePath(QStringLiteral("a/iris.csv"));
    const QString sameBytes = dir.filePath(QStringLiteral("b/iris.csv"));
    writeFile(first, "x,y\n1,2\n");
    writeFile(sameBytes, "x,y\n1,2\n");

    QCOMPARE(copyIntoWorkspace(workspace, first), QStringLiteral("datasets/iris.csv"));
    QCOMPARE(copyIntoWorkspace(workspace, sameBytes), QStringLiteral("datasets/iris.csv"));
    QCOMPARE(copyIntoWorkspace(workspace, first), QStringLiteral("datasets/iris.csv"));
    QCOMPARE(datasetFiles(workspace), QStringList{QStringLiteral("iris.csv")});
}

void TestDatasetImport::differentFileOfTheSameNameGetsAFreeName()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    writeFile(workspace + QStringLiteral("/datasets/iris.csv"), "kept\n");
    writeFile(workspace + QStringLiteral("/datasets/iris-2.csv"), "also kept\n");
    const QString outside = dir.filePath(QStringLiteral("new/iris.csv"));
    writeFile(outside, "x,y\n3,4\n");

    QCOMPARE(copyIntoWorkspace(workspace, outside), QStringLiteral("datasets/iris-3.csv"));
    QCOMPARE(readFile(workspace + QStringLiteral("/datasets/iris.csv")), QByteArray("kept\n"));
    QCOMPARE(readFile(workspace + QStringLiteral("/datasets/iris-2.csv")), QByteArray("also kept\n"));
    QCOMPARE(readFile(workspace + QStringLiteral("/datasets/iris-3.csv")), QByteArray("x,y\n3,4\n"));
    // Chosen again, the copy made is found among the taken names and reused.
    QCOMPARE(copyIntoWorkspace(workspace, outside), QStringLiteral("datasets/iris-3.csv"));
    QCOMPARE(datasetFiles(workspace), (QStringList{QStringLiteral("iris-2.csv"), QStringLiteral("iris-3.csv"),
                                                   QStringLiteral("iris.csv")}));

    // A name without a suffix numbers the whole name.
    const QString plain = dir.filePath(QStringLiteral("new/table"));
    writeFile(workspace + QStringLiteral("/datasets/table"), "other\n");
    writeFile(plain, "t\n");
    QCOMPARE(copyIntoWorkspace(workspace, plain), QStringLiteral("datasets/table-2"));
}

void TestDatasetImport::fileInsideTheWorkspaceIsNotCopied()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    writeFile(workspace + QStringLiteral("/data/own.csv"), "x\n1\n");
    QCOMPARE(copyIntoWorkspace(workspace, workspace + QStringLiteral("/data/own.csv")),
             QStringLiteral("data/own.csv"));
    QVERIFY(!QFileInfo::exists(workspace + QStringLiteral("/datasets")));
}

void TestDatasetImport::missingFileThrows()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nowhere.csv"));
    try {
        copyIntoWorkspace(dir.filePath(QStringLiteral("ws")), missing);
        QFAIL("a missing file was copied");
    } catch (const StorageError& e) {
        QVERIFY2(e.message().contains(missing), qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestDatasetImport)
#include "tst_datasetimport.moc"
