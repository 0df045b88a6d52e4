#include "experimentcolourfile.h"

#include "common/atomicfile.h"
#include "common/fnv1a.h"
#include "common/inputerror.h"
#include "common/storageerror.h"
#include "common/strictjsonparser.h"

#include <QFile>
#include <QFileInfo>

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
        throw InputError({path}, QStringLiteral("not a colours file: %1").arg(StrictJsonParser::readable(e)));
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
                                                         int paletteSize, const Groups& groups)
{
    experiments.sort();
    experiments.removeDuplicates();
    Slots slots;
    const size_t size = static_cast<size_t>(std::max(1, paletteSize));
    std::vector<int> uses(size, 0);
    std::map<QString, std::vector<int>> usesInGroup; // by group: how many of its experiments use each slot
    const auto groupOf = [&groups](const QString& name) {
        const auto found = groups.find(name);
        return found == groups.end() ? QString() : found->second;
    };
    const auto take = [&](const QString& name, int slot) {
        slots[name] = slot;
        ++uses[static_cast<size_t>(slot)];
        if (const QString group = groupOf(name); !group.isEmpty()) {
            std::vector<int>& inGroup = usesInGroup[group];
            inGroup.resize(size, 0);
            ++inGroup[static_cast<size_t>(slot)];
        }
    };
    // A remembered slot that an earlier experiment (by name) of the same group already holds is a
    // clash: two experiments plotted together in one colour and shape. It was given before the
    // experiment's truth rows, and so its group, were known; it is given again while the group has
    // a slot left (with more experiments than slots, some must share).
    const auto clashes = [&](const QString& name, int slot) {
        const QString group = groupOf(name);
        if (group.isEmpty() || !usesInGroup.count(group))
            return false;
        const std::vector<int>& inGroup = usesInGroup.at(group);
        return inGroup[static_cast<size_t>(slot)] > 0 && std::count(inGroup.begin(), inGroup.end(), 0) > 0;
    };
    QStringList fresh;
    for (const QString& name : experiments) {
        const auto known = remembered.find(name);
        if (known != remembered.end() && known->second >= 0 && known->second < paletteSize &&
            !clashes(name, known->second))
            take(name, known->second);
        else
            fresh << name;
    }
    for (const QString& name : fresh) {
        // Least used in its group (a colour apart from those it is plotted with), then overall,
        // then the lowest: the lowest free slot while there is one.
        const QString group = groupOf(name);
        const std::vector<int> none(size, 0);
        const std::vector<int>& inGroup =
            group.isEmpty() || !usesInGroup.count(group) ? none : usesInGroup.at(group);
        size_t best = 0;
        for (size_t slot = 1; slot < size; ++slot)
            if (std::pair(inGroup[slot], uses[slot]) < std::pair(inGroup[best], uses[best]))
                best = slot;
        take(name, static_cast<int>(best));
    }
    return slots;
}

ExperimentColourFile::Slots ExperimentColourFile::update(const QString& workspaceFolder,
                                                         const QStringList& experiments, int paletteSize,
                                                         QString* problem)
{
    Slots remembered;
    bool damaged = false;
    try {
        remembered = read(workspaceFolder);
    } catch (const InputError& e) {
        // The names' order decides again, and the file is written anew: every colour may change,
        // so it is said, and the old file is kept to look at (or put back, if a newer Seedscape
        // wrote it).
        damaged = true;
        const QString path = pathOf(workspaceFolder);
        // One that cannot be opened (for now) is not moved; it is written anew if it can be.
        const bool kept = QFileInfo(path).isReadable() &&
                          (!QFile::exists(path + QStringLiteral(".damaged")) ||
                           QFile::remove(path + QStringLiteral(".damaged"))) &&
                          QFile::rename(path, path + QStringLiteral(".damaged"));
        if (problem)
            *problem =
                QStringLiteral("%1; colours were given anew%2")
                    .arg(e.message(),
                         kept ? QStringLiteral(", and the old file is kept as %1.damaged").arg(fileName())
                              : QString());
    }
    // Each experiment's group: the bytes of its truth rows, which experiments plotted together share.
    // Read for every experiment, also remembered ones: a slot given before an experiment's first
    // seed wrote its rows may clash within the group it then joined.
    Groups groups;
    for (const QString& name : experiments) {
        QFile labels(workspaceFolder + QStringLiteral("/results/") + name + QStringLiteral("/labels.json"));
        if (labels.open(QIODevice::ReadOnly))
            groups[name] = fnv1a64(labels.readAll());
    }
    const Slots slots = assign(remembered, experiments, paletteSize, groups);
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
