#include "experimentresults.h"

#include "common/inputerror.h"
#include "experiment/experimentreader.h"
#include "labelsfile.h"
#include "resultstore.h"
#include "seedresultfile.h"
#include "storeddefinition.h"

#include <QDir>

namespace seedscape {

namespace {

QString labelsProblem(const QString& folder)
{
    return QStringLiteral("%1/%2 is missing or damaged; run the experiment again to rebuild it (or import "
                          "its predictions again)")
        .arg(folder, LabelsFile::fileName());
}

} // namespace

std::optional<Experiment> ExperimentResults::readDefinition(const QString& resultsFolder, QString* problem)
{
    const QString file = QDir(resultsFolder).filePath(StoredDefinition::fileName());
    if (!QFileInfo::exists(file))
        return std::nullopt;
    try {
        return ExperimentReader::readFile(file);
    } catch (const InputError& e) { // grouped by its truth rows instead (ComparisonGroup::of)
        if (problem)
            *problem = e.message();
        return std::nullopt;
    }
}

ExperimentResults ExperimentResults::load(const QString& resultsFolder, const QString& name)
{
    ExperimentResults r;
    r.name = name;
    r.folder = resultsFolder;
    r.labels = LabelsFile::read(resultsFolder);
    QString definitionProblem;
    r.definition = readDefinition(resultsFolder, &definitionProblem);
    // Its comparison group falls back to the truth rows, which can part it from its own group.
    if (!definitionProblem.isEmpty())
        r.problems << QStringLiteral("%1/%2 is damaged (%3): '%4' is grouped by its truth rows instead and "
                                     "may be left out of its comparison group; run the experiment again "
                                     "to rewrite it")
                          .arg(resultsFolder, StoredDefinition::fileName(), definitionProblem, name);
    const size_t validationCells = r.labels.validation.size() * r.labels.predictionColumns();
    const size_t testCells = r.labels.test.size() * r.labels.predictionColumns();
    QDateTime lastFailureStart;
    for (SeedResult& seed : ResultStore(resultsFolder).read(true, &r.damaged)) {
        if (!seed.isFinished()) {
            if (r.failedSeeds++ == 0 || seed.startedAt >= lastFailureStart) {
                r.lastFailure = seed.failureReason;
                lastFailureStart = seed.startedAt;
            }
        } else if (seed.validationPredictions.size() != validationCells ||
                   seed.testPredictions.size() != testCells) {
            r.damaged.push_back({resultsFolder + QLatin1Char('/') + SeedResultFile::jsonName(seed.seed),
                                 QStringLiteral("%1/%2: predictions do not match the labels (%3 and %4 "
                                                "values, %5 and %6 expected)")
                                     .arg(resultsFolder, SeedResultFile::jsonName(seed.seed))
                                     .arg(seed.validationPredictions.size())
                                     .arg(seed.testPredictions.size())
                                     .arg(validationCells)
                                     .arg(testCells)});
        } else {
            r.seeds.push_back(std::move(seed));
        }
    }
    for (const DamagedSeed& d : r.damaged)
        r.problems << QStringLiteral(
                          "%1; a damaged seed of '%2', left out (run the experiment again to set it "
                          "aside and train another)")
                          .arg(d.problem, name);
    return r;
}

std::vector<ExperimentResults> ExperimentResults::loadWorkspace(const QString& workspaceFolder,
                                                                QStringList* problems)
{
    std::vector<ExperimentResults> all;
    const QDir results(workspaceFolder + QStringLiteral("/results"));
    // Hidden folders (an import's staging folder) are not experiments.
    for (const QString& name : results.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString folder = results.filePath(name);
        if (!LabelsFile::exists(folder)) {
            // Nothing stored yet is nothing to show; stored seeds without their truth are.
            if (problems && !QDir(folder).entryList({QStringLiteral("seed-*.json")}, QDir::Files).isEmpty())
                *problems << labelsProblem(folder);
            continue;
        }
        try {
            all.push_back(load(folder, name));
            if (problems)
                *problems << all.back().problems;
        } catch (const InputError& e) {
            if (problems)
                *problems << QStringLiteral("%1 (%2)").arg(labelsProblem(folder), e.message());
        }
    }
    return all;
}

} // namespace seedscape
