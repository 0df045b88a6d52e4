#include "experimentresults.h"

#include "common/inputerror.h"
#include "labelsfile.h"
#include "resultstore.h"

#include <QDir>

namespace seedscape {

ExperimentResults ExperimentResults::load(const QString& resultsFolder, const QString& name)
{
    ExperimentResults r;
    r.name = name;
    r.labels = LabelsFile::read(resultsFolder);
    const size_t validationCells = r.labels.validation.size() * r.labels.predictionColumns();
    const size_t testCells = r.labels.test.size() * r.labels.predictionColumns();
    for (SeedResult& seed : ResultStore(resultsFolder).load(true, &r.problems)) {
        if (!seed.isFinished()) {
            ++r.failedSeeds;
        } else if (seed.validationPredictions.size() != validationCells ||
                   seed.testPredictions.size() != testCells) {
            r.problems << QStringLiteral("%1/seed-%2.json: predictions do not match the labels (%3 and %4 "
                                         "values, %5 and %6 expected)")
                              .arg(resultsFolder)
                              .arg(seed.seed)
                              .arg(seed.validationPredictions.size())
                              .arg(seed.testPredictions.size())
                              .arg(validationCells)
                              .arg(testCells);
        } else {
            r.seeds.push_back(std::move(seed));
        }
    }
    return r;
}

std::vector<ExperimentResults> ExperimentResults::loadWorkspace(const QString& workspaceFolder,
                                                                QStringList* problems)
{
    std::vector<ExperimentResults> all;
    const QDir results(workspaceFolder + QStringLiteral("/results"));
    for (const QString& name : results.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString folder = results.filePath(name);
        if (!LabelsFile::exists(folder))
            continue;
        try {
            all.push_back(load(folder, name));
            if (problems)
                *problems << all.back().problems;
        } catch (const InputError& e) {
            if (problems)
                *problems << e.message();
        }
    }
    return all;
}

} // namespace seedscape
