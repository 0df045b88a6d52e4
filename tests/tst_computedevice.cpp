// Choosing where the built-in MLPs train: the device words of an experiment file, how they resolve
// on this build and machine (with or without CUDA), and the device in every seed record. Runs on
// every build: where a GPU is visible the same checks take the GPU branch.
#include "common/inputerror.h"
#include "data/preparedata.h"
#include "experiment/experimentreader.h"
#include "slurm/slurmsubmitter.h"
#include "store/resultstore.h"
#include "store/workspace.h"
#include "support/processprobe.h"
#include "train/batchedseedtrainer.h"
#include "train/computedevice.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

Experiment wine(const DeviceSpec& device)
{
    Experiment e;
    e.name = QStringLiteral("wine");
    e.dataset.path = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/wine.csv");
    e.dataset.target = QStringLiteral("cultivar");
    e.model.hidden = {16};
    e.training.epochs = 3;
    e.device = device;
    return e;
}

// The same experiment as a file, for seedscape-cli.
QString writeWineFile(const QTemporaryDir& dir, const QString& device)
{
    const QString file = dir.filePath(QStringLiteral("wine.json"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral(R"({"format": 1, "name": "wine", "dataset": {"path": "%1", "target": "cultivar"},
                               "model": {"hidden": [8]}, "training": {"epochs": 3}, "device": "%2"})")
                .arg(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/wine.csv"), device)
                .toUtf8());
    return file;
}

ProgramOutput rerun(const QString& workspace, quint64 seed)
{
    return runProgram(QStringLiteral(SEEDSCAPE_CLI),
                      {QStringLiteral("rerun"), QStringLiteral("--workspace"), workspace,
                       QStringLiteral("--experiment"), QStringLiteral("wine"), QStringLiteral("--seed"),
                       QString::number(seed)});
}

} // namespace

class TestComputeDevice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deviceWordsRoundTrip_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("gpu");
        QTest::newRow("cpu") << "cpu" << int(DeviceSpec::Kind::Cpu) << 0;
        QTest::newRow("auto") << "auto" << int(DeviceSpec::Kind::Auto) << 0;
        QTest::newRow("cuda") << "cuda" << int(DeviceSpec::Kind::Cuda) << 0;
        QTest::newRow("cuda:0") << "cuda:0" << int(DeviceSpec::Kind::Cuda) << 0;
        QTest::newRow("cuda:3") << "cuda:3" << int(DeviceSpec::Kind::Cuda) << 3;
        QTest::newRow("cuda:15") << "cuda:15" << int(DeviceSpec::Kind::Cuda) << 15;
    }
    void deviceWordsRoundTrip()
    {
        QFETCH(QString, word);
        QFETCH(int, kind);
        QFETCH(int, gpu);
        const auto spec = DeviceSpec::parse(word);
        QVERIFY(spec);
        QCOMPARE(int(spec->kind), kind);
        QCOMPARE(spec->gpu(), gpu);
        QCOMPARE(spec->name(), word); // "cuda" stays "cuda": a saved file keeps its bytes
    }

    void refusesOtherWords()
    {
        for (const char* word : {"CUDA", "gpu", "cuda:", "cuda:-1", "cuda:01", "cuda:1.5", "cuda:100",
                                 " cuda", "cuda: 1", "mps", ""})
            QVERIFY2(!DeviceSpec::parse(QString::fromLatin1(word)), word);
    }

    // LibTorch's deterministic mode takes only two cuBLAS workspaces and throws at the first GPU
    // step with any other: a value set before (a cluster's default) is replaced unless it is one.
    void cublasWorkspaceIsOneThatDeterminismAccepts_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QByteArray>("used");
        QTest::newRow("none") << QByteArray() << QByteArray(":4096:8");
        QTest::newRow("large kept") << QByteArray(":4096:8") << QByteArray(":4096:8");
        QTest::newRow("small kept") << QByteArray(":16:8") << QByteArray(":16:8");
        QTest::newRow("other replaced") << QByteArray(":4096:2") << QByteArray(":4096:8");
        QTest::newRow("two sizes replaced") << QByteArray(":4096:8:16:8") << QByteArray(":4096:8");
        QTest::newRow("spaces replaced") << QByteArray(" :16:8") << QByteArray(":4096:8");
    }
    void cublasWorkspaceIsOneThatDeterminismAccepts()
    {
        QFETCH(QByteArray, set);
        QFETCH(QByteArray, used);
        QCOMPARE(ComputeDevice::deterministicCublasWorkspace(set), used);
    }

    // auto never fails: a GPU where one is visible, else the CPU with a note that says why.
    void autoFallsBackToTheCpuWithANote()
    {
        const ComputeDevice d = ComputeDevice::resolve(DeviceSpec::automatic());
        if (ComputeDevice::gpuCount() > 0) {
            QVERIFY(d.cuda);
            QCOMPARE(d.id, QStringLiteral("cuda:0"));
            QVERIFY(!d.gpuName.isEmpty());
            QVERIFY(d.note.isEmpty());
        } else {
            QVERIFY(!d.cuda);
            QCOMPARE(d.id, QStringLiteral("cpu"));
            QVERIFY(d.gpuName.isEmpty());
            QVERIFY2(d.note.contains(QStringLiteral("training on the CPU")) ||
                         d.note.contains(QStringLiteral("trains on the CPU")),
                     qPrintable(d.note));
        }
        QCOMPARE(ComputeDevice::resolve(DeviceSpec::cpu()).id, QStringLiteral("cpu"));
        QVERIFY(ComputeDevice::resolve(DeviceSpec::cpu()).note.isEmpty());
    }

    // A GPU that is not there is refused with what is missing, never silently replaced by the CPU.
    void aMissingGpuIsRefusedClearly()
    {
        const int gpus = ComputeDevice::gpuCount();
        const DeviceSpec missing = gpus == 0 ? DeviceSpec::cuda() : DeviceSpec::cuda(gpus);
        try {
            ComputeDevice::resolve(missing);
            QFAIL("resolved a GPU that is not there");
        } catch (const InputError& e) {
            QCOMPARE(e.where().field, QStringLiteral("device"));
            QVERIFY2(e.problem().contains(missing.name()), qPrintable(e.problem()));
            if (gpus == 0) {
                QVERIFY2(e.problem().contains(QStringLiteral("\"auto\" or \"cpu\"")),
                         qPrintable(e.problem()));
                QVERIFY2(e.problem().contains(ComputeDevice::cudaBuilt() ? QStringLiteral("nvidia-smi")
                                                                         : QStringLiteral("without CUDA")),
                         qPrintable(e.problem()));
            } else {
                QVERIFY2(e.problem().contains(QStringLiteral("cuda:%1").arg(gpus - 1)),
                         qPrintable(e.problem()));
            }
        }
        // The batched engine refuses it the same way when it is made (the window shows the message).
        const Experiment e = wine(missing);
        const auto data =
            std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset));
        QVERIFY_THROWS_EXCEPTION(InputError, BatchedSeedTrainer(e, data));
    }

    void choicesListWhatThisMachineHas()
    {
        const QStringList choices = ComputeDevice::choices();
        QVERIFY(choices.contains(QStringLiteral("cpu")) && choices.contains(QStringLiteral("auto")));
        QCOMPARE(choices.contains(QStringLiteral("cuda")), ComputeDevice::gpuCount() > 0);
        QCOMPARE(ComputeDevice::available().size(), 1 + ComputeDevice::gpuCount());
        for (const QString& word : choices)
            QVERIFY2(DeviceSpec::parse(word), qPrintable(word));
    }

    // Every seed record says where it trained; a record read back keeps it.
    void seedRecordsSayTheDevice()
    {
        const Experiment e = wine(DeviceSpec::automatic());
        const ComputeDevice expected = ComputeDevice::resolve(e.device);
        const auto data =
            std::make_shared<const PreparedData>(PreparedData::prepare(e.dataset.path, e.dataset));
        const std::vector<SeedResult> results = BatchedSeedTrainer(e, data).train({11, 12});
        QTemporaryDir dir;
        const ResultStore store(dir.path());
        for (const SeedResult& r : results) {
            QVERIFY(r.isFinished());
            QCOMPARE(r.device, expected.id);
            QCOMPARE(r.gpu, expected.gpuName);
            store.save(r);
            const auto back = store.find(r.seed, false);
            QVERIFY(back);
            QCOMPARE(back->device, expected.id);
            QCOMPARE(back->gpu, expected.gpuName);
        }
        QFile record(dir.filePath(QStringLiteral("seed-11.json")));
        QVERIFY(record.open(QIODevice::ReadOnly));
        QVERIFY(record.readAll().contains(QStringLiteral("\"device\": \"%1\"").arg(expected.id).toUtf8()));
    }

    // A GPU experiment is submitted to Slurm from a login node without a GPU (the device is resolved
    // where a task runs), and tasks that get a GPU train hundreds of seeds as one group.
    void slurmPlansGpuTasksWithoutAGpu()
    {
        QTemporaryDir dir;
        const Workspace workspace(dir.filePath(QStringLiteral("ws")));
        const Experiment gpu = wine(DeviceSpec::cuda(ComputeDevice::gpuCount())); // one more than there is
        const auto data =
            std::make_shared<const PreparedData>(PreparedData::prepare(gpu.dataset.path, gpu.dataset));
        const SlurmSubmitter submitter(workspace, gpu, data);
        QCOMPARE(submitter.plan(300).toSubmit, 300);

        const BatchedSeedTrainer batched(wine(DeviceSpec::cpu()), data);
        SlurmOptions options;
        QCOMPARE(SlurmSubmitter::seedsPerTask(batched, options, gpu.device),
                 SlurmSubmitter::kBatchedSeedsPerTask);
        options.gpusPerTask = 1;
        QCOMPARE(SlurmSubmitter::seedsPerTask(batched, options, gpu.device),
                 SlurmSubmitter::kGpuSeedsPerTask);
        QCOMPARE(SlurmSubmitter::seedsPerTask(batched, options, DeviceSpec::automatic()),
                 SlurmSubmitter::kGpuSeedsPerTask);
        QCOMPARE(SlurmSubmitter::seedsPerTask(batched, options, DeviceSpec::cpu()),
                 SlurmSubmitter::kBatchedSeedsPerTask);
        options.seedsPerTask = 1000;
        QCOMPARE(SlurmSubmitter::seedsPerTask(batched, options, gpu.device), 1000);
        QCOMPARE(SlurmSubmitter::seedsPerTask(batched, options, DeviceSpec::cpu()),
                 BatchedSeedTrainer::kMaxGroupSize);
    }

    // `run` says where it trains, and refuses a GPU that is not there before the workspace changes.
    void runRefusesAMissingGpuBeforeTouchingTheWorkspace()
    {
        QTemporaryDir dir;
        const int gpus = ComputeDevice::gpuCount();
        const QString word = gpus == 0 ? QStringLiteral("cuda") : QStringLiteral("cuda:%1").arg(gpus);
        const QString file = writeWineFile(dir, word);
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        const ProgramOutput refused = runProgram(QStringLiteral(SEEDSCAPE_CLI),
                                                 {QStringLiteral("run"), file, QStringLiteral("--workspace"),
                                                  workspace, QStringLiteral("--seeds"), QStringLiteral("1")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("wine.json") && refused.err.contains("device") &&
                     refused.err.contains(word.toUtf8()),
                 refused.err.constData());
        QVERIFY(!QFile::exists(workspace + QStringLiteral("/experiments/wine.json")));
    }

    // A GPU seed's numbers depend on the group it trained in, so its record names the group and
    // rerun trains the whole group again; with a record of the group gone it trains alone and says
    // so. Where there is no GPU the records are given a group by hand, as a GPU would have.
    void rerunTrainsAGpuSeedWithItsGroup()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        const ProgramOutput ran =
            runProgram(QStringLiteral(SEEDSCAPE_CLI),
                       {QStringLiteral("run"), writeWineFile(dir, QStringLiteral("auto")),
                        QStringLiteral("--workspace"), workspace, QStringLiteral("--seeds"),
                        QStringLiteral("5"), QStringLiteral("--engine"), QStringLiteral("batched")});
        QCOMPARE(ran.exitCode, 0);
        const ResultStore store(workspace + QStringLiteral("/results/wine"));
        std::vector<SeedResult> seeds = store.load(true);
        QCOMPARE(seeds.size(), size_t(5));
        for (size_t i = 0; i < seeds.size(); ++i) {
            if (ComputeDevice::gpuCount() > 0) {
                QCOMPARE(seeds[i].group.size, 5);
                continue;
            }
            QCOMPARE(seeds[i].group.size, 0); // a CPU seed's numbers do not depend on its group
            seeds[i].group = {seeds.front().seed, 5, static_cast<int>(i)};
            store.save(seeds[i]);
        }
        const SeedResult member = *store.find(seeds[3].seed, false); // as stored
        const std::vector<quint64> group = store.groupOf(member);
        QCOMPARE(group.size(), size_t(5));
        QCOMPARE(group[static_cast<size_t>(member.group.index)], member.seed);

        const ProgramOutput again = rerun(workspace, member.seed);
        QCOMPARE(again.exitCode, 0);
        const auto line = nlohmann::json::parse(again.out.toStdString());
        QVERIFY(line["identical_to_recorded"].get<bool>());
        QCOMPARE(line["group_size"].get<int>(), 5);

        const quint64 gone = group[(static_cast<size_t>(member.group.index) + 1) % group.size()];
        QVERIFY(QFile::remove(store.folder() + QStringLiteral("/seed-%1.json").arg(gone)));
        QVERIFY(store.groupOf(member).empty());
        const ProgramOutput alone = rerun(workspace, member.seed);
        QVERIFY2(alone.err.contains("not every record of that group is left"), alone.err.constData());
        QVERIFY(!nlohmann::json::parse(alone.out.toStdString()).contains("group_size"));
        if (ComputeDevice::gpuCount() == 0)
            QCOMPARE(alone.exitCode, 0); // the CPU's numbers do not depend on the group
    }
};

QTEST_GUILESS_MAIN(TestComputeDevice)
#include "tst_computedevice.moc"
