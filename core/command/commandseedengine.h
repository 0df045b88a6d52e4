#pragma once

#include "commandplaces.h"
#include "data/splitpartswriter.h"
#include "store/experimentlabels.h"
#include "train/seedengine.h"
#include "train/seedresultassembler.h"

namespace seedscape {

// Trains a command experiment's seeds with the user's own program, one process per seed
// (docs/interfaces.md, "Command experiments"): the program gets the seed, the split parts and an
// empty output folder through its environment, writes predictions.csv, and Seedscape scores it
// with its own metric code under the import rules. A non-zero exit, a timeout or bad predictions
// fail the seed; the record keeps why and the last lines of stderr, the log keeps all of it.
class CommandSeedEngine final : public SeedEngine
{
public:
    // Writes the split parts (places.partsFolder) unless they hold the same bytes: StorageError.
    CommandSeedEngine(const Experiment& experiment, std::shared_ptr<const PreparedData> data,
                      CommandPlaces places);

    static QString engineName() { return QStringLiteral("command"); }
    QString name() const override { return engineName(); }
    int maxGroupSize() const override { return 1; }
    int maxParallelJobs() const override { return m_experiment.model.command.parallel; }
    std::vector<SeedResult> train(const std::vector<quint64>& seeds,
                                  const TrainingControl& control) const override;
    Metric metric() const override { return m_metric; }
    ProgramFiles programFiles() const override { return m_programFiles; }

    // The program's executable, or empty with *problem saying what is missing.
    QString program(QString* problem) const;
    QString workdir() const;
    const SplitPartFiles& parts() const { return m_parts; }
    // The environment a seed's program starts with: ours and the SEEDSCAPE_ variables.
    QStringList environment(quint64 seed, const QString& outputFolder) const;
    // Folder of a seed's run: output/ and log.txt.
    QString runFolder(quint64 seed) const;
    // The wait between SIGTERM and SIGKILL when a seed is cancelled or times out (tests shorten it).
    void setGraceMilliseconds(int ms) { m_graceMs = ms; }

private:
    SeedResult trainOne(quint64 seed, const TrainingControl& control) const;
    void score(SeedResult& result, const QString& predictionsFile, double seconds) const;

    Experiment m_experiment;
    std::shared_ptr<const PreparedData> m_data;
    CommandPlaces m_places;
    SplitPartFiles m_parts;
    Metric m_metric;
    ExperimentLabels m_labels;
    SeedResultAssembler m_assembler;
    ProgramFiles m_programFiles; // read when the engine is made: a seed started after an edit fails
    int m_graceMs;
};

} // namespace seedscape
