// "What did I change in this variant?": the settings of experiments side by side, by file path.
#include "experiment/experimentsettingsdiff.h"
#include "experiment/experimentwriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace seedscape;

using Experiments = std::vector<Experiment>;
Q_DECLARE_METATYPE(Experiments)

namespace {

Experiment named(const QString& name)
{
    Experiment e;
    e.name = name;
    e.dataset.path = QStringLiteral("data/wine.csv");
    e.dataset.target = QStringLiteral("cultivar");
    return e;
}

Experiment commandExperiment(const QString& name)
{
    Experiment e = named(name);
    e.model.type = ModelType::Command;
    e.model.command.command = {QStringLiteral("python3"), QStringLiteral("train.py"), QStringLiteral("--out"),
                               QStringLiteral("{output}"), QStringLiteral("two words")};
    return e;
}

QStringList differingPaths(const ExperimentSettingsDiff& diff)
{
    QStringList paths;
    for (const SettingsDiffRow& row : diff.rows())
        if (row.differs)
            paths << row.path;
    return paths;
}

const SettingsDiffRow* rowOf(const ExperimentSettingsDiff& diff, const QString& path)
{
    for (const SettingsDiffRow& row : diff.rows())
        if (row.path == path)
            return &row;
    return nullptr;
}

int indexOf(const ExperimentSettingsDiff& diff, const QString& path)
{
    const auto& rows = diff.rows();
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].path == path)
            return static_cast<int>(i);
    return -1;
}

// Tags and notes come from another change to Experiment: the test that needs them compiles
// either way and is skipped without them.
template <class E> bool giveTagsAndNotes(E& e)
{
    if constexpr (requires {
                      e.tags;
                      e.notes;
                  }) {
        e.tags = QStringList{QStringLiteral("baseline"), QStringLiteral("wine")};
        e.notes = QStringLiteral("first try");
        return true;
    }
    return false;
}

} // namespace

class TestExperimentSettingsDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void differingRows_data();
    void differingRows();
    void rowsAreTheFilesFieldPaths();
    void valuesAndLabels_data();
    void valuesAndLabels();
    void commandExperimentLacksTheBuiltInSections();
    void threeExperimentsOneValueEach();
    void tagsAndNotesAreRowsAtTheEnd();
};

void TestExperimentSettingsDiff::differingRows_data()
{
    QTest::addColumn<Experiments>("experiments");
    QTest::addColumn<QStringList>("differing");

    const Experiment a = named(QStringLiteral("a"));
    Experiment lr = named(QStringLiteral("lr"));
    lr.training.lr = 0.01;
    Experiment lrAndEpochs = lr;
    lrAndEpochs.training.epochs = 50;
    Experiment rmse = named(QStringLiteral("rmse"));
    rmse.metric = Metric::RMSE;
    Experiment splitColumn = named(QStringLiteral("split"));
    splitColumn.dataset.split.column = QStringLiteral("fold");
    Experiment wider = named(QStringLiteral("wider"));
    wider.model.hidden = {128, 64};

    // Different names, same settings: the name is not a setting.
    QTest::newRow("equal") << Experiments{a, named(QStringLiteral("b"))} << QStringList();
    QTest::newRow("one experiment") << Experiments{a} << QStringList();
    QTest::newRow("lr") << Experiments{a, lr} << QStringList{QStringLiteral("training.lr")};
    QTest::newRow("lr and epochs") << Experiments{a, lrAndEpochs}
                                   << QStringList{QStringLiteral("training.lr"),
                                                  QStringLiteral("training.epochs")};
    QTest::newRow("hidden list") << Experiments{a, wider} << QStringList{QStringLiteral("model.hidden")};
    // The file leaves an auto metric out; still a change of metric, not of anything else.
    QTest::newRow("metric") << Experiments{a, rmse} << QStringList{QStringLiteral("metric")};
    QTest::newRow("split column") << Experiments{a, splitColumn}
                                  << QStringList{QStringLiteral("dataset.split.column"),
                                                 QStringLiteral("dataset.split.validation"),
                                                 QStringLiteral("dataset.split.test"),
                                                 QStringLiteral("dataset.split.seed")};
    QTest::newRow("three, the last differs")
        << Experiments{a, a, lr} << QStringList{QStringLiteral("training.lr")};
    QTest::newRow("three, the first differs")
        << Experiments{lr, a, a} << QStringList{QStringLiteral("training.lr")};
}

void TestExperimentSettingsDiff::differingRows()
{
    QFETCH(Experiments, experiments);
    QFETCH(QStringList, differing);

    const ExperimentSettingsDiff diff(experiments);
    QCOMPARE(differingPaths(diff), differing);
    QCOMPARE(diff.differingCount(), differing.size());
    QCOMPARE(diff.experimentCount(), static_cast<int>(experiments.size()));
}

void TestExperimentSettingsDiff::rowsAreTheFilesFieldPaths()
{
    Experiment e = named(QStringLiteral("paths"));
    e.metric = Metric::MAE;
    const ExperimentSettingsDiff diff({e});
    const QJsonObject file = QJsonDocument::fromJson(ExperimentWriter::toJson(e)).object();

    QVERIFY(diff.rows().size() >= 20);
    for (const SettingsDiffRow& row : diff.rows()) {
        QJsonValue value = file;
        for (const QString& key : row.path.split(QLatin1Char('.'))) {
            QVERIFY2(value.isObject() && value.toObject().contains(key), qPrintable(row.path));
            value = value.toObject().value(key);
        }
        QVERIFY2(!value.isObject(), qPrintable(row.path)); // nested objects are flattened
    }
    QCOMPARE(indexOf(diff, QStringLiteral("name")), -1);
    QCOMPARE(indexOf(diff, QStringLiteral("format")), -1);
    // In the file's order.
    QVERIFY(indexOf(diff, QStringLiteral("dataset.path")) < indexOf(diff, QStringLiteral("model.type")));
    QVERIFY(indexOf(diff, QStringLiteral("model.hidden")) < indexOf(diff, QStringLiteral("training.lr")));
    QVERIFY(indexOf(diff, QStringLiteral("training.lr")) < indexOf(diff, QStringLiteral("seeds.count")));
}

void TestExperimentSettingsDiff::valuesAndLabels_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");

    QTest::newRow("lr") << QStringLiteral("training.lr") << QStringLiteral("Learning rate")
                        << QStringLiteral("0.001") << QStringLiteral("0.01");
    QTest::newRow("validation") << QStringLiteral("dataset.split.validation")
                                << QStringLiteral("Validation fraction") << QStringLiteral("0.2")
                                << QStringLiteral("0.15");
    QTest::newRow("hidden") << QStringLiteral("model.hidden") << QStringLiteral("Hidden layers")
                            << QStringLiteral("64, 64") << QStringLiteral("none");
    QTest::newRow("layer norm") << QStringLiteral("model.layer_norm") << QStringLiteral("Layer norm")
                                << QStringLiteral("no") << QStringLiteral("yes");
    QTest::newRow("vary") << QStringLiteral("seeds.vary") << QStringLiteral("Seeds vary")
                          << QStringLiteral("init, order, dropout") << QStringLiteral("order");
    QTest::newRow("metric") << QStringLiteral("metric") << QStringLiteral("Metric") << QStringLiteral("auto")
                            << QStringLiteral("accuracy");
    QTest::newRow("optimizer") << QStringLiteral("training.optimizer") << QStringLiteral("Optimizer")
                               << QStringLiteral("adam") << QStringLiteral("sgd");
}

void TestExperimentSettingsDiff::valuesAndLabels()
{
    QFETCH(QString, path);
    QFETCH(QString, label);
    QFETCH(QString, first);
    QFETCH(QString, second);

    Experiment changed = named(QStringLiteral("changed"));
    changed.training.lr = 0.01;
    changed.dataset.split.validation = 0.15;
    changed.model.hidden = {};
    changed.model.layerNorm = true;
    changed.seeds.varyInit = changed.seeds.varyDropout = false;
    changed.metric = Metric::Accuracy;
    changed.training.optimizer = OptimizerKind::SGD;
    const ExperimentSettingsDiff diff({named(QStringLiteral("base")), changed});

    const SettingsDiffRow* row = rowOf(diff, path);
    QVERIFY(row);
    QCOMPARE(row->label, label);
    QCOMPARE(row->values, (QStringList{first, second}));
    QVERIFY(row->differs);
    QCOMPARE(ExperimentSettingsDiff::labelFor(QStringLiteral("some.new_field")),
             QStringLiteral("some.new_field"));
}

void TestExperimentSettingsDiff::commandExperimentLacksTheBuiltInSections()
{
    const ExperimentSettingsDiff diff(
        {named(QStringLiteral("mlp")), commandExperiment(QStringLiteral("cmd"))});

    for (const QString& path :
         {QStringLiteral("training.lr"), QStringLiteral("training.epochs"), QStringLiteral("model.hidden"),
          QStringLiteral("seeds.vary"), QStringLiteral("device")}) {
        const SettingsDiffRow* row = rowOf(diff, path);
        QVERIFY2(row, qPrintable(path));
        QCOMPARE(row->present, (QList<bool>{true, false}));
        QCOMPARE(row->values.at(1), ExperimentSettingsDiff::kMissing);
        QVERIFY(row->differs);
    }
    for (const QString& path : {QStringLiteral("model.command"), QStringLiteral("model.workdir"),
                                QStringLiteral("model.parallel"), QStringLiteral("model.timeout_minutes")}) {
        const SettingsDiffRow* row = rowOf(diff, path);
        QVERIFY2(row, qPrintable(path));
        QCOMPARE(row->present, (QList<bool>{false, true}));
        QCOMPARE(row->values.at(0), ExperimentSettingsDiff::kMissing);
        QVERIFY(row->differs);
    }
    QCOMPARE(rowOf(diff, QStringLiteral("model.command"))->values.at(1),
             QStringLiteral("python3 train.py --out {output} \"two words\""));
    QCOMPARE(rowOf(diff, QStringLiteral("model.workdir"))->values.at(1), QStringLiteral("\"\""));
    QVERIFY(!rowOf(diff, QStringLiteral("model.watch"))); // none watched: no row

    // Watched paths read as the command line does, under their own words.
    Experiment watching = commandExperiment(QStringLiteral("watching"));
    watching.model.command.watch = {QStringLiteral("model.py"), QStringLiteral("my src")};
    const ExperimentSettingsDiff withWatch({commandExperiment(QStringLiteral("cmd")), watching});
    const SettingsDiffRow* watch = rowOf(withWatch, QStringLiteral("model.watch"));
    QVERIFY(watch);
    QCOMPARE(watch->label, QStringLiteral("Also watch"));
    QCOMPARE(watch->values,
             (QStringList{ExperimentSettingsDiff::kMissing, QStringLiteral("model.py \"my src\"")}));
    QCOMPARE(rowOf(diff, QStringLiteral("model.type"))->values,
             (QStringList{QStringLiteral("mlp"), QStringLiteral("command")}));
    // What both have and share stays equal; the command's fields sit among the model's.
    QVERIFY(!rowOf(diff, QStringLiteral("dataset.target"))->differs);
    QVERIFY(!rowOf(diff, QStringLiteral("seeds.count"))->differs);
    QVERIFY(!rowOf(diff, QStringLiteral("metric"))->differs);
    QVERIFY(indexOf(diff, QStringLiteral("model.type")) < indexOf(diff, QStringLiteral("model.command")));
    QVERIFY(indexOf(diff, QStringLiteral("model.command")) <
            indexOf(diff, QStringLiteral("training.optimizer")));
}

void TestExperimentSettingsDiff::threeExperimentsOneValueEach()
{
    Experiment slow = named(QStringLiteral("slow"));
    slow.training.lr = 1e-4;
    Experiment fast = named(QStringLiteral("fast"));
    fast.training.lr = 0.1;
    fast.training.batchSize = 128;
    const ExperimentSettingsDiff diff({named(QStringLiteral("base")), slow, fast});

    QCOMPARE(differingPaths(diff),
             (QStringList{QStringLiteral("training.lr"), QStringLiteral("training.batch_size")}));
    QCOMPARE(rowOf(diff, QStringLiteral("training.lr"))->values,
             (QStringList{QStringLiteral("0.001"), QStringLiteral("0.0001"), QStringLiteral("0.1")}));
    QCOMPARE(rowOf(diff, QStringLiteral("training.batch_size"))->values,
             (QStringList{QStringLiteral("32"), QStringLiteral("32"), QStringLiteral("128")}));
    for (const SettingsDiffRow& row : diff.rows()) {
        QCOMPARE(row.values.size(), 3);
        QCOMPARE(row.present.size(), 3);
    }
}

void TestExperimentSettingsDiff::tagsAndNotesAreRowsAtTheEnd()
{
    Experiment tagged = named(QStringLiteral("tagged"));
    if (!giveTagsAndNotes(tagged))
        QSKIP("Experiment has no tags and notes yet");
    const ExperimentSettingsDiff diff({named(QStringLiteral("plain")), tagged});

    QCOMPARE(differingPaths(diff), (QStringList{QStringLiteral("tags"), QStringLiteral("notes")}));
    const auto& rows = diff.rows();
    QCOMPARE(rows[rows.size() - 2].path, QStringLiteral("tags"));
    QCOMPARE(rows[rows.size() - 2].label, QStringLiteral("Tags"));
    QCOMPARE(rows[rows.size() - 2].values,
             (QStringList{ExperimentSettingsDiff::kMissing, QStringLiteral("baseline, wine")}));
    QCOMPARE(rows.back().path, QStringLiteral("notes"));
    QCOMPARE(rows.back().values.at(1), QStringLiteral("first try"));
}

QTEST_GUILESS_MAIN(TestExperimentSettingsDiff)
#include "tst_experimentsettingsdiff.moc"
