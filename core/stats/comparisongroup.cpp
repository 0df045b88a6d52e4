#include "comparisongroup.h"

#include "common/fnv1a.h"
#include "experiment/experimentnames.h"
#include "store/experimentresults.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include <map>

namespace seedscape {

namespace {

// The same FNV-1a 64 as common/fnv1a.h, fed in pieces so a large file is never held whole.
class Fnv1a64
{
public:
    void add(const char* bytes, qint64 size)
    {
        for (qint64 i = 0; i < size; ++i) {
            m_hash ^= static_cast<unsigned char>(bytes[i]);
            m_hash *= 0x100000001b3ULL;
        }
    }
    void add(const QByteArray& bytes) { add(bytes.constData(), bytes.size()); }
    QString hex() const { return QStringLiteral("%1").arg(m_hash, 16, 16, QLatin1Char('0')); }

private:
    quint64 m_hash = 0xcbf29ce484222325ULL;
};

struct CachedHash
{
    qint64 size;
    QDateTime modified;
    QString hash;
};

QString splitText(const SplitSpec& split)
{
    if (split.usesColumn())
        return QStringLiteral("split column %1").arg(split.column);
    return QStringLiteral("split %1/%2 seed %3").arg(split.validation).arg(split.test).arg(split.seed);
}

} // namespace

QString ComparisonGroup::fileHash(const QString& path)
{
    static QMutex mutex;
    static QHash<QString, CachedHash> cache;
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    const QString absolute = info.absoluteFilePath();
    {
        const QMutexLocker lock(&mutex);
        const auto it = cache.constFind(absolute);
        if (it != cache.constEnd() && it->size == info.size() && it->modified == info.lastModified())
            return it->hash;
    }
    QFile file(absolute);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Fnv1a64 hash;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty())
            break;
        hash.add(chunk);
    }
    const QMutexLocker lock(&mutex);
    cache.insert(absolute, {info.size(), info.lastModified(), hash.hex()});
    return hash.hex();
}

QString ComparisonGroup::labelsHashOf(const ExperimentLabels& labels)
{
    Fnv1a64 hash;
    const auto text = [&](const QString& s) {
        hash.add(s.toUtf8());
        hash.add("\n", 1);
    };
    text(names::task(labels.task));
    text(names::metric(labels.metric));
    text(labels.classNames.join(QLatin1Char('\x1f')));
    for (const auto* rows : {&labels.validation, &labels.test}) {
        text(QString::number(rows->size()));
        for (double v : *rows)
            hash.add(QByteArray::number(v, 'g', 17) + ' ');
    }
    return hash.hex();
}

ComparisonGroup ComparisonGroup::ofLabels(const ExperimentLabels& labels)
{
    ComparisonGroup g;
    g.task = labels.task;
    g.metric = labels.metric;
    g.labelsHash = labelsHashOf(labels);
    g.validationRows = static_cast<int>(labels.validation.size());
    g.testRows = static_cast<int>(labels.test.size());
    g.key = QStringLiteral("labels:%1").arg(g.labelsHash);
    return g;
}

ComparisonGroup ComparisonGroup::ofDefinition(const DatasetSpec& dataset, const QString& dataFile,
                                              const ExperimentLabels& labels)
{
    ComparisonGroup g = ofLabels(labels); // task and metric as resolved when the seeds were scored
    g.defined = true;
    g.dataPath = dataset.path;
    g.dataHash = fileHash(dataFile);
    g.target = dataset.target;
    g.missing = dataset.missing;
    g.split = dataset.split;
    // A data file gone since is still known by its truth rows: the labels hash stays in the key.
    const QString split = dataset.split.usesColumn()
                              ? QStringLiteral("column=%1").arg(dataset.split.column)
                              : QStringLiteral("%1/%2/%3")
                                    .arg(QString::number(dataset.split.validation, 'g', 17),
                                         QString::number(dataset.split.test, 'g', 17))
                                    .arg(dataset.split.seed);
    const QString parts =
        QStringList{QStringLiteral("data:") + (g.dataHash.isEmpty() ? QStringLiteral("?") : g.dataHash),
                    g.target,
                    names::task(g.task),
                    split,
                    dataset.missing == MissingPolicy::Drop ? QStringLiteral("drop") : QStringLiteral("error"),
                    names::metric(g.metric),
                    g.labelsHash}
            .join(QLatin1Char('\x1f'));
    g.key = QStringLiteral("definition:") + fnv1a64(parts.toUtf8()); // short and stable in JSON
    return g;
}

ComparisonGroup ComparisonGroup::of(const ExperimentResults& results)
{
    // Without a readable definition (imported, or damaged) the truth rows still say which rows.
    if (results.folder.isEmpty() || !results.definition)
        return ofLabels(results.labels);
    const QString workspace = QDir::cleanPath(results.folder + QStringLiteral("/../.."));
    return ofDefinition(results.definition->dataset, results.definition->dataset.resolvedPath(workspace),
                        results.labels);
}

QString ComparisonGroup::description() const
{
    const QString scored = QStringLiteral("%1, %2").arg(names::task(task), names::metric(metric));
    const QString rows = QStringLiteral("%1 validation and %2 test rows").arg(validationRows).arg(testRows);
    if (!defined)
        return QStringLiteral("imported labels (%1), %2, %3").arg(labelsHash.left(8), scored, rows);
    return QStringLiteral("%1 (%2), target %3, %4, %5, %6")
        .arg(dataPath, dataHash.isEmpty() ? QStringLiteral("file not found") : dataHash.left(8), target,
             scored, splitText(split), rows);
}

std::vector<std::vector<size_t>> ComparisonGroup::partition(const std::vector<const ComparisonGroup*>& groups,
                                                            const std::vector<Metric>& metrics)
{
    std::vector<std::vector<size_t>> out;
    std::map<QString, size_t> index;
    for (size_t i = 0; i < groups.size(); ++i) {
        const QString key =
            groups[i]->key.isEmpty() ? QStringLiteral("metric:") + names::metric(metrics[i]) : groups[i]->key;
        const auto [it, added] = index.emplace(key, out.size());
        if (added)
            out.emplace_back();
        out[it->second].push_back(i);
    }
    return out;
}

} // namespace seedscape
