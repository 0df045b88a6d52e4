#pragma once

#include "command/commandplaces.h"
#include "common/inputerror.h"
#include "data/preparedata.h"
#include "experiment/experiment.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace seedscape {

// One experiment file found in a workspace: its definition, or why it could not be read.
struct WorkspaceEntry
{
    QString file; // the experiment file; an imported experiment's results folder
    std::optional<Experiment> experiment;
    QString error;            // set when experiment is empty and the file cannot be read
    QString importedName;     // set for results/NAME with no experiment file: imported predictions, or…
    bool fileMissing = false; // …seeds trained here whose file was removed (the results keep its definition)

    bool isImported() const { return !importedName.isEmpty(); }
};

// A workspace is a folder:
//   NAME.experiment.json   one experiment definition per file (format 1)
//   results/NAME/          what its seeds produced
// Dataset paths in the experiment files are relative to the workspace folder (or absolute).
class Workspace
{
public:
    // Opens the folder, creating it when it does not exist. Throws StorageError if it cannot.
    explicit Workspace(const QString& folder);

    static const QString& experimentSuffix();
    // Why a name cannot be an experiment's file name here, e.g. "is 300 bytes long in UTF-8; …": the
    // longest file name the workspace makes of it (NAME.experiment.json) must fit the 255 bytes
    // file systems allow. Characters are ExperimentValidator::validateName's concern.
    static std::optional<QString> nameProblem(const QString& name);
    static constexpr int kMaxFileNameBytes = 255;

    QString path() const { return m_folder; }
    QString experimentFile(const QString& name) const;
    QString resultsFolder(const QString& name) const;

    // Every experiment file, sorted by name; unreadable ones carry their error instead of throwing.
    // Then the imported experiments (results/NAME with its labels and no file), sorted by name.
    std::vector<WorkspaceEntry> scan() const;
    QStringList experimentNames() const;
    bool contains(const QString& name) const; // an experiment file of this name
    // Predictions imported under this name: results/NAME with its labels and no experiment file.
    bool isImported(const QString& name) const;
    // A trained experiment whose file is gone (removed by hand, or by a git checkout): its results
    // keep the definition their seeds were trained with (StoredDefinition). Imported ones keep none.
    bool fileMissing(const QString& name) const;
    // Writes that definition back as NAME.experiment.json (atomic) and returns it. Throws InputError,
    // naming the file, when NAME has an experiment file, its results keep no definition, or the kept
    // definition cannot be read.
    Experiment restoreExperimentFile(const QString& name) const;
    // Every name an experiment has here, defined or imported: a new experiment must take another.
    QStringList takenNames() const;
    // The error for a name the workspace has no experiment of (no file, no imported results):
    // "DIR: no experiment named 'wine-mpl' here; did you mean 'wine-mlp'?" when one is that close.
    InputError noSuchExperiment(const QString& name) const;
    // experiment(name) for a command that needs the definition; without a file, throws InputError
    // saying why: the file was removed (restore writes it back), the name is imported predictions
    // (which keep no definition forWhat, e.g. "to train a seed again from"), or no such experiment.
    Experiment definedExperiment(const QString& name, const QString& forWhat) const;
    // Throws InputError when the file is missing, invalid, or names another experiment.
    Experiment experiment(const QString& name) const;
    // A file in this folder named NAME.experiment.json holds the experiment NAME: throws InputError
    // (field "name") when its name says otherwise; files elsewhere may name anything.
    void requireNameOfFile(const QString& file, const QString& name) const;
    QString datasetPath(const Experiment& experiment) const;
    // Where a command experiment's workdir is taken from and its split parts and runs go:
    // results/NAME/parts/ and results/NAME/runs/SEED/.
    CommandPlaces commandPlaces(const QString& name) const;
    // Data as the experiment's engine needs it: for a command experiment the target alone.
    PreparedData prepareData(const Experiment& experiment) const;
    // The file and the reading prepareData uses, for PreparedDataCache to give the same data
    // without reading the file again.
    QString dataFile(const Experiment& experiment) const;
    static DatasetLoader::Use dataUse(const Experiment& experiment);
    // The same for an experiment file anywhere (relative data paths from its folder): reads the data
    // as the experiment says, and refuses (InputError on "metric", naming the file) a metric that cannot
    // score the task the data gave. What check, run and submit read before the workspace changes.
    static PreparedData prepareDataOfFile(const Experiment& experiment, const QString& experimentFile);

    // Atomic save of a definition that already has workspace-relative paths.
    void save(const Experiment& experiment) const;
    // Adds a definition written in sourceFolder, re-basing a relative dataset path so that it still
    // finds the data. An experiment of the same name is kept if its definition is the same apart
    // from the seed count; a different one is an InputError. Returns the stored definition.
    Experiment add(Experiment experiment, const QString& sourceFolder) const;

private:
    QString storedDefinitionFile(const QString& name) const;

    QString m_folder;
};

} // namespace seedscape
