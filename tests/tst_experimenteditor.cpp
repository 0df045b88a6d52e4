// The experiment editor as a user drives it: typing into fields, invalid values refused with the
// file reader's messages, new experiments and variants saved into the workspace, autosave.
#include "csvpreviewmodel.h"
#include "experimentdialog.h"
#include "experimenteditor.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "sweepcontroller.h"

#include "experiment/experimentreader.h"
#include "store/sampleworkspace.h"
#include "store/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

class TestExperimentEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newExperimentRejectsInvalidValuesThenCreates();
    void previewShowsColumnTypesAndInferredTask();
    void dataProblemsAreNamed();
    void takenNameIsRefused();
    void duplicateAsVariantChangesOneThing();
    void definitionTabAutosavesValidEdits();
    void storedSeedsAllowOnlyComparableEdits();

private:
    static void type(QWidget* root, const QString& field, const QString& text);
    static QString problem(QWidget* root, const QString& field);
};

void TestExperimentEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

// Replaces a field's text the way a user does: select all, type.
void TestExperimentEditor::type(QWidget* root, const QString& field, const QString& text)
{
    auto* edit = root->findChild<QLineEdit*>(field);
    QVERIFY2(edit, qPrintable(field));
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
}

// The message shown under a field, or "" when it has none.
QString TestExperimentEditor::problem(QWidget* root, const QString& field)
{
    auto* label = root->findChild<QLabel*>(field + QStringLiteral(".problem"));
    return label && !label->isHidden() ? label->text() : QString();
}

void TestExperimentEditor::newExperimentRejectsInvalidValuesThenCreates()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    window.show();
    QCOMPARE(window.experimentModel()->rowCount(), 4);

    ExperimentDialog* dialog = window.openExperimentDialog(false);
    QVERIFY(dialog);
    ExperimentEditor* editor = dialog->editor();
    QPushButton* create = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    // It starts valid: a fresh name, on the selected experiment's data.
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("name"))->text(), QStringLiteral("experiment-1"));
    QVERIFY2(editor->isValid(),
             qPrintable(editor->problems().empty() ? QString() : editor->problems()[0].message));
    QVERIFY(create->isEnabled());

    // Invalid values are named under their field with the reader's words, and block Create.
    type(editor, QStringLiteral("training.lr"), QStringLiteral("0"));
    QCOMPARE(problem(editor, QStringLiteral("training.lr")),
             QStringLiteral("training.lr: must be greater than 0, got 0"));
    QVERIFY(!create->isEnabled());
    type(editor, QStringLiteral("training.lr"), QStringLiteral("fast"));
    QCOMPARE(problem(editor, QStringLiteral("training.lr")),
             QStringLiteral("training.lr: must be a number, got \"fast\""));
    type(editor, QStringLiteral("dataset.split.test"), QStringLiteral("0.9"));
    QVERIFY2(problem(editor, QStringLiteral("dataset.split.test"))
                 .contains(QStringLiteral("leave no training set")),
             qPrintable(problem(editor, QStringLiteral("dataset.split.test"))));
    type(editor, QStringLiteral("model.hidden"), QStringLiteral("32, 0"));
    QCOMPARE(problem(editor, QStringLiteral("model.hidden")),
             QStringLiteral("model.hidden: layer sizes must be between 1 and 65536, got 0"));
    type(editor, QStringLiteral("name"), QStringLiteral("bad/name"));
    QCOMPARE(problem(editor, QStringLiteral("name")), QStringLiteral("name: must not contain '/'"));
    QCOMPARE(editor->problems().size(), size_t(4));
    QVERIFY(!editor->experiment());

    // Fixed, it creates the file, the table gains the row, and the new experiment is selected.
    type(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    type(editor, QStringLiteral("dataset.split.test"), QStringLiteral("0.25"));
    type(editor, QStringLiteral("model.hidden"), QStringLiteral("32 16"));
    type(editor, QStringLiteral("name"), QStringLiteral("wide-lr"));
    type(editor, QStringLiteral("training.epochs"), QStringLiteral("5"));
    QVERIFY(editor->isValid());
    QVERIFY(problem(editor, QStringLiteral("training.lr")).isEmpty());
    QVERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);

    const QString file = dir.filePath(QStringLiteral("wide-lr.experiment.json"));
    QVERIFY(QFileInfo::exists(file));
    const Experiment saved = ExperimentReader::readFile(file);
    QCOMPARE(saved.training.lr, 0.01);
    QCOMPARE(saved.training.epochs, 5);
    QCOMPARE(saved.dataset.split.test, 0.25);
    QCOMPARE(saved.model.hidden, (std::vector<int>{32, 16}));
    QCOMPARE(saved.dataset.target, QStringLiteral("benign")); // the selected experiment's data
    QCOMPARE(window.experimentModel()->rowCount(), 5);
    QCOMPARE(window.experimentModel()->nameAt(window.experimentModel()->rowOf(QStringLiteral("wide-lr"))),
             QStringLiteral("wide-lr"));
    QCOMPARE(window.definitionEditor()->experiment()->name, QStringLiteral("wide-lr")); // selected
}

void TestExperimentEditor::previewShowsColumnTypesAndInferredTask()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), {});
    Experiment e = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    e.dataset.task = Task::Auto;
    editor.setExperiment(e);
    QVERIFY(editor.isValid());
    auto* target = editor.findChild<QComboBox*>(QStringLiteral("dataset.target"));
    auto* task = editor.findChild<QComboBox*>(QStringLiteral("dataset.task"));
    // The target drop-down lists the file's columns; the task names what the target suggests.
    QCOMPARE(target->count(), 14);
    QCOMPARE(target->currentText(), QStringLiteral("cultivar"));
    QCOMPARE(editor.inferredTask(), Task::Multiclass);
    QCOMPARE(task->itemText(0), QStringLiteral("auto (inferred: multiclass)"));
    QCOMPARE(editor.previewModel()->rowCount(), 50);
    const int classColumn = editor.previewModel()->columnCount() - 1;
    QCOMPARE(editor.previewModel()->headerData(classColumn, Qt::Horizontal).toString(),
             QStringLiteral("cultivar (target)\nwhole number, 1 value")); // the first 50 rows are class 0
    QCOMPARE(editor.previewModel()->headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("alcohol\nnumber"));

    // Another target: the inference follows, and the preview marks the new target.
    target->setCurrentText(QStringLiteral("alcohol"));
    QCOMPARE(editor.inferredTask(), Task::Regression);
    QCOMPARE(task->itemText(0), QStringLiteral("auto (inferred: regression)"));
    QVERIFY(editor.previewModel()
                ->headerData(0, Qt::Horizontal)
                .toString()
                .startsWith(QStringLiteral("alcohol (target)")));
    // The task can be overridden, and a metric that does not fit it is refused.
    task->setCurrentText(QStringLiteral("regression"));
    editor.findChild<QComboBox*>(QStringLiteral("metric"))->setCurrentText(QStringLiteral("auc"));
    QCOMPARE(problem(&editor, QStringLiteral("metric")),
             QStringLiteral("metric: auc does not score a regression task"));
}

void TestExperimentEditor::dataProblemsAreNamed()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), {});
    Experiment e = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    editor.setExperiment(e);
    QVERIFY(editor.isValid());
    // Binary on three classes: the loader's message, under the data file.
    editor.findChild<QComboBox*>(QStringLiteral("dataset.task"))->setCurrentText(QStringLiteral("binary"));
    QVERIFY(!editor.isValid());
    QVERIFY2(problem(&editor, QStringLiteral("dataset.path")).contains(QStringLiteral("3 classes")),
             qPrintable(problem(&editor, QStringLiteral("dataset.path"))));
    // A file that is not there.
    auto* path = editor.findChild<QLineEdit*>(QStringLiteral("dataset.path"));
    path->setText(QStringLiteral("nowhere.csv"));
    Q_EMIT path->editingFinished();
    QVERIFY2(problem(&editor, QStringLiteral("dataset.path"))
                 .startsWith(QStringLiteral("dataset.path: no file at ")),
             qPrintable(problem(&editor, QStringLiteral("dataset.path"))));
    QVERIFY(problem(&editor, QStringLiteral("dataset.path")).endsWith(QStringLiteral("nowhere.csv")));
}

void TestExperimentEditor::takenNameIsRefused()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    const Workspace workspace(dir.path());
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), workspace.experimentNames());
    Experiment e = workspace.experiment(QStringLiteral("wine-mlp"));
    e.name = QStringLiteral("wine-2");
    editor.setExperiment(e);
    QVERIFY(editor.isValid());
    type(&editor, QStringLiteral("name"), QStringLiteral("diabetes-mlp"));
    QCOMPARE(problem(&editor, QStringLiteral("name")),
             QStringLiteral("name: the workspace already has an experiment named \"diabetes-mlp\""));
}

void TestExperimentEditor::duplicateAsVariantChangesOneThing()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    window.selectExperiment(QStringLiteral("diabetes-mlp"));
    ExperimentDialog* dialog = window.openExperimentDialog(true);
    QVERIFY(dialog);
    QCOMPARE(dialog->editor()->findChild<QLineEdit*>(QStringLiteral("name"))->text(),
             QStringLiteral("diabetes-mlp-variant"));
    QCOMPARE(ExperimentDialog::variantName(QStringLiteral("a"), {QStringLiteral("a-variant")}),
             QStringLiteral("a-variant-2"));
    dialog->editor()
        ->findChild<QComboBox*>(QStringLiteral("model.activation"))
        ->setCurrentText(QStringLiteral("tanh"));
    QVERIFY(dialog->editor()->isValid());
    dialog->accept();

    const Workspace workspace(dir.path());
    const Experiment original = workspace.experiment(QStringLiteral("diabetes-mlp"));
    Experiment variant = workspace.experiment(QStringLiteral("diabetes-mlp-variant"));
    QCOMPARE(variant.model.activation, Activation::Tanh);
    variant.model.activation = original.model.activation;
    variant.name = original.name;
    QVERIFY(variant == original); // everything else as it was
    QCOMPARE(window.experimentModel()->rowCount(), 5);
}

void TestExperimentEditor::definitionTabAutosavesValidEdits()
{
    QTemporaryDir dir;
    SampleWorkspace::create(dir.path());
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    window.selectExperiment(QStringLiteral("wine-mlp"));
    ExperimentEditor* editor = window.definitionEditor();
    QCOMPARE(editor->experiment()->name, QStringLiteral("wine-mlp"));
    QVERIFY(editor->findChild<QLineEdit*>(QStringLiteral("name"))->isReadOnly());
    const QString file = dir.filePath(QStringLiteral("wine-mlp.experiment.json"));
    const int epochs = ExperimentReader::readFile(file).training.epochs;

    // An invalid value is shown and never written.
    type(editor, QStringLiteral("training.epochs"), QStringLiteral("0"));
    QCOMPARE(problem(editor, QStringLiteral("training.epochs")),
             QStringLiteral("training.epochs: must be at least 1, got 0"));
    QTest::qWait(700);
    QCOMPARE(ExperimentReader::readFile(file).training.epochs, epochs);
    // A valid one is saved a moment after typing stops, and the table shows it.
    type(editor, QStringLiteral("training.epochs"), QString::number(epochs + 7));
    QTRY_COMPARE(ExperimentReader::readFile(file).training.epochs, epochs + 7);
    QTRY_VERIFY(window.findChild<QLabel*>(QStringLiteral("definitionStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Saved at")));
    const int row = window.experimentModel()->rowOf(QStringLiteral("wine-mlp"));
    QCOMPARE(window.experimentModel()->entry(row).experiment->training.epochs, epochs + 7);
    // An edit still waiting for its autosave is saved when another experiment is selected.
    type(editor, QStringLiteral("training.batch_size"), QStringLiteral("64"));
    window.selectExperiment(QStringLiteral("diabetes-mlp"));
    QCOMPARE(ExperimentReader::readFile(file).training.batchSize, 64);
    QCOMPARE(editor->experiment()->name, QStringLiteral("diabetes-mlp"));
}

void TestExperimentEditor::storedSeedsAllowOnlyComparableEdits()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws"));
    Experiment quick;
    quick.name = QStringLiteral("quick");
    quick.dataset.path = QStringLiteral(SEEDSCAPE_SOURCE_DIR "/resources/datasets/diabetes.csv");
    quick.dataset.target = QStringLiteral("progression");
    quick.model.hidden = {8};
    quick.training.epochs = 2;
    quick.seeds.count = 2;
    Workspace(workspace).save(quick);
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(0));
    QVERIFY(ended.wait(60000));
    ExperimentEditor* editor = window.definitionEditor();
    QCOMPARE(editor->experiment()->name, QStringLiteral("quick"));

    // Changing how seeds train would mix two definitions in one results folder: refused.
    type(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    QVERIFY(!editor->isValid());
    QCOMPARE(editor->problems().size(), size_t(1));
    QCOMPARE(editor->problems()[0].field, QStringLiteral("results"));
    QVERIFY(editor->problems()[0].message.contains(QStringLiteral("Duplicate as variant")));
    QTest::qWait(700);
    QCOMPARE(ExperimentReader::readFile(workspace + QStringLiteral("/quick.experiment.json")).training.lr,
             1e-3);
    // More seeds keep them comparable: saved.
    type(editor, QStringLiteral("training.lr"), QStringLiteral("0.001"));
    type(editor, QStringLiteral("seeds.count"), QStringLiteral("6"));
    QVERIFY(editor->isValid());
    QTRY_COMPARE(ExperimentReader::readFile(workspace + QStringLiteral("/quick.experiment.json")).seeds.count,
                 6);
    QTRY_COMPARE(window.experimentModel()->index(0, ExperimentTableModel::Seeds).data().toString(),
                 QStringLiteral("2/6"));
}

QTEST_MAIN(TestExperimentEditor)
#include "tst_experimenteditor.moc"
