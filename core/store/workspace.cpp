#include "workspace.h"

#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "common/nearestword.h"
#include "experiment/experimentreader.h"
#include "experiment/experimentvalidator.h"
#include "experiment/experimentwriter.h"
#include "store/labelsfile.h"
#include "store/storeddefinition.h"

#include <QDir>
#include <QFileInfo>

namespace seedscape {

namespace {

// A workspace's file NAME.experiment.json must hold the experiment NAME (fileName).
InputError nameNotOfFile(const QString& file, const QString& name, const QString& fileName)
{
    return InputError({file, 0, {}, QStringLiteral("name")},
                      QStringLiteral("\"%1\" does not match the file name; in a workspace it must be \"%2\"")
                          .arg(name, fileName));
}

} // namespace

Workspace::Workspace(const QString& folder) : m_folder(QDir::cleanPath(QDir(folder).absolutePath()))
{
    if (QFileInfo(m_folder).exists() && !QFileInfo(m_folder).isDir())
        throw StorageError(QStringLiteral("%1: is a file, not a workspace folder").arg(m_folder));
    if (!QDir().mkpath(m_folder))
        throw StorageError(QStringLiteral("%1: cannot create the workspace folder").arg(m_folder));
}

const QString& Workspace::experimentSuffix()
{
    static const QString suffix = QStringLiteral(".experiment.json");
    return suffix;
}

std::optional<QString> Workspace::nameProblem(const QString& name)
{
    const qsizetype bytes = name.toUtf8().size();
    const qsizetype limit = kMaxFileNameBytes - experimentSuffix().toUtf8().size();
    if (bytes > limit)
        return QStringLiteral("is %1 bytes long in UTF-8; file names allow at most %2 bytes for it (%3 "
                              "with the suffix %4)")
            .arg(bytes)
            .arg(limit)
            .arg(kMaxFileNameBytes)
            .arg(experimentSuffix());
    return std::nullopt;
}

QString Workspace::experimentFile(const QString& name) const
{
    return m_folder + QLatin1Char('/') + name + experimentSuffix();
}

QString Workspace::resultsFolder(const QString& name) const
{
    return m_folder + QStringLiteral("/results/") + name;
}

std::vector<WorkspaceEntry> Workspace::scan() const
{
    std::vector<WorkspaceEntry> entries;
    const QStringList files =
        QDir(m_folder).entryList({QLatin1Char('*') + experimentSuffix()}, QDir::Files, QDir::Name);
    for (const QString& fileName : files) {
        WorkspaceEntry entry;
        entry.file = m_folder + QLatin1Char('/') + fileName;
        try {
            entry.experiment = experiment(fileName.chopped(experimentSuffix().size()));
        } catch (const InputError& e) {
            entry.error = e.message();
        }
        entries.push_back(std::move(entry));
    }
    // Predictions imported from elsewhere: their results alone (ExperimentResults reads them alike).
    const QDir results(m_folder + QStringLiteral("/results"));
    for (const QString& name : results.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (isImported(name)) {
            WorkspaceEntry entry;
            entry.file = results.filePath(name);
            entry.importedName = name;
            entry.fileMissing = QFileInfo::exists(storedDefinitionFile(name)); // isImported holds
            entries.push_back(std::move(entry));
        }
    return entries;
}

QStringList Workspace::experimentNames() const
{
    QStringList names;
    for (const WorkspaceEntry& entry : scan())
        if (entry.experiment)
            names << entry.experiment->name;
    return names;
}

bool Workspace::contains(const QString& name) const
{
    return QFileInfo::exists(experimentFile(name));
}

Experiment Workspace::experiment(const QString& name) const
{
    const QString file = experimentFile(name);
    Experiment e = ExperimentReader::readFile(file);
    if (e.name != name)
        throw nameNotOfFile(file, e.name, name);
    return e;
}

bool Workspace::isImported(const QString& name) const
{
    return !name.isEmpty() && !contains(name) && LabelsFile::exists(resultsFolder(name));
}

bool Workspace::fileMissing(const QString& name) const
{
    return isImported(name) && QFileInfo::exists(storedDefinitionFile(name));
}

Experiment Workspace::restoreExperimentFile(const QString& name) const
{
    if (contains(name))
        throw InputError({experimentFile(name)},
                         QStringLiteral("the experiment file exists; nothing to restore"));
    if (!fileMissing(name))
        throw InputError(
            {resultsFolder(name)},
            isImported(name)
                ? QStringLiteral("imported predictions keep no definition to restore a file from")
                : QStringLiteral("no stored seeds of an experiment named \"%1\"").arg(name));
    Experiment experiment = ExperimentReader::readFile(storedDefinitionFile(name));
    experiment.name = name; // renamed since (rename moves the folder, not the words in it)
    save(experiment);
    return experiment;
}

QString Workspace::storedDefinitionFile(const QString& name) const
{
    return resultsFolder(name) + QLatin1Char('/') + StoredDefinition::fileName();
}

QStringList Workspace::takenNames() const
{
    QStringList names;
    for (const WorkspaceEntry& entry : scan())
        if (entry.experiment || entry.isImported())
            names << (entry.experiment ? entry.experiment->name : entry.importedName);
        else // a file that does not read is still a user's file: its name is not free
            names << QFileInfo(entry.file).fileName().chopped(experimentSuffix().size());
    return names;
}

InputError Workspace::noSuchExperiment(const QString& name) const
{
    const auto meant = nearestWord(name, takenNames());
    return InputError({m_folder},
                      QStringLiteral("no experiment named '%1' here%2")
                          .arg(name, meant ? QStringLiteral("; did you mean '%1'?").arg(*meant) : QString()));
}

Experiment Workspace::definedExperiment(const QString& name, const QString& forWhat) const
{
    if (contains(name))
        return experiment(name);
    if (fileMissing(name))
        throw InputError(
            {experimentFile(name)},
            QStringLiteral("file not found; its seeds keep the definition they were trained with: "
                           "seedscape-cli restore --workspace %1 --experiment %2 writes it back")
                .arg(m_folder, name));
    if (isImported(name))
        throw InputError({experimentFile(name)},
                         QStringLiteral("imported predictions keep no definition %1").arg(forWhat));
    throw noSuchExperiment(name);
}

void Workspace::requireNameOfFile(const QString& file, const QString& name) const
{
    const QFileInfo info(file);
    if (!info.fileName().endsWith(experimentSuffix()) ||
        info.absoluteDir().canonicalPath() != QDir(m_folder).canonicalPath())
        return;
    const QString fileName = info.fileName().chopped(experimentSuffix().size());
    if (name != fileName)
        throw nameNotOfFile(file, name, fileName);
}

QString Workspace::datasetPath(const Experiment& experiment) const
{
    return experiment.dataset.resolvedPath(m_folder);
}

CommandPlaces Workspace::commandPlaces(const QString& name) const
{
    const QString results = resultsFolder(name);
    return {m_folder, results + QStringLiteral("/parts"), results + QStringLiteral("/runs")};
}

PreparedData Workspace::prepareData(const Experiment& experiment) const
{
    return prepareDataOfFile(experiment, experimentFile(experiment.name)); // data paths from m_folder
}

QString Workspace::dataFile(const Experiment& experiment) const
{
    return experiment.dataset.resolvedPath(QFileInfo(experimentFile(experiment.name)).absolutePath());
}

DatasetLoader::Use Workspace::dataUse(const Experiment& experiment)
{
    return experiment.isCommand() ? DatasetLoader::Use::TargetOnly : DatasetLoader::Use::Features;
}

PreparedData Workspace::prepareDataOfFile(const Experiment& experiment, const QString& experimentFile)
{
    PreparedData data =
        PreparedData::prepare(experiment.dataset.resolvedPath(QFileInfo(experimentFile).absolutePath()),
                              experiment.dataset, dataUse(experiment));
    if (const auto problem = ExperimentValidator::validateMetricForData(experiment, data.dataset.task))
        throw InputError({experimentFile, 0, {}, problem->field}, problem->message);
    return data;
}

void Workspace::save(const Experiment& experiment) const
{
    ExperimentWriter::writeFile(experiment, experimentFile(experiment.name));
}

Experiment Workspace::add(Experiment experiment, const QString& sourceFolder) const
{
    if (QDir::isRelativePath(experiment.dataset.path)) {
        const QString absolute = experiment.dataset.resolvedPath(sourceFolder);
        experiment.dataset.path = QDir(m_folder).relativeFilePath(absolute);
    }
    if (experiment.isCommand() && QDir::isRelativePath(experiment.model.command.workdir))
        // The program's folder, found from the workspace as from the file.
        experiment.model.command.workdir =
            QDir(m_folder).relativeFilePath(experiment.model.command.resolvedWorkdir(sourceFolder));
    if (fileMissing(experiment.name))
        throw InputError({experimentFile(experiment.name)},
                         QStringLiteral("the workspace has seeds of \"%1\" whose experiment file is missing; "
                                        "write it back first (seedscape-cli restore --workspace %2 "
                                        "--experiment %1), or rename the new experiment")
                             .arg(experiment.name, m_folder));
    if (isImported(experiment.name))
        throw InputError({resultsFolder(experiment.name)},
                         QStringLiteral("the workspace has imported predictions named \"%1\"; rename the new "
                                        "experiment")
                             .arg(experiment.name));
    if (contains(experiment.name)) {
        const Experiment stored = this->experiment(experiment.name);
        Experiment comparable = experiment;
        comparable.seeds.count = stored.seeds.count;
        comparable.tags = stored.tags; // the user's words about it do not make it another experiment
        comparable.notes = stored.notes;
        if (!(comparable == stored))
            throw InputError({experimentFile(experiment.name)},
                             QStringLiteral("the workspace already has a different experiment named \"%1\"; "
                                            "rename the new one")
                                 .arg(experiment.name));
        return stored;
    }
    save(experiment);
    return experiment;
}

} // namespace seedscape
