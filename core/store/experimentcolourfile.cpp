#include "experimentcolourfile.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "common/storageerror.h"

#include <QFile>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

namespace seedscape {

namespace {

QString pathOf(const QString& workspaceFolder)
{
    return workspaceFolder + QLatin1Char('/') + ExperimentColourFile::fileName();
}

} // namespace

QString ExperimentColourFile::fileName()
{
    return QStringLiteral("colours.json");
}

ExperimentColourFile::Slots ExperimentColourFile::read(const QString& workspaceFolder)
{
    const QString path = pathOf(workspaceFolder);
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        throw InputError({path}, QStringLiteral("cannot open: %1").arg(file.errorString()));
    Slots slots;
    try {
        const auto root = nlohmann::json::parse(file.readAll().toStdString());
        if (root.at("format").get<int>() > 1)
            throw InputError({path, 0, {}, QStringLiteral("format")},
                             QStringLiteral("written by a newer Seedscape"));
        if (!root.at("slots").is_object())
            throw InputError({path, 0, {}, QStringLiteral("slots")}, QStringLiteral("not an object"));
        for (const auto& [name, slot] : root.at("slots").items()) {
            if (!slot.is_number_integer() || slot.get<int>() < 0)
                throw InputError({path, 0, {}, QStringLiteral("slots.") + QString::fromStdString(name)},
                                 QStringLiteral("not a palette slot"));
            slots[QString::fromStdString(name)] = slot.get<int>();
        }
    } catch (const nlohmann::json::exception& e) {
        throw InputError({path}, QStringLiteral("not a colours file: %1").arg(QString::fromUtf8(e.what())));
    }
    return slots;
}

void ExperimentColourFile::write(const QString& workspaceFolder, const Slots& slots)
{
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    root["format"] = 1;
    nlohmann::ordered_json names = nlohmann::ordered_json::object();
    for (const auto& [name, slot] : slots)
        names[name.toStdString()] = slot;
    root["slots"] = names;
    AtomicFile::write(pathOf(workspaceFolder), QByteArray::fromStdString(root.dump(1) + "\n"));
}

ExperimentColourFile::Slots ExperimentColourFile::assign(const Slots& remembered, QStringList experiments,
                                                         int paletteSize)
{
    experiments.sort();
    experiments.removeDuplicates();
    Slots slots;
    std::vector<int> uses(static_cast<size_t>(std::max(1, paletteSize)), 0);
    QStringList fresh;
    for (const QString& name : experiments) {
        const auto known = remembered.find(name);
        if (known != remembered.end() && known->second >= 0 && known->second < paletteSize) {
            slots[name] = known->second;
            ++uses[static_cast<size_t>(known->second)];
        } else {
            fresh << name;
        }
    }
    for (const QString& name : fresh) {
        // The first of the least used: the lowest free slot while there is one.
        const auto least = std::min_element(uses.begin(), uses.end());
        slots[name] = static_cast<int>(least - uses.begin());
        ++*least;
    }
    return slots;
}

ExperimentColourFile::Slots ExperimentColourFile::update(const QString& workspaceFolder,
                                                         const QStringList& experiments, int paletteSize)
{
    Slots remembered;
    bool damaged = false;
    try {
        remembered = read(workspaceFolder);
    } catch (const InputError&) {
        damaged = true; // the names' order decides again, and the file is written anew
    }
    const Slots slots = assign(remembered, experiments, paletteSize);
    if (damaged || slots != remembered) {
        try {
            write(workspaceFolder, slots);
        } catch (const StorageError&) {
            // a read-only workspace: the colours hold for this session
        }
    }
    return slots;
}

} // namespace seedscape
