#include "slurmtaskrecord.h"

#include "common/atomicfile.h"

#include <QFile>

#include <nlohmann/json.hpp>

namespace seedscape {

void SlurmTaskRecord::write(const QString& file) const
{
    nlohmann::ordered_json root = {{"format", 1},
                                   {"task", task},
                                   {"state", state.toStdString()},
                                   {"reason", reason.toStdString()},
                                   {"host", host.toStdString()},
                                   {"pid", pid},
                                   {"restarts", restarts},
                                   {"finished_seeds", finishedSeeds},
                                   {"failed_seeds", failedSeeds},
                                   {"skipped_seeds", skippedSeeds},
                                   {"started_at", startedAt.toString(Qt::ISODateWithMs).toStdString()},
                                   {"ended_at", endedAt.toString(Qt::ISODateWithMs).toStdString()}};
    AtomicFile::write(file, QByteArray::fromStdString(root.dump(1) + "\n"));
}

std::optional<SlurmTaskRecord> SlurmTaskRecord::read(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const auto root = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (!root.is_object() || !root.contains("state") || !root["state"].is_string())
        return std::nullopt;
    const auto text = [&](const char* key) {
        return root.contains(key) && root[key].is_string()
                   ? QString::fromStdString(root[key].get<std::string>())
                   : QString();
    };
    const auto number = [&](const char* key) {
        return root.contains(key) && root[key].is_number_integer() ? root[key].get<qint64>() : 0;
    };
    SlurmTaskRecord r;
    r.task = static_cast<int>(number("task"));
    r.state = text("state");
    r.reason = text("reason");
    r.host = text("host");
    r.pid = number("pid");
    r.restarts = static_cast<int>(number("restarts"));
    r.finishedSeeds = static_cast<int>(number("finished_seeds"));
    r.failedSeeds = static_cast<int>(number("failed_seeds"));
    r.skippedSeeds = static_cast<int>(number("skipped_seeds"));
    r.startedAt = QDateTime::fromString(text("started_at"), Qt::ISODateWithMs);
    r.endedAt = QDateTime::fromString(text("ended_at"), Qt::ISODateWithMs);
    return r;
}

} // namespace seedscape
