#include "watchedfolder.h"

#include <QDir>
#include <QFileInfo>

namespace seedscape {

namespace {

// A folder of this many entries of any kind (data, logs) is not a code folder; walking it before
// every seed would take longer than the seed.
constexpr int kEntriesPerFile = 10;

struct Walk
{
    int limit;
    int entriesLeft;
    QStringList files;
    bool tooMany = false;

    void visit(const QDir& root, const QString& relative)
    {
        // Hidden entries are left out (no QDir::Hidden), links to files are followed (a file is what it
        // points at) and links to folders are not: they may lead out of the code or round in a circle.
        const QFileInfoList all = QDir(relative.isEmpty() ? root.path() : root.filePath(relative))
                                      .entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo& entry : all) {
            if (tooMany)
                return;
            if (--entriesLeft < 0) {
                tooMany = true;
                return;
            }
            const QString name =
                relative.isEmpty() ? entry.fileName() : relative + QLatin1Char('/') + entry.fileName();
            if (entry.isDir()) {
                if (!entry.isSymLink() && entry.fileName() != QLatin1String("__pycache__"))
                    visit(root, name);
            } else if (entry.isFile() && WatchedFolder::isProgramFile(entry.fileName())) {
                if (files.size() == limit) {
                    tooMany = true;
                    return;
                }
                files << name;
            }
        }
    }
};

} // namespace

QStringList WatchedFolder::extensions()
{
    return {QStringLiteral("py"),    QStringLiteral("pyx"),   QStringLiteral("pxd"),  QStringLiteral("pyi"),
            QStringLiteral("ipynb"), QStringLiteral("jl"),    QStringLiteral("r"),    QStringLiteral("m"),
            QStringLiteral("sh"),    QStringLiteral("bash"),  QStringLiteral("lua"),  QStringLiteral("js"),
            QStringLiteral("ts"),    QStringLiteral("c"),     QStringLiteral("cc"),   QStringLiteral("cpp"),
            QStringLiteral("cxx"),   QStringLiteral("h"),     QStringLiteral("hpp"),  QStringLiteral("cu"),
            QStringLiteral("cuh"),   QStringLiteral("rs"),    QStringLiteral("go"),   QStringLiteral("java"),
            QStringLiteral("kt"),    QStringLiteral("scala"), QStringLiteral("json"), QStringLiteral("yaml"),
            QStringLiteral("yml"),   QStringLiteral("toml"),  QStringLiteral("cfg"),  QStringLiteral("ini")};
}

bool WatchedFolder::isProgramFile(const QString& fileName)
{
    static const QStringList known = extensions();
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    return dot > 0 && known.contains(fileName.mid(dot + 1).toLower());
}

QStringList WatchedFolder::files(const QString& folder, int limit, bool* tooMany)
{
    Walk walk{limit, limit * kEntriesPerFile, {}};
    walk.visit(QDir(folder), QString());
    if (tooMany)
        *tooMany = walk.tooMany;
    return walk.files;
}

} // namespace seedscape
