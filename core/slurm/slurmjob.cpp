#include "slurmjob.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <nlohmann/json.hpp>

namespace seedscape {

namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

std::string str(const QString& s)
{
    return s.toStdString();
}

QString text(const json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

int number(const json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

} // namespace

QString SlurmJob::scriptFile() const
{
    return folder + QStringLiteral("/submit.sh");
}

QString SlurmJob::taskOutputFile(int task) const
{
    return folder + QStringLiteral("/task-%1.out").arg(task);
}

QString SlurmJob::taskRecordFile(int task) const
{
    return folder + QStringLiteral("/task-%1.json").arg(task);
}

int SlurmJob::seedCount() const
{
    int n = 0;
    for (const auto& seeds : tasks)
        n += static_cast<int>(seeds.size());
    return n;
}

void SlurmJob::write() const
{
    ordered root = ordered::object();
    root["format"] = kFormat;
    root["job_id"] = str(jobId);
    root["experiment"] = str(experiment);
    root["experiment_fingerprint"] = str(fingerprint);
    root["engine"] = str(engine);
    if (!programFiles.isEmpty()) {
        ordered files = ordered::object();
        for (auto it = programFiles.hashes().cbegin(); it != programFiles.hashes().cend(); ++it)
            files[str(it.key())] = str(it.value());
        root["program_files"] = files;
    }
    root["tasks"] = tasks;
    ordered sbatchArgs = ordered::array();
    for (const QString& a : options.sbatchArgs)
        sbatchArgs.push_back(str(a));
    root["options"] = {{"partition", str(options.partition)},
                       {"time", str(options.time)},
                       {"cpus_per_task", options.cpusPerTask},
                       {"gpus_per_task", options.gpusPerTask},
                       {"max_parallel", options.maxParallel},
                       {"seeds_per_task", options.seedsPerTask},
                       {"sbatch_args", sbatchArgs}};
    root["cli"] = str(cli);
    root["submitted_at"] = str(submittedAt.toString(Qt::ISODateWithMs));
    root["cancelled_at"] =
        cancelledAt.isValid() ? ordered(str(cancelledAt.toString(Qt::ISODateWithMs))) : ordered(nullptr);
    AtomicFile::write(folder + QStringLiteral("/job.json"), QByteArray::fromStdString(root.dump(1) + "\n"));
}

SlurmJob SlurmJob::read(const QString& folder)
{
    const QString path = folder + QStringLiteral("/job.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError({path}, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const json root = json::parse(file.readAll().toStdString(), nullptr, false);
    if (!root.is_object())
        throw InputError({path}, QStringLiteral("not a job record (invalid JSON)"));
    SlurmJob job;
    job.folder = folder;
    job.jobId = text(root, "job_id");
    job.experiment = text(root, "experiment");
    job.fingerprint = text(root, "experiment_fingerprint");
    job.engine = text(root, "engine");
    if (const auto files = root.find("program_files"); files != root.end() && files->is_object()) {
        QMap<QString, QString> hashes;
        for (const auto& [name, hash] : files->items())
            hashes.insert(QString::fromStdString(name),
                          hash.is_string() ? QString::fromStdString(hash) : QString());
        job.programFiles = ProgramFiles(hashes);
    }
    job.cli = text(root, "cli");
    job.submittedAt = QDateTime::fromString(text(root, "submitted_at"), Qt::ISODateWithMs);
    job.cancelledAt = QDateTime::fromString(text(root, "cancelled_at"), Qt::ISODateWithMs);
    const auto tasks = root.find("tasks");
    if (tasks == root.end() || !tasks->is_array())
        throw InputError({path, 0, {}, QStringLiteral("tasks")}, QStringLiteral("missing or not a list"));
    for (size_t i = 0; i < tasks->size(); ++i) {
        const json& seeds = (*tasks)[i];
        if (!seeds.is_array())
            throw InputError({path, 0, {}, QStringLiteral("tasks[%1]").arg(i)},
                             QStringLiteral("must be a list of seeds"));
        std::vector<quint64>& out = job.tasks.emplace_back();
        for (const json& seed : seeds) {
            if (!seed.is_number_unsigned())
                throw InputError({path, 0, {}, QStringLiteral("tasks[%1]").arg(i)},
                                 QStringLiteral("must hold seeds"));
            out.push_back(seed.get<quint64>());
        }
    }
    if (job.experiment.isEmpty())
        throw InputError({path, 0, {}, QStringLiteral("experiment")}, QStringLiteral("missing"));
    if (const auto o = root.find("options"); o != root.end() && o->is_object()) {
        job.options.partition = text(*o, "partition");
        job.options.time = text(*o, "time");
        job.options.cpusPerTask = number(*o, "cpus_per_task");
        job.options.gpusPerTask = number(*o, "gpus_per_task");
        job.options.maxParallel = number(*o, "max_parallel");
        job.options.seedsPerTask = number(*o, "seeds_per_task");
        if (const auto a = o->find("sbatch_args"); a != o->end() && a->is_array())
            for (const json& arg : *a)
                if (arg.is_string())
                    job.options.sbatchArgs << QString::fromStdString(arg.get<std::string>());
    }
    return job;
}

std::vector<SlurmJob> SlurmJob::readAll(const QString& workspaceFolder, QStringList* problems)
{
    std::vector<SlurmJob> jobs;
    const QDir results(workspaceFolder + QStringLiteral("/results"));
    for (const QString& experiment : results.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir slurm(results.filePath(experiment) + QStringLiteral("/slurm"));
        for (const QString& submission : slurm.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            try {
                jobs.push_back(read(slurm.filePath(submission)));
            } catch (const InputError& e) {
                if (problems)
                    *problems << e.message();
            }
        }
    }
    std::stable_sort(jobs.begin(), jobs.end(),
                     [](const SlurmJob& a, const SlurmJob& b) { return a.submittedAt < b.submittedAt; });
    return jobs;
}

QString SlurmJob::newSubmissionName()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-') +
           QString::number(QRandomGenerator::system()->generate() & 0xFFFFFF, 16)
               .rightJustified(6, QLatin1Char('0'));
}

} // namespace seedscape
