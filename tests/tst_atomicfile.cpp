// AtomicFile on a full disk: a save that cannot be written whole fails, names the file and why, and
// leaves the old file as it was, with no temporary file beside it. RLIMIT_FSIZE stands in for a full
// disk or a used-up quota (writes past it fail with EFBIG, as they would with ENOSPC or EDQUOT).
#include "common/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace seedscape;

class TestAtomicFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAndReplaces();
    void aFullDiskKeepsTheOldFile_data();
    void aFullDiskKeepsTheOldFile();
    void aFullDiskMakesNoNewFile();
    void keepsTheReplacedFilesPermissions();
    void writesThroughASymbolicLink();
};

namespace {

// Writes past limitBytes fail while it lives (SIGXFSZ ignored, so the write returns EFBIG instead of
// ending the test).
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t limitBytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_before);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = m_before;
        limited.rlim_cur = limitBytes;
        m_active = setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_before);
        std::signal(SIGXFSZ, m_handler);
    }
    bool active() const { return m_active; }

private:
    rlimit m_before{};
    void (*m_handler)(int) = SIG_DFL;
    bool m_active = false;
};

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

} // namespace

void TestAtomicFile::writesAndReplaces()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/folder/record.json"));
    AtomicFile::write(path, "first");
    QCOMPARE(contents(path), QByteArray("first"));
    AtomicFile::write(path, "second, longer");
    QCOMPARE(contents(path), QByteArray("second, longer"));
    AtomicFile::write(path, QByteArray());
    QCOMPARE(QFileInfo(path).size(), 0); // an empty file asked for is no error
    QCOMPARE(QDir(dir.filePath(QStringLiteral("sub/folder"))).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("record.json")});
}

void TestAtomicFile::aFullDiskKeepsTheOldFile_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("smaller than a write buffer") << 1000;
    QTest::newRow("larger than a write buffer") << 200000;
}

void TestAtomicFile::aFullDiskKeepsTheOldFile()
{
    QFETCH(int, size);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("labels.json"));
    AtomicFile::write(path, "{\"the\": \"old, good file\"}");
    QString message;
    {
        const FileSizeLimit full(64);
        QVERIFY(full.active());
        try {
            AtomicFile::write(path, QByteArray(size, 'x'));
        } catch (const StorageError& e) {
            message = e.message();
        }
    }
    QVERIFY2(message.startsWith(path + QStringLiteral(": cannot write: ")), qPrintable(message));
    QVERIFY2(message.contains(QString::fromLocal8Bit(strerror(EFBIG))), qPrintable(message));
    QCOMPARE(contents(path), QByteArray("{\"the\": \"old, good file\"}"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("labels.json")});
}

void TestAtomicFile::aFullDiskMakesNoNewFile()
{
    QTemporaryDir dir;
    bool thrown = false;
    {
        const FileSizeLimit full(16);
        QVERIFY(full.active());
        try {
            AtomicFile::write(dir.filePath(QStringLiteral("seed-7.bin")), QByteArray(4096, '\1'));
        } catch (const StorageError&) {
            thrown = true;
        }
    }
    QVERIFY(thrown);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestAtomicFile::keepsTheReplacedFilesPermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.experiment.json"));
    AtomicFile::write(path, "{}");
    QVERIFY(chmod(QFile::encodeName(path).constData(), 0640) == 0);
    AtomicFile::write(path, "{\"notes\": \"x\"}");
    struct stat st
    {
    };
    QVERIFY(stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));
    // A new file gets what the umask allows, as any program's would.
    const mode_t mask = umask(022);
    umask(mask);
    const QString fresh = dir.filePath(QStringLiteral("fresh.json"));
    AtomicFile::write(fresh, "{}");
    QVERIFY(stat(QFile::encodeName(fresh).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0666 & ~mask));
}

void TestAtomicFile::writesThroughASymbolicLink()
{
    // An experiment file kept elsewhere (in a repository, say) and linked into the workspace.
    QTemporaryDir dir;
    const QString real = dir.filePath(QStringLiteral("elsewhere/model.experiment.json"));
    AtomicFile::write(real, "{}");
    const QString link = dir.filePath(QStringLiteral("ws/model.experiment.json"));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("ws"))));
    QVERIFY(QFile::link(real, link));
    AtomicFile::write(link, "{\"notes\": \"saved\"}");
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(contents(real), QByteArray("{\"notes\": \"saved\"}"));
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
