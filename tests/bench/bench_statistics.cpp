// Statistics benchmark: 50 experiments × 20 seeds × 10,000 validation and test rows, k = 3, every
// statistic, 2000 bootstrap resamples, on one core. Prints the total and the time per experiment,
// for a regression metric (RMSE) and for ROC AUC (which sorts every ensemble's predictions).
//   build/tests/bench_statistics [experiments] [seeds] [rows]
#include "stats/workspacestatistics.h"
#include "store/experimentresults.h"
#include "store/labelsfile.h"
#include "store/resultstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <random>

using namespace seedscape;

namespace {

std::vector<ExperimentResults> makeExperiments(int experiments, int seeds, int rows, Metric metric)
{
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0.0, 1.0);
    const bool binary = metric == Metric::AUC;
    std::vector<ExperimentResults> all;
    for (int e = 0; e < experiments; ++e) {
        ExperimentResults r;
        r.name = QStringLiteral("experiment-%1").arg(e, 2, 10, QLatin1Char('0'));
        r.labels.task = binary ? Task::Binary : Task::Regression;
        r.labels.metric = metric;
        if (binary)
            r.labels.classNames = {QStringLiteral("0"), QStringLiteral("1")};
        for (int i = 0; i < rows; ++i) {
            r.labels.validation.push_back(binary ? (i % 2) : noise(rng));
            r.labels.test.push_back(binary ? ((i / 2) % 2) : noise(rng));
        }
        for (int s = 0; s < seeds; ++s) {
            SeedResult seed;
            seed.seed = static_cast<quint64>(s);
            for (int i = 0; i < rows; ++i) {
                const double v = r.labels.validation[i] + 0.5 * noise(rng),
                             t = r.labels.test[i] + 0.5 * noise(rng);
                seed.validationPredictions.push_back(binary ? 1.0 / (1.0 + std::exp(-v)) : v);
                seed.testPredictions.push_back(binary ? 1.0 / (1.0 + std::exp(-t)) : t);
            }
            seed.validationScore =
                0.5 + 0.01 * s; // stand-ins: the statistics of scores cost nothing next to ensembles
            seed.testScore = 0.5 + 0.01 * ((s * 7) % seeds);
            r.seeds.push_back(std::move(seed));
        }
        all.push_back(std::move(r));
    }
    return all;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int experiments = argc > 1 ? std::atoi(argv[1]) : 50;
    const int seeds = argc > 2 ? std::atoi(argv[2]) : 20;
    const int rows = argc > 3 ? std::atoi(argv[3]) : 10000;
    StatisticsOptions options;
    options.ks = {3};
    options.bootstrapResamples = 2000;
    options.threads = 1;
    std::printf(
        "statistics of %d experiments × %d seeds × %d rows, k = 3, %d bootstrap resamples, one thread\n",
        experiments, seeds, rows, options.bootstrapResamples);
    for (Metric metric : {Metric::RMSE, Metric::AUC}) {
        const auto data = makeExperiments(experiments, seeds, rows, metric);
        QElapsedTimer clock;
        clock.start();
        const WorkspaceStatistics w = WorkspaceStatistics::compute(data, options);
        const double seconds = clock.nsecsElapsed() / 1e9;
        size_t comparisons = 0;
        for (const WorkspaceStatistics::Group& g : w.groups)
            comparisons += g.comparisons.size();
        std::printf("  %-5s %7.2f s in all, %.3f s per experiment (%zu experiments, %zu comparisons)\n",
                    metric == Metric::RMSE ? "rmse" : "auc", seconds, seconds / experiments,
                    w.experiments.size(), comparisons);
        if (metric == Metric::RMSE) {
            StatisticsOptions everyCore = options;
            everyCore.threads = 0;
            clock.restart();
            WorkspaceStatistics::compute(data, everyCore);
            std::printf("  rmse  %7.2f s on every core (%d threads)\n", clock.nsecsElapsed() / 1e9,
                        QThread::idealThreadCount());
        }
    }

    // Reading one experiment's stored results (labels, 20 seed records, 20 prediction files).
    QTemporaryDir dir;
    const auto one = makeExperiments(1, seeds, rows, Metric::RMSE).front();
    LabelsFile::write(one.labels, dir.path());
    for (const SeedResult& s : one.seeds)
        ResultStore(dir.path()).save(s);
    QElapsedTimer clock;
    clock.start();
    const ExperimentResults loaded = ExperimentResults::load(dir.path(), one.name);
    std::printf("  loading one experiment's %zu stored seeds: %.3f s\n", loaded.seeds.size(),
                clock.nsecsElapsed() / 1e9);
    return 0;
}
