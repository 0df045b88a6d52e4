// What the window's running seeds on the scatter cost the training: the batched engine trains W1
// (diabetes, MLP 64-64, Adam, batch 32, 200 epochs) for 16 seeds with and without scoring the test
// split at each epoch's end (TrainingControl::scoreTestEachEpoch), alternating the two (each first
// in every other round), on one thread as each sweep job does. Prints the median of each and their ratio;
// asserts nothing.
//   build/tests/bench_epochtestscore [rounds] [seeds]
#include "data/preparedata.h"
#include "experiment/experiment.h"
#include "train/batchedseedtrainer.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <numeric>

using namespace seedscape;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    const int seedCount = argc > 2 ? std::max(1, atoi(argv[2])) : 16;
    Experiment e;
    e.name = QStringLiteral("w1");
    e.dataset.path = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/diabetes.csv");
    e.dataset.target = QStringLiteral("progression");
    e.model.hidden = {64, 64};
    e.training.optimizer = OptimizerKind::Adam;
    e.training.batchSize = 32;
    e.training.epochs = 200;
    e.training.earlyStoppingPatience = 0;
    const auto data = std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset));
    const BatchedSeedTrainer trainer(e, data);
    std::vector<quint64> seeds(static_cast<size_t>(seedCount));
    std::iota(seeds.begin(), seeds.end(), 1);

    std::vector<double> plain, scored;
    for (int round = 0; round < rounds; ++round)
        // Alternating, and each first in every other round: drift in the machine, and whatever the
        // first run of a pair pays, hit both alike.
        for (const bool scoreTest : {round % 2 == 1, round % 2 == 0}) {
            TrainingControl control;
            control.scoreTestEachEpoch = scoreTest;
            QElapsedTimer clock;
            clock.start();
            trainer.train(seeds, control);
            (scoreTest ? scored : plain).push_back(clock.nsecsElapsed() / 1e9);
        }
    std::printf("W1, %d seeds in one batched group, %d epochs, %d rounds alternating\n", seedCount,
                e.training.epochs, rounds);
    std::printf("  validation only:          median %.3f s\n", median(plain));
    std::printf("  validation and test:      median %.3f s\n", median(scored));
    std::printf("  ratio (test scored/plain): %.3f\n", median(scored) / median(plain));
    return 0;
}
