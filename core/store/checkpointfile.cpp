#include "checkpointfile.h"

#include "common/atomicfile.h"
#include "common/fnv1a.h"

#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

namespace seedscape {

namespace {

constexpr int kFormat = 1;

// The checkpoint in a file, or nothing with the reason when it is not a whole one of ours.
std::optional<CheckpointFile> parse(const QByteArray& bytes, QString* problem)
{
    const qsizetype newline = bytes.indexOf('\n');
    if (newline < 0) {
        *problem = QStringLiteral("no header");
        return std::nullopt;
    }
    const nlohmann::json header = nlohmann::json::parse(bytes.left(newline).toStdString(), nullptr, false);
    if (header.is_discarded() || !header.is_object() || header.value("format", 0) != kFormat) {
        *problem = QStringLiteral("not a checkpoint of this version");
        return std::nullopt;
    }
    try {
        CheckpointFile c;
        c.engine = QString::fromStdString(header.at("engine").get<std::string>());
        c.fingerprint = QString::fromStdString(header.at("fingerprint").get<std::string>());
        c.seeds = header.at("seeds").get<std::vector<quint64>>();
        c.epoch = header.at("epoch").get<int>();
        c.state = bytes.mid(newline + 1);
        if (c.seeds.empty() || c.state.size() != header.at("bytes").get<qsizetype>() ||
            fnv1a64(c.state).toStdString() != header.at("fnv1a64").get<std::string>()) {
            *problem = QStringLiteral("damaged (size or hash differs from its header)");
            return std::nullopt;
        }
        return c;
    } catch (const nlohmann::json::exception&) {
        *problem = QStringLiteral("header fields missing or of the wrong type");
        return std::nullopt;
    }
}

} // namespace

QString CheckpointFile::folder(const QString& resultsFolder)
{
    return QDir(resultsFolder).filePath(QStringLiteral("checkpoints"));
}

int CheckpointFile::count(const QString& resultsFolder)
{
    return static_cast<int>(
        QDir(folder(resultsFolder)).entryList({QStringLiteral("*.ckpt")}, QDir::Files).size());
}

QString CheckpointFile::path(const QString& resultsFolder, quint64 firstSeed)
{
    return QDir(folder(resultsFolder)).filePath(QStringLiteral("%1.ckpt").arg(firstSeed));
}

void CheckpointFile::write(const QString& resultsFolder) const
{
    nlohmann::json header = {{"format", kFormat},
                             {"engine", engine.toStdString()},
                             {"fingerprint", fingerprint.toStdString()},
                             {"seeds", seeds},
                             {"epoch", epoch},
                             {"bytes", state.size()},
                             {"fnv1a64", fnv1a64(state).toStdString()}};
    AtomicFile::write(path(resultsFolder, seeds.front()),
                      QByteArray::fromStdString(header.dump()) + '\n' + state);
}

std::vector<CheckpointFile> CheckpointFile::readAll(const QString& resultsFolder, QStringList* problems,
                                                    QStringList* damagedFiles)
{
    std::vector<CheckpointFile> all;
    const QDir dir(folder(resultsFolder));
    for (const QString& name : dir.entryList({QStringLiteral("*.ckpt")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        QString problem = QStringLiteral("cannot be read");
        std::optional<CheckpointFile> checkpoint;
        if (file.open(QIODevice::ReadOnly))
            checkpoint = parse(file.readAll(), &problem);
        if (checkpoint)
            all.push_back(std::move(*checkpoint));
        else {
            if (problems)
                *problems << QStringLiteral("%1: %2").arg(file.fileName(), problem);
            // Damaged: read whole but not a checkpoint. One that could not be opened (for now) or
            // that another version wrote may still be good: it stays.
            if (damagedFiles && file.isOpen() && problem != QLatin1String("not a checkpoint of this version"))
                *damagedFiles << file.fileName();
        }
    }
    return all;
}

QStringList CheckpointFile::removeDamaged(const QString& resultsFolder)
{
    QStringList problems, files, removed;
    readAll(resultsFolder, &problems, &files);
    for (const QString& problem : problems)
        for (const QString& file : files)
            if (problem.startsWith(file + QStringLiteral(": ")) && QFile::remove(file))
                removed << problem;
    return removed;
}

void CheckpointFile::removeLeftovers(const QString& resultsFolder)
{
    const QDir dir(folder(resultsFolder));
    for (const QString& name : dir.entryList({QStringLiteral(".*.ckpt.*.tmp")}, QDir::Files | QDir::Hidden))
        QFile::remove(dir.filePath(name));
}

void CheckpointFile::remove(const QString& resultsFolder, quint64 firstSeed)
{
    QFile::remove(path(resultsFolder, firstSeed));
}

} // namespace seedscape
