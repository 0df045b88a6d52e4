#include "splitpartswriter.h"

#include "common/atomicfile.h"

#include <QDir>
#include <QFile>

#include <stdexcept>

namespace seedscape {

namespace {

QByteArray partBytes(const Dataset& data, const std::vector<int>& rows)
{
    QByteArray bytes = SplitPartsWriter::csvLine(data.header) + '\n';
    for (int r : rows)
        bytes += SplitPartsWriter::csvLine(data.cells[static_cast<size_t>(r)]) + '\n';
    return bytes;
}

void writeIfChanged(const QString& path, const QByteArray& bytes)
{
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.size() == bytes.size() && existing.readAll() == bytes)
        return;
    AtomicFile::write(path, bytes);
}

} // namespace

QByteArray SplitPartsWriter::csvLine(const QStringList& cells)
{
    QByteArray line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += ',';
        const QByteArray cell = cells[i].toUtf8();
        const bool quote = cell.contains(',') || cell.contains('"') || cell.contains('\n') ||
                           cell.contains('\r') || cell != cell.trimmed();
        if (quote)
            line += '"' + QByteArray(cell).replace("\"", "\"\"") + '"';
        else
            line += cell;
    }
    return line;
}

SplitPartFiles SplitPartsWriter::write(const PreparedData& data, const QString& folder)
{
    if (data.dataset.header.isEmpty() || data.dataset.cells.size() != data.dataset.target.size())
        throw std::logic_error("SplitPartsWriter needs data loaded with DatasetLoader::Use::TargetOnly");
    if (!QDir().mkpath(folder))
        throw StorageError(QStringLiteral("%1: cannot create the folder for the split parts").arg(folder));
    const SplitPartFiles files{folder + QStringLiteral("/train.csv"), folder + QStringLiteral("/val.csv"),
                               folder + QStringLiteral("/test.csv")};
    writeIfChanged(files.train, partBytes(data.dataset, data.split.train));
    writeIfChanged(files.validation, partBytes(data.dataset, data.split.validation));
    writeIfChanged(files.test, partBytes(data.dataset, data.split.test));
    return files;
}

} // namespace seedscape
