// How the window holds up (issue: the explorer window's benchmark), on the real MainWindow:
//  1. replot time with 100 experiments × 20 seeds plus their ensembles on screen, and the time a
//     live update (new data into every plot) takes on the GUI thread;
//  2. how long the event loop is blocked at worst while a sweep trains on every core and the
//     window refreshes its plots after every seed (a 5 ms timer records every gap).
// Not a test: prints figures, asserts nothing about time. Run: build/tests/bench_window
// (--plots-only skips part 2).
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "plot/scatterplotview.h"
#include "plot/statisticsplotview.h"
#include "sweepcontroller.h"

#include "common/atomicfile.h"
#include "store/predictionimporter.h"
#include "store/sampleworkspace.h"
#include "store/workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include "plot/qcustomplot_include.h"

#include <algorithm>
#include <cstdio>
#include <random>

using namespace seedscape;

namespace {

constexpr int kExperiments = 100, kSeeds = 20, kRows = 200;

// 100 regression experiments of 20 seeds each, as imported predictions (RMSE, like diabetes).
void importExperiments(const QString& folder)
{
    std::mt19937_64 random(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    QByteArray labels = "split,row,label\n", predictions = "experiment,seed,split,row,prediction\n";
    std::vector<double> truth;
    for (const char* split : {"val", "test"})
        for (int row = 0; row < kRows; ++row) {
            truth.push_back(150 + 50 * noise(random));
            labels += QByteArray(split) + ',' + QByteArray::number(row) + ',' +
                      QByteArray::number(truth.back(), 'g', 10) + '\n';
        }
    for (int e = 0; e < kExperiments; ++e) {
        const double skill = 30 + e * 0.4; // experiments differ, seeds differ within one
        for (int s = 0; s < kSeeds; ++s) {
            const double seedError = skill * (1 + 0.1 * noise(random));
            for (int i = 0; i < 2 * kRows; ++i)
                predictions +=
                    "imported-" + QByteArray::number(e) + ',' + QByteArray::number(s + 1) + ',' +
                    (i < kRows ? "val," : "test,") + QByteArray::number(i % kRows) + ',' +
                    QByteArray::number(truth[static_cast<size_t>(i)] + seedError * noise(random), 'g', 10) +
                    '\n';
        }
    }
    AtomicFile::write(folder + QStringLiteral("/import/labels.csv"), labels);
    AtomicFile::write(folder + QStringLiteral("/import/predictions.csv"), predictions);
    PredictionImporter::importInto(Workspace(folder), folder + QStringLiteral("/import/predictions.csv"),
                                   folder + QStringLiteral("/import/labels.csv"), Task::Regression,
                                   Metric::RMSE);
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

struct Timing
{
    double median, max;
};

Timing timeIt(int repeats, const std::function<void()>& work)
{
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer clock;
        clock.start();
        work();
        ms.push_back(clock.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

// Times every event the GUI thread handles, to tell a slow handler from a starved thread.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!recording)
            return QApplication::notify(receiver, event);
        QElapsedTimer clock;
        clock.start();
        const int type = event->type();
        const QString name = QString::fromLatin1(receiver->metaObject()->className()) + QLatin1Char(' ') +
                             receiver->objectName();
        const bool result = QApplication::notify(receiver, event);
        const double ms = clock.nsecsElapsed() / 1e6;
        if (ms > slowest) {
            slowest = ms;
            slowestWhat = QStringLiteral("%1, event type %2").arg(name).arg(type);
        }
        return result;
    }
    bool recording = false;
    double slowest = 0;
    QString slowestWhat;
};

} // namespace

int main(int argc, char** argv)
{
    TimedApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    QElapsedTimer setup;
    setup.start();
    importExperiments(dir.path());
    std::printf(
        "workspace: 4 sample experiments + %d imported × %d seeds (%d val + %d test rows), made in %.1f s\n",
        kExperiments, kSeeds, kRows, kRows, setup.elapsed() / 1000.0);

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (!window.openWorkspace(dir.path()))
        return 1;
    window.selectExperiment(QStringLiteral("diabetes-mlp")); // RMSE: the imported experiments share its plot
    ScatterPlotView* scatter = window.scatterView();
    if (!waitUntil([&] { return scatter->plottedPoints(ScatterData::Kind::Seed) >= kExperiments * kSeeds; },
                   300000)) {
        std::printf("the scatter never showed every seed\n");
        return 1;
    }
    std::printf("on screen: %d seeds, %d k-ensembles, %d full ensembles\n",
                scatter->plottedPoints(ScatterData::Kind::Seed),
                scatter->plottedPoints(ScatterData::Kind::KEnsemble),
                scatter->plottedPoints(ScatterData::Kind::FullEnsemble));

    // 1. Replots, and whole live updates, on the GUI thread.
    const Timing replot = timeIt(30, [&] { scatter->plot()->replot(QCustomPlot::rpImmediateRefresh); });
    const ScatterData data = scatter->data();
    const Timing update = timeIt(10, [&] { scatter->setData(data); }); // which replots once
    const auto statistics = window.spreadView()->data();
    const Timing spreadUpdate = timeIt(10, [&] {
        window.spreadView()->setData(statistics);
        window.spreadView()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    });
    const Timing spreadReplot =
        timeIt(10, [&] { window.spreadView()->plot()->replot(QCustomPlot::rpImmediateRefresh); });
    std::printf("\n%-52s %10s %10s\n", "GUI thread, 1280×800 window", "median ms", "max ms");
    std::printf("%-52s %10.1f %10.1f\n", "scatter replot", replot.median, replot.max);
    std::printf("%-52s %10.1f %10.1f\n", "scatter live update (new data + replot)", update.median,
                update.max);
    std::printf("%-52s %10.1f %10.1f\n", "seed spread live update (101 experiments)", spreadUpdate.median,
                spreadUpdate.max);
    std::printf("%-52s %10.1f %10.1f\n", "seed spread replot", spreadReplot.median, spreadReplot.max);

    if (app.arguments().contains(QStringLiteral("--profile-replot"))) { // where a replot's time goes
        QCustomPlot* p = scatter->plot();
        std::printf("plain replot %.1f ms\n", timeIt(20, [&] { p->replot(); }).median);
        std::printf("queued-refresh replot %.1f ms\n",
                    timeIt(20, [&] { p->replot(QCustomPlot::rpQueuedRefresh); }).median);
        for (int i = 0; i < p->graphCount(); ++i)
            p->graph(i)->setVisible(false);
        std::printf("graphs hidden %.1f ms\n",
                    timeIt(20, [&] { p->replot(QCustomPlot::rpImmediateRefresh); }).median);
        p->legend->setVisible(false);
        std::printf("and legend hidden %.1f ms\n",
                    timeIt(20, [&] { p->replot(QCustomPlot::rpImmediateRefresh); }).median);
        for (int i = 0; i < p->graphCount(); ++i)
            p->graph(i)->setVisible(true);
        std::printf("graphs shown, legend hidden %.1f ms\n",
                    timeIt(20, [&] { p->replot(QCustomPlot::rpImmediateRefresh); }).median);
        p->legend->setVisible(true);
    }
    if (app.arguments().contains(QStringLiteral("--plots-only")))
        return 0;

    // 2. Event-loop latency while the sample experiments train on every core and the window
    //    refreshes all its views after each seed.
    std::vector<double> gaps;
    QElapsedTimer tick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        if (tick.isValid())
            gaps.push_back(tick.nsecsElapsed() / 1e6);
        tick.start();
    });
    QElapsedTimer sweepClock;
    sweepClock.start();
    if (!window.runExperiments(-1)) {
        std::printf("could not start the sweep\n");
        return 1;
    }
    probe.start();
    app.recording = true;
    bool ended = false;
    QObject::connect(window.sweeps(), &SweepController::sweepEnded, [&] { ended = true; });
    waitUntil([&] { return ended; }, 600000);
    QTimer::singleShot(1500, [&] { probe.stop(); }); // the last refresh lands after the sweep ends
    waitUntil([&] { return !probe.isActive(); }, 5000);
    app.recording = false;
    std::sort(gaps.begin(), gaps.end());
    const auto over = [&](double ms) {
        return std::count_if(gaps.begin(), gaps.end(), [&](double g) { return g > ms; });
    };
    std::printf("\nsweep: %d seeds of 4 experiments on every core in %.1f s; %zu probe ticks of 5 ms\n",
                window.sweeps()->finishedSeeds(), sweepClock.elapsed() / 1000.0, gaps.size());
    std::printf("event loop blocked at worst: %.1f ms (99th percentile of gaps %.1f ms, median %.1f ms); "
                "gaps over 50 ms: %lld, over 16 ms: %lld\n",
                gaps.empty() ? 0.0 : gaps.back() - 5, gaps.empty() ? 0.0 : gaps[gaps.size() * 99 / 100],
                gaps.empty() ? 0.0 : gaps[gaps.size() / 2], static_cast<long long>(over(55)),
                static_cast<long long>(over(21)));
    std::printf("longest single event handled on the GUI thread: %.1f ms (%s)\n", app.slowest,
                qPrintable(app.slowestWhat));
    return 0;
}
