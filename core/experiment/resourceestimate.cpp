#include "resourceestimate.h"

#include "common/inputerror.h"
#include "experimentnames.h"

#include <QFile>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace seedscape {

namespace {

constexpr double kBytesPerValue = 4; // the trainers compute in float32

QString withSeparators(double n)
{
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(n)));
}

QString whatIsKept(const TrainingSpec& t)
{
    if (t.optimizer == OptimizerKind::SGD)
        return t.momentum > 0 ? QStringLiteral("weights, gradients, momentum")
                              : QStringLiteral("weights, gradients");
    return QStringLiteral("weights, gradients, %1's two moments").arg(names::optimizer(t.optimizer));
}

} // namespace

ResourceEstimate::ResourceEstimate(const Experiment& experiment, const DataShape& data, int seeds, int jobs)
    : m_experiment(experiment), m_data(data), m_seeds(std::max(1, seeds)), m_jobs(std::max(1, jobs)),
      m_seedsTogether(std::min(m_seeds, kSeedsPerGroup * m_jobs))
{
    // Linear layers in → hidden… → outputs, each with a bias; layer norm adds a gain and a shift.
    double in = std::max(1, data.features);
    for (int width : experiment.model.hidden) {
        m_parameters += in * width + width;
        if (experiment.model.layerNorm)
            m_parameters += 2.0 * width;
        in = width;
    }
    m_parameters += in * data.outputs + data.outputs;
}

int ResourceEstimate::valuesPerParameter() const
{
    const TrainingSpec& t = m_experiment.training;
    const int optimizerState = t.optimizer == OptimizerKind::SGD ? (t.momentum > 0 ? 1 : 0) : 2;
    return 2 + optimizerState;
}

double ResourceEstimate::parameterBytes() const
{
    return m_parameters * valuesPerParameter() * kBytesPerValue * m_seedsTogether;
}

double ResourceEstimate::activationBytes() const
{
    // Per row: the inputs, each hidden layer's linear output, activation and dropout mask, and
    // the outputs; twice, for the values and their gradients.
    double widths = m_data.features + m_data.outputs;
    for (int width : m_experiment.model.hidden)
        widths += 3.0 * width;
    const double batch = std::min(m_experiment.training.batchSize, std::max(1, m_data.trainRows));
    return 2 * batch * widths * kBytesPerValue * m_seedsTogether;
}

double ResourceEstimate::sweepSeconds() const
{
    // Per parameter and row: 2 operations forward, 4 more backward for training rows; the other
    // rows are scored once per epoch (forward only).
    const double perEpoch =
        m_parameters * (6.0 * m_data.trainRows + 2.0 * std::max(0, m_data.rows - m_data.trainRows));
    const double perSeed = perEpoch * m_experiment.training.epochs;
    const double rounds = std::ceil(static_cast<double>(m_seeds) / m_jobs);
    return perSeed * rounds / kFlopsPerSecond;
}

void ResourceEstimate::requireFits(double availableBytes, const QString& file) const
{
    if (availableBytes <= 0 || memoryBytes() <= availableBytes)
        return;
    throw InputError(
        {file, 0, {}, QStringLiteral("model.hidden")},
        QStringLiteral("the model cannot fit in memory: training needs about %1 (%2 parameters × %3 values "
                       "(%4) × 4 bytes × %5 trained together, plus %6 of activations for a batch), "
                       "but %7 is available; use fewer or narrower layers, or fewer seeds")
            .arg(formatBytes(memoryBytes()), withSeparators(m_parameters))
            .arg(valuesPerParameter())
            .arg(whatIsKept(m_experiment.training))
            .arg(m_seedsTogether == 1 ? QStringLiteral("1 seed")
                                      : QStringLiteral("%1 seeds").arg(m_seedsTogether))
            .arg(formatBytes(activationBytes()), formatBytes(availableBytes)));
}

std::optional<QString> ResourceEstimate::durationWarning(const QString& file) const
{
    const double seconds = sweepSeconds();
    if (seconds <= kWarnAfterSeconds)
        return std::nullopt;
    return InputError::format(
        {file, 0, {}, QStringLiteral("training.epochs")},
        QStringLiteral("%1 epochs of %2 training rows with %3 parameters, %4 seeds on %5 threads: roughly "
                       "%6 of training (estimated at 1 GFLOP/s per thread; early stopping may end it sooner)")
            .arg(withSeparators(m_experiment.training.epochs), withSeparators(m_data.trainRows),
                 withSeparators(m_parameters), withSeparators(m_seeds), withSeparators(m_jobs),
                 formatDuration(seconds)));
}

ResourceEstimate::DataShape ResourceEstimate::shapeOf(const PreparedData& data)
{
    const Dataset& d = data.dataset;
    return {d.featureCount(), d.task == Task::Multiclass ? d.classCount() : 1, d.rowCount(),
            static_cast<int>(data.split.train.size())};
}

double ResourceEstimate::availableMemoryBytes()
{
    QFile file(QStringLiteral("/proc/meminfo"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    // /proc files report size 0, so atEnd() is true at once: read them whole.
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' '); // "MemAvailable: 123456 kB"
        if (parts.size() >= 2 && parts[0] == "MemAvailable:")
            return parts[1].toDouble() * 1024;
    }
    return 0;
}

QString ResourceEstimate::formatBytes(double bytes)
{
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = 0;
    while (bytes >= 1024 && unit < 6) {
        bytes /= 1024;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1 bytes").arg(bytes, 0, 'f', 0)
                     : QStringLiteral("%1 %2").arg(bytes, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString ResourceEstimate::formatDuration(double seconds)
{
    struct Unit
    {
        double seconds;
        const char* name;
    };
    const Unit units[] = {{365.25 * 86400, "years"}, {86400, "days"}, {3600, "hours"}, {60, "minutes"}};
    for (const Unit& u : units)
        if (seconds >= u.seconds)
            return QStringLiteral("%1 %2").arg(
                QLocale(QLocale::English).toString(seconds / u.seconds, 'f', 1), QLatin1String(u.name));
    return QStringLiteral("%1 seconds").arg(seconds, 0, 'f', 0);
}

} // namespace seedscape
