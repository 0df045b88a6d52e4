#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "data/preparedata.h"
#include "experiment/experimentfingerprint.h"
#include "experiment/experimentnames.h"
#include "experiment/experimentreader.h"
#include "experiment/experimentvalidator.h"
#include "experiment/experimentwriter.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

namespace {

const char* const kMinimal = R"({"format": 1, "name": "m", "dataset": {"path": "d.csv", "target": "y"}})";

Experiment everythingChanged()
{
    Experiment e;
    e.name = QStringLiteral("wine variant ä");
    e.dataset.path = QStringLiteral("../data/wine.csv");
    e.dataset.target = QStringLiteral("cultivar");
    e.dataset.task = Task::Multiclass;
    e.dataset.missing = MissingPolicy::Drop;
    e.dataset.split = {0.15, 0.25, 18446744073709551615ULL, {}};
    e.model = {{128, 3, 7}, Activation::GELU, 0.3, true};
    e.training = {OptimizerKind::SGD, 0.05, 1e-4, 0.8, 7, 13, Schedule::Cosine, 4};
    e.metric = Metric::F1Macro;
    e.seeds = {5, false, true, false, {0, 42, 18446744073709551615ULL}};
    e.device = DeviceSpec::cuda(1);
    return e;
}

} // namespace

class TestExperimentFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void defaultsForLeftOutKeys();
    void examplesReadAndTheirDataLoads();
    void rejects_data();
    void rejects();
    void invalidJsonNamesTheLine();
    void duplicateKeyNamesItsLine();
    void utf16FileIsNamedAsSuch_data();
    void utf16FileIsNamedAsSuch();
    void validatorAgreesWithReader();
    void atomicWriteReplacesWholeFile();
    void tagsAndNotesNeverChangeWhatASeedMeans();
    void unwritablePathIsAClearError();
};

void TestExperimentFile::roundTrip_data()
{
    QTest::addColumn<int>("which");
    QTest::addRow("defaults") << 0;
    QTest::addRow("everything changed") << 1;
    QTest::addRow("split column, linear model") << 2;
    QTest::addRow("command model") << 3;
    QTest::addRow("tags and notes") << 4;
}

void TestExperimentFile::roundTrip()
{
    QFETCH(int, which);
    Experiment e;
    e.name = QStringLiteral("x");
    e.dataset.path = QStringLiteral("/abs/d.csv");
    e.dataset.target = QStringLiteral("y");
    if (which == 1)
        e = everythingChanged();
    if (which == 2) {
        e.dataset.split.column = QStringLiteral("fold");
        e.model.hidden.clear();
    }
    if (which == 3) {
        e.model.type = ModelType::Command;
        e.model.command = {
            {QStringLiteral("python3"), QStringLiteral("train.py"), QStringLiteral("--seed={seed}")},
            QStringLiteral("../programs"),
            3,
            90.5};
        e.seeds.list = {7, 2147483647};
        e.model.command.watch = {QStringLiteral("model.py"), QStringLiteral("my src")};
    }
    if (which == 4) {
        e.tags = {QStringLiteral("baseline"), QStringLiteral("lr sweep"), QStringLiteral("ünïcode")};
        e.notes = QStringLiteral("Second try: \"lower lr\".\nLine two.");
    }
    const QByteArray text = ExperimentWriter::toJson(e);
    const Experiment back = ExperimentReader::fromJson(text, QStringLiteral("rt.json"));
    QVERIFY(back == e);
    QCOMPARE(ExperimentWriter::toJson(back), text); // stable: writing again changes no byte
    QVERIFY(text.startsWith("{\n  \"format\": 1,\n  \"name\""));
}

void TestExperimentFile::defaultsForLeftOutKeys()
{
    const Experiment e = ExperimentReader::fromJson(kMinimal, QStringLiteral("m.json"));
    Experiment expected;
    expected.name = QStringLiteral("m");
    expected.dataset.path = QStringLiteral("d.csv");
    expected.dataset.target = QStringLiteral("y");
    QVERIFY(e == expected);
    QCOMPARE(e.model.hidden, std::vector<int>({64, 64}));
    QCOMPARE(e.training.epochs, 200);
    QCOMPARE(e.seeds.count, 16);
    QVERIFY(e.seeds.varyInit && e.seeds.varyOrder && e.seeds.varyDropout);
    QCOMPARE(e.metric, Metric::Auto);
}

void TestExperimentFile::examplesReadAndTheirDataLoads()
{
    const QDir examples(QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/examples"));
    const QStringList files = examples.entryList({QStringLiteral("*.json")}, QDir::Files);
    QCOMPARE(files.size(), 5);
    for (const QString& file : files) {
        const Experiment e = ExperimentReader::readFile(examples.filePath(file));
        QCOMPARE(e.name + QStringLiteral(".json"), file);
        // Relative paths are taken from the folder of the file they are written in.
        const PreparedData p = PreparedData::prepare(e.dataset.resolvedPath(examples.path()), e.dataset,
                                                     e.isCommand() ? DatasetLoader::Use::TargetOnly
                                                                   : DatasetLoader::Use::Features);
        if (e.isCommand()) // its program is there and runnable
            e.model.command.requireRunnable(examples.filePath(file));
        QVERIFY(p.dataset.rowCount() > 100);
        QVERIFY2(metricFitsTask(e.metric, p.dataset.task), qPrintable(file));
    }
}

void TestExperimentFile::tagsAndNotesNeverChangeWhatASeedMeans()
{
    Experiment e = everythingChanged();
    const QString before = experimentFingerprint(e);
    const QByteArray fileBefore = ExperimentWriter::toJson(e);
    QVERIFY(!fileBefore.contains("\"tags\"") &&
            !fileBefore.contains("\"notes\"")); // old files stay as they are
    e.tags = {QStringLiteral("tuned")};
    e.notes = QStringLiteral("why this one");
    QCOMPARE(experimentFingerprint(e), before);
    e.training.lr *= 2;
    QVERIFY(experimentFingerprint(e) != before); // while a real change still does

    // Nor does a command's list of watched files, which only adds to what each seed's record keeps;
    // and a file without one is written as before.
    Experiment command;
    command.name = QStringLiteral("c");
    command.model.type = ModelType::Command;
    command.model.command.command = {QStringLiteral("python3"), QStringLiteral("train.py")};
    const QString commandBefore = experimentFingerprint(command);
    QVERIFY(!ExperimentWriter::toJson(command).contains("\"watch\""));
    command.model.command.watch = {QStringLiteral("model.py")};
    QVERIFY(ExperimentWriter::toJson(command).contains("\"watch\""));
    QCOMPARE(experimentFingerprint(command), commandBefore);
}

void TestExperimentFile::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const char* patch, const char* message) {
        // patch replaces the tail of a valid minimal experiment, so each row changes one thing.
        QByteArray json =
            QByteArray(R"({"format": 1, "name": "m", "dataset": {"path": "d.csv", "target": "y")") + patch;
        QTest::addRow("%s", name) << json << QString::fromUtf8(message);
    };
    row("unknown top key", R"(}, "epochs": 3})",
        "f.json: field 'epochs': unknown key (a typo, or a file from a newer Seedscape?)");
    row("unknown nested key", R"(}, "training": {"learning_rate": 0.1}})",
        "f.json: field 'training.learning_rate': unknown key (a typo, or a file from a newer Seedscape?)");
    row("unknown split key", R"(, "split": {"valid": 0.2}}})",
        "f.json: field 'dataset.split.valid': unknown key; did you mean 'validation'?");
    row("misspelt required key", R"(}, "model": {"type": "command", "comand": ["x"]}})",
        "f.json: field 'model.command': is required; the file has 'comand', did you mean 'command'?");
    row("lr is text", R"(}, "training": {"lr": "0.1"}})",
        "f.json: field 'training.lr': must be a number, got a string");
    row("negative lr", R"(}, "training": {"lr": -0.001}})",
        "f.json: field 'training.lr': must be greater than 0, got -0.001");
    row("zero epochs", R"(}, "training": {"epochs": 0}})",
        "f.json: field 'training.epochs': must be at least 1, got 0");
    row("fractional epochs", R"(}, "training": {"epochs": 2.5}})",
        "f.json: field 'training.epochs': must be a whole number, got 2.5");
    row("zero batch", R"(}, "training": {"batch_size": 0}})",
        "f.json: field 'training.batch_size': must be at least 1, got 0");
    row("momentum 1", R"(}, "training": {"momentum": 1}})",
        "f.json: field 'training.momentum': must be at least 0 and below 1, got 1");
    row("negative weight decay", R"(}, "training": {"weight_decay": -1}})",
        "f.json: field 'training.weight_decay': must be 0 or more, got -1");
    row("negative patience", R"(}, "training": {"early_stopping_patience": -2}})",
        "f.json: field 'training.early_stopping_patience': must be 0 (off) or more, got -2");
    row("unknown optimizer", R"(}, "training": {"optimizer": "rmsprop"}})",
        "f.json: field 'training.optimizer': \"rmsprop\" is not one of \"sgd\", \"adam\", \"adamw\"");
    row("unknown schedule", R"(}, "training": {"schedule": "linear"}})",
        "f.json: field 'training.schedule': \"linear\" is not one of \"none\", \"cosine\", \"step\"");
    row("fractions leave no train", R"(, "split": {"validation": 0.5, "test": 0.5}}})",
        "f.json: field 'dataset.split': validation 0.5 + test 0.5 leave no training set; their sum must be "
        "below 1");
    row("zero validation", R"(, "split": {"validation": 0}}})",
        "f.json: field 'dataset.split.validation': must be between 0 and 1 (exclusive), got 0");
    row("column and fractions", R"(, "split": {"column": "fold", "test": 0.2}}})",
        "f.json: field 'dataset.split.column': a split column replaces validation, test and seed; give one "
        "or the other");
    row("negative split seed", R"(, "split": {"seed": -1}}})",
        "f.json: field 'dataset.split.seed': must be a whole number of 0 or more");
    row("unknown task", R"(, "task": "ranking"}})",
        "f.json: field 'dataset.task': \"ranking\" is not one of \"auto\", \"regression\", \"binary\", "
        "\"multiclass\"");
    row("unknown missing", R"(, "missing": "mean"}})",
        "f.json: field 'dataset.missing': \"mean\" is not one of \"error\", \"drop\"");
    row("dropout 1", R"(}, "model": {"dropout": 1.0}})",
        "f.json: field 'model.dropout': must be at least 0 and below 1, got 1");
    row("zero width", R"(}, "model": {"hidden": [64, 0]}})",
        "f.json: field 'model.hidden': layer sizes must be between 1 and 65536, got 0");
    row("hidden not a list", R"(}, "model": {"hidden": 64}})",
        "f.json: field 'model.hidden': must be a list, got a number");
    row("hidden of text", R"(}, "model": {"hidden": ["a"]}})",
        "f.json: field 'model.hidden[0]': must be a whole number, got a string");
    row("layer norm text", R"(}, "model": {"layer_norm": "yes"}})",
        "f.json: field 'model.layer_norm': must be true or false, got a string");
    row("unknown activation", R"(}, "model": {"activation": "sigmoid"}})",
        "f.json: field 'model.activation': \"sigmoid\" is not one of \"relu\", \"gelu\", \"tanh\"");
    row("metric for other task", R"(, "task": "regression"}, "metric": "auc"})",
        "f.json: field 'metric': auc does not score a regression task");
    row("unknown metric", R"(}, "metric": "mse"})",
        "f.json: field 'metric': \"mse\" is not one of \"rmse\", \"mae\", \"r2\", \"accuracy\", \"logloss\", "
        "\"auc\", \"f1_macro\"");
    row("zero seeds", R"(}, "seeds": {"count": 0}})",
        "f.json: field 'seeds.count': must be between 1 and 100000, got 0");
    row("unknown source", R"(}, "seeds": {"vary": ["init", "augment"]}})",
        "f.json: field 'seeds.vary': \"augment\" is not one of \"init\", \"order\", \"dropout\"");
    row("source twice", R"(}, "seeds": {"vary": ["init", "init"]}})",
        "f.json: field 'seeds.vary': lists \"init\" twice");
    row("negative seed", R"(}, "seeds": {"list": [1, -5]}})",
        "f.json: field 'seeds.list[1]': a seed must be a whole number from 0 to 18446744073709551615");
    row("seed twice", R"(}, "seeds": {"list": [7, 7]}})", "f.json: field 'seeds.list': lists a seed twice");
    row("unknown device", R"(}, "device": "tpu"})",
        "f.json: field 'device': \"tpu\" is not one of \"cpu\", \"cuda\", \"cuda:N\", \"auto\"");
    row("name with slash", R"(}, "name2": 1})", "f.json: field 'name2': unknown key; did you mean 'name'?");
    row("lr overflows a double", R"(}, "training": {"lr": 1e999}})",
        "f.json:1: field 'training.lr': the number is too large (beyond ±1.8e308)");
    row("negative overflow", R"(}, "training": {"weight_decay": -1e400}})",
        "f.json:1: field 'training.weight_decay': the number is too large (beyond ±1.8e308)");
    row("overflow in a list", R"(}, "model": {"hidden": [8, 1e999]}})",
        "f.json:1: field 'model.hidden[1]': the number is too large (beyond ±1.8e308)");
    row("lr beyond float32", R"(}, "training": {"lr": 1e308}})",
        "f.json: field 'training.lr': 1e+308 is outside the float32 range the trainers use (1.2e-38 to "
        "3.4e38)");
    row("lr below float32", R"(}, "training": {"lr": 1e-45}})",
        "f.json: field 'training.lr': 1e-45 is outside the float32 range the trainers use (1.2e-38 to "
        "3.4e38)");
    row("weight decay beyond float32", R"(}, "training": {"weight_decay": 1e39}})",
        "f.json: field 'training.weight_decay': 1e+39 is outside the float32 range the trainers use (1.2e-38 "
        "to 3.4e38)");
    row("duplicate key", R"(}, "training": {"lr": 0.1, "lr": 0.2}})",
        "f.json:1: field 'training.lr': the key \"lr\" appears twice in one object; keep one");
    row("duplicate object", R"(}, "model": {}, "model": {}})",
        "f.json:1: field 'model': the key \"model\" appears twice in one object; keep one");
    QTest::addRow("long value is cut")
        << QByteArray(
               R"({"format": 1, "name": "m", "dataset": {"path": "d.csv", "target": "y"}, "device": "t)") +
               QByteArray(200, 'u') + "\"}"
        << QStringLiteral("f.json: field 'device': \"t") + QString(78, QLatin1Char('u')) + QChar(0x2026) +
               QStringLiteral("\" is not one of \"cpu\", \"cuda\", \"cuda:N\", \"auto\"");
    QTest::addRow("newer format")
        << QByteArray(R"({"format": 2, "name": "m", "dataset": {"path": "d.csv", "target": "y"}})")
        << "f.json: field 'format': format 2 is newer than this Seedscape reads (1); update Seedscape";
    QTest::addRow("no format") << QByteArray(R"({"name": "m", "dataset": {"path": "d.csv", "target": "y"}})")
                               << "f.json: field 'format': is required";
    QTest::addRow("no target") << QByteArray(R"({"format": 1, "name": "m", "dataset": {"path": "d.csv"}})")
                               << "f.json: field 'dataset.target': is required";
    QTest::addRow("slash in name")
        << QByteArray(R"({"format": 1, "name": "a/b", "dataset": {"path": "d.csv", "target": "y"}})")
        << "f.json: field 'name': must not contain '/'";
    QTest::addRow("empty name")
        << QByteArray(R"({"format": 1, "name": "", "dataset": {"path": "d.csv", "target": "y"}})")
        << "f.json: field 'name': must not be empty";
    QTest::addRow("not an object") << QByteArray("[1, 2]") << "f.json: must be an object, got a list";
    // Command models (docs/interfaces.md, "Command experiments").
    row("command missing", R"(}, "model": {"type": "command"}})",
        "f.json: field 'model.command': is required");
    row("command empty", R"(}, "model": {"type": "command", "command": []}})",
        "f.json: field 'model.command': must name the program to run, then its arguments, e.g. python3 "
        "train.py");
    row("command not a list", R"(}, "model": {"type": "command", "command": "python3 train.py"}})",
        "f.json: field 'model.command': must be a list, got a string");
    row("command argument a number", R"(}, "model": {"type": "command", "command": ["train", 3]}})",
        "f.json: field 'model.command[1]': must be a string, got a number");
    row("unknown placeholder",
        R"(}, "model": {"type": "command", "command": ["train", "--epochs={epochs}"]}})",
        "f.json: field 'model.command[1]': {epochs} is not a placeholder; the known ones are {seed}, "
        "{train}, "
        "{val}, {test}, {output}");
    row("training with a command",
        R"(}, "model": {"type": "command", "command": ["t"]}, "training": {"lr": 0.1}})",
        "f.json: field 'training': does not apply to a command experiment: your program trains the model "
        "(give "
        "its settings as arguments in model.command)");
    row("vary with a command",
        R"(}, "model": {"type": "command", "command": ["t"]}, "seeds": {"vary": ["init"]}})",
        "f.json: field 'seeds.vary': does not apply to a command experiment: your program gets one seed "
        "(SEEDSCAPE_SEED) and decides what it seeds");
    row("device with a command", R"(}, "model": {"type": "command", "command": ["t"]}, "device": "cuda"})",
        "f.json: field 'device': does not apply to a command experiment: your program chooses where it "
        "trains "
        "(give the device as an argument in model.command)");
    row("hidden with a command", R"(}, "model": {"type": "command", "command": ["t"], "hidden": [8]}})",
        "f.json: field 'model.hidden': does not apply to a command model: your program defines the model");
    row("command with an mlp", R"(}, "model": {"command": ["t"]}})",
        "f.json: field 'model.command': applies only to \"type\": \"command\"");
    row("parallel zero", R"(}, "model": {"type": "command", "command": ["t"], "parallel": 0}})",
        "f.json: field 'model.parallel': must be between 1 and 256, got 0");
    row("negative timeout", R"(}, "model": {"type": "command", "command": ["t"], "timeout_minutes": -1}})",
        "f.json: field 'model.timeout_minutes': must be 0 (none) or more, got -1");
    row("watch with an mlp", R"(}, "model": {"watch": ["model.py"]}})",
        "f.json: field 'model.watch': applies only to \"type\": \"command\"");
    row("watch not a list", R"(}, "model": {"type": "command", "command": ["t"], "watch": "model.py"}})",
        "f.json: field 'model.watch': must be a list, got a string");
    row("watched path not text", R"(}, "model": {"type": "command", "command": ["t"], "watch": ["a", 2]}})",
        "f.json: field 'model.watch[1]': must be a string, got a number");
    row("watched path empty", R"(}, "model": {"type": "command", "command": ["t"], "watch": [" "]}})",
        "f.json: field 'model.watch[0]': must name a file or folder");
    row("watched path with a placeholder",
        R"(}, "model": {"type": "command", "command": ["t"], "watch": ["runs/{seed}"]}})",
        "f.json: field 'model.watch[0]': cannot hold a placeholder: the watched files are the same for "
        "every seed");
    row("tags not a list", R"(}, "tags": "a"})", "f.json: field 'tags': must be a list, got a string");
    row("tag not text", R"(}, "tags": ["a", 3]})", "f.json: field 'tags[1]': must be a string, got a number");
    row("tag twice", R"(}, "tags": ["a", "b", "a"]})", "f.json: field 'tags[2]': \"a\" is given twice");
    row("tag with a comma", R"(}, "tags": ["a,b"]})",
        "f.json: field 'tags[0]': must not contain commas or control characters");
    row("empty tag", R"(}, "tags": [" "]})",
        "f.json: field 'tags[0]': must be a word or words without spaces around them");
    row("notes not text", R"(}, "notes": ["x"]})", "f.json: field 'notes': must be a string, got a list");
    row("unknown model type", R"(}, "model": {"type": "cnn"}})",
        "f.json: field 'model.type': \"cnn\" is not a known model; the known ones are \"mlp\" and "
        "\"command\"");
}

void TestExperimentFile::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    try {
        ExperimentReader::fromJson(json, QStringLiteral("f.json"));
        QFAIL("an invalid experiment was accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.message(), message);
    }
}

void TestExperimentFile::invalidJsonNamesTheLine()
{
    try {
        ExperimentReader::fromJson("{\n  \"format\": 1,\n  \"name\": \"m\"\n  \"dataset\": {}\n}",
                                   QStringLiteral("f.json"));
        QFAIL("invalid JSON was accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.where().line, 4);
        QVERIFY2(e.message().startsWith(QStringLiteral("f.json:4: not valid JSON")), qPrintable(e.message()));
    }
}

void TestExperimentFile::duplicateKeyNamesItsLine()
{
    try {
        ExperimentReader::fromJson(
            "{\n  \"format\": 1,\n  \"name\": \"m\",\n  \"dataset\": {\"path\": \"d.csv\",\n"
            "    \"target\": \"y\",\n    \"target\": \"z\"}\n}",
            QStringLiteral("f.json"));
        QFAIL("a key given twice was accepted");
    } catch (const InputError& e) {
        QCOMPARE(e.where().line, 6);
        QCOMPARE(e.where().field, QStringLiteral("dataset.target"));
    }
}

void TestExperimentFile::utf16FileIsNamedAsSuch_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QString json =
        QStringLiteral(R"({"format": 1, "name": "m", "dataset": {"path": "d.csv", "target": "y"}})");
    QByteArray le(reinterpret_cast<const char*>(json.utf16()), json.size() * 2);
    QTest::addRow("little-endian with BOM")
        << QByteArray("\xFF\xFE") + le << "f.json: the file is UTF-16 (little-endian); save it as UTF-8";
    QTest::addRow("little-endian without BOM")
        << le << "f.json: the file is UTF-16 (little-endian); save it as UTF-8";
    QByteArray be;
    for (qsizetype i = 0; i + 1 < le.size(); i += 2)
        be += QByteArray() + le[i + 1] + le[i];
    QTest::addRow("big-endian with BOM")
        << QByteArray("\xFE\xFF") + be << "f.json: the file is UTF-16 (big-endian); save it as UTF-8";
    QTest::addRow("NUL bytes") << QByteArray("{\"format\": 1\0\0\0}", 16)
                               << "f.json: the file is not text (it holds NUL bytes); save it as UTF-8 text";
}

void TestExperimentFile::utf16FileIsNamedAsSuch()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    try {
        ExperimentReader::fromJson(bytes, QStringLiteral("f.json"));
        QFAIL("a file that is not UTF-8 was read");
    } catch (const InputError& e) {
        QCOMPARE(e.message(), message);
    }
}

void TestExperimentFile::validatorAgreesWithReader()
{
    Experiment e = everythingChanged();
    QVERIFY(ExperimentValidator::validate(e).empty());
    e.training.lr = 0;
    e.seeds.count = -1;
    const auto problems = ExperimentValidator::validate(e);
    QCOMPARE(problems.size(), size_t(2));
    QCOMPARE(problems[0].field, QStringLiteral("training.lr"));
    QCOMPARE(problems[1].field, QStringLiteral("seeds.count"));
}

void TestExperimentFile::atomicWriteReplacesWholeFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/e.json"));
    Experiment e = everythingChanged();
    ExperimentWriter::writeFile(e, path);
    e.training.epochs = 99;
    ExperimentWriter::writeFile(e, path);
    QVERIFY(ExperimentReader::readFile(path) == e);
    // Nothing but the file itself is left behind: the temporary file was renamed over it.
    QCOMPARE(QDir(dir.filePath(QStringLiteral("sub"))).entryList(QDir::Files | QDir::Hidden),
             QStringList({QStringLiteral("e.json")}));
}

void TestExperimentFile::unwritablePathIsAClearError()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("plain-file"));
    AtomicFile::write(blocker, "x");
    try {
        ExperimentWriter::writeFile(everythingChanged(), blocker + QStringLiteral("/e.json"));
        QFAIL("writing below a plain file succeeded");
    } catch (const StorageError& e) {
        QVERIFY2(e.message().startsWith(blocker + QStringLiteral("/e.json: ")), qPrintable(e.message()));
    }
    try {
        ExperimentReader::readFile(dir.filePath(QStringLiteral("none.json")));
        QFAIL("a missing file was read");
    } catch (const InputError& e) {
        QCOMPARE(e.message(), dir.filePath(QStringLiteral("none.json")) + QStringLiteral(": file not found"));
    }
}

QTEST_GUILESS_MAIN(TestExperimentFile)
#include "tst_experimentfile.moc"
