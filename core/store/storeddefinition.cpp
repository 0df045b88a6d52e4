#include "storeddefinition.h"

#include "common/atomicfile.h"
#include "common/countednoun.h"
#include "common/inputerror.h"
#include "experiment/experimentfingerprint.h"
#include "experiment/experimentwriter.h"
#include "resultstore.h"

#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

#include <map>

namespace seedscape {

namespace {

using json = nlohmann::json;

// Fields that do not change what a seed computes (see experimentFingerprint).
bool outsideFingerprint(const std::string& path)
{
    return path == "name" || path == "dataset.path" || path == "seeds.count" || path == "seeds.list" ||
           path == "tags" || path == "notes";
}

void flatten(const json& value, const std::string& path, std::map<std::string, std::string>& out)
{
    if (value.is_object()) {
        for (const auto& [key, child] : value.items())
            flatten(child, path.empty() ? key : path + "." + key, out);
        return;
    }
    if (!outsideFingerprint(path))
        out[path] = value.dump();
}

std::map<std::string, std::string> fields(const QByteArray& definitionJson)
{
    std::map<std::string, std::string> out;
    const json parsed = json::parse(definitionJson.constData(), nullptr, false);
    if (!parsed.is_discarded())
        flatten(parsed, "", out);
    return out;
}

QString shown(const std::map<std::string, std::string>& values, const std::string& path)
{
    const auto it = values.find(path);
    return it == values.end() ? QStringLiteral("(none)") : QString::fromStdString(it->second);
}

// Seeds recorded before program files were have none, so nothing changed since them: they are let be.
void checkSameProgram(const QString& name, const std::vector<SeedResult>& stored, const ProgramFiles& program,
                      const QString& resultsFolder)
{
    int others = 0;
    QStringList changed;
    for (const SeedResult& r : stored) {
        if (!r.isFinished())
            continue;
        const QStringList files = program.changedSince(r.programFiles);
        if (files.isEmpty())
            continue;
        ++others;
        for (const QString& file : files)
            if (!changed.contains(file))
                changed << file;
    }
    if (others == 0)
        return;
    throw InputError(
        {resultsFolder},
        QStringLiteral("experiment \"%1\" has %2 that ran another version of %3; new seeds would mix "
                       "two programs. Undo the change, or save the experiment under another name as a "
                       "variant (Duplicate as variant in the window) to train the new program's seeds apart")
            .arg(name, countedNoun(others, QStringLiteral("finished seed")),
                 changed.join(QStringLiteral(", "))));
}

} // namespace

QString StoredDefinition::fileName()
{
    return QStringLiteral("definition.json");
}

QStringList StoredDefinition::changedFields(const QByteArray& beforeJson, const QByteArray& afterJson)
{
    const auto before = fields(beforeJson);
    const auto after = fields(afterJson);
    std::map<std::string, bool> paths;
    for (const auto& [path, value] : before)
        paths[path] = true;
    for (const auto& [path, value] : after)
        paths[path] = true;
    QStringList changed;
    for (const auto& [path, unused] : paths)
        if (shown(before, path) != shown(after, path))
            changed << QStringLiteral("%1: %2 → %3")
                           .arg(QString::fromStdString(path), shown(before, path), shown(after, path));
    return changed;
}

void StoredDefinition::checkComparable(const Experiment& current, const QString& resultsFolder,
                                       const ProgramFiles& program)
{
    const QString fingerprint = experimentFingerprint(current);
    const std::vector<SeedResult> seeds = ResultStore(resultsFolder).load(false);
    // Failed seeds have no scores to mix with: fixing what they failed with (the interpreter, a
    // path in the command line) is the usual next step, as for their program files.
    int others = 0;
    for (const SeedResult& r : seeds)
        if (r.isFinished() && !r.experimentFingerprint.isEmpty() && r.experimentFingerprint != fingerprint)
            ++others;
    if (others == 0) {
        checkSameProgram(current.name, seeds, program, resultsFolder);
        return;
    }
    QFile stored(QDir(resultsFolder).filePath(fileName()));
    QStringList changed;
    if (stored.open(QIODevice::ReadOnly))
        changed = changedFields(stored.readAll(), ExperimentWriter::toJson(current));
    const QString what = changed.isEmpty()
                             ? QStringLiteral("its definition changed")
                             : QStringLiteral("changed: %1").arg(changed.join(QStringLiteral("; ")));
    throw InputError(
        {resultsFolder},
        QStringLiteral("experiment \"%1\" has %2 trained with another definition (%3); "
                       "new seeds would mix the two. Undo the change, or save the new definition "
                       "under another name as a variant (Duplicate as variant in the window)")
            .arg(current.name, countedNoun(others, QStringLiteral("finished seed")), what));
}

void StoredDefinition::write(const Experiment& current, const QString& resultsFolder)
{
    AtomicFile::write(QDir(resultsFolder).filePath(fileName()), ExperimentWriter::toJson(current));
}

} // namespace seedscape
