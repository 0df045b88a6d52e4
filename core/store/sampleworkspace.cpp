#include "sampleworkspace.h"

#include "common/atomicfile.h"
#include "experiment/experimentreader.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace seedscape {

namespace {

QByteArray readResource(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StorageError(QStringLiteral("%1: built-in resource missing").arg(path));
    return file.readAll();
}

} // namespace

int SampleWorkspace::create(const QString& folder)
{
    const Workspace workspace(folder);
    const QDir datasets(QStringLiteral(":/seedscape/datasets"));
    for (const QString& name : datasets.entryList(QDir::Files, QDir::Name)) {
        const QString target = folder + QStringLiteral("/datasets/") + name;
        if (!QFileInfo::exists(target))
            AtomicFile::write(target, readResource(datasets.filePath(name)));
    }
    const QDir examples(QStringLiteral(":/seedscape/examples"));
    // The example training programs of the command experiments go to programs/, runnable.
    for (const QString& name : examples.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
        const QString target = folder + QStringLiteral("/programs/") + name;
        if (!QFileInfo::exists(target)) {
            AtomicFile::write(target, readResource(examples.filePath(name)));
            QFile(target).setPermissions(QFile::permissions(target) | QFile::ExeOwner | QFile::ExeGroup |
                                         QFile::ExeOther);
        }
    }
    for (const QString& name : examples.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        Experiment e =
            ExperimentReader::fromJson(readResource(examples.filePath(name)), examples.filePath(name));
        // The examples point at ../datasets/; in the workspace the data sits in datasets/.
        e.dataset.path = QStringLiteral("datasets/") + QFileInfo(e.dataset.path).fileName();
        if (e.isCommand())
            e.model.command.workdir = QStringLiteral("programs");
        if (!workspace.contains(e.name))
            workspace.save(e);
    }
    return static_cast<int>(workspace.experimentNames().size());
}

QString SampleWorkspace::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/seedscape/sample-workspace");
}

} // namespace seedscape
