// The experiment editor as a user drives it: typing into fields, invalid values refused with the
// file reader's messages, new experiments and variants saved into the workspace. The Definition
// tab's autosave is DefinitionPanel's (tst_definitionpanel).
#include "csvpreviewmodel.h"
#include "experimentdialog.h"
#include "experimenteditor.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"

#include "support/formdriver.h"
#include "support/tempworkspace.h"

#include "experiment/experimentreader.h"
#include "store/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

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
};

void TestExperimentEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestExperimentEditor::newExperimentRejectsInvalidValuesThenCreates()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    window.show();
    QCOMPARE(window.experimentModel()->rowCount(), 4);

    ExperimentDialog* dialog = window.openExperimentDialog(false);
    QVERIFY(dialog);
    ExperimentEditor* editor = dialog->editor();
    QPushButton* create = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    // It starts valid (once its data is read off the GUI thread): a fresh name, on the selected
    // experiment's data.
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("name"))->text(), QStringLiteral("experiment-1"));
    QTRY_VERIFY2(editor->isValid(),
                 qPrintable(editor->problems().empty() ? QString() : editor->problems()[0].message));
    QVERIFY(create->isEnabled());

    // Invalid values are named under their field with the reader's words, and block Create.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("training.lr")),
             QStringLiteral("training.lr: must be greater than 0, got 0"));
    QVERIFY(!create->isEnabled());
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("fast"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("training.lr")),
             QStringLiteral("training.lr: must be a number, got \"fast\""));
    typeInto(editor, QStringLiteral("dataset.split.test"), QStringLiteral("0.9"));
    QVERIFY2(fieldProblem(editor, QStringLiteral("dataset.split.test"))
                 .contains(QStringLiteral("leave no training set")),
             qPrintable(fieldProblem(editor, QStringLiteral("dataset.split.test"))));
    typeInto(editor, QStringLiteral("model.hidden"), QStringLiteral("32, 0"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("model.hidden")),
             QStringLiteral("model.hidden: layer sizes must be between 1 and 65536, got 0"));
    typeInto(editor, QStringLiteral("name"), QStringLiteral("bad/name"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("name")), QStringLiteral("name: must not contain '/'"));
    QCOMPARE(editor->problems().size(), size_t(4));
    QVERIFY(!editor->experiment());

    // Fixed, it creates the file, the table gains the row, and the new experiment is selected.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    typeInto(editor, QStringLiteral("dataset.split.test"), QStringLiteral("0.25"));
    typeInto(editor, QStringLiteral("model.hidden"), QStringLiteral("32 16"));
    typeInto(editor, QStringLiteral("name"), QStringLiteral("wide-lr"));
    typeInto(editor, QStringLiteral("training.epochs"), QStringLiteral("5"));
    QTRY_VERIFY(editor->isValid()); // the new split is checked on the data
    QVERIFY(fieldProblem(editor, QStringLiteral("training.lr")).isEmpty());
    QVERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);

    const QString file = dir.experimentFile(QStringLiteral("wide-lr"));
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
    QTRY_VERIFY(window.definitionEditor()->experiment());
    QCOMPARE(window.definitionEditor()->experiment()->name, QStringLiteral("wide-lr")); // selected
}

void TestExperimentEditor::previewShowsColumnTypesAndInferredTask()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), {});
    Experiment e = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    e.dataset.task = Task::Auto;
    editor.setExperiment(e);
    QVERIFY(editor.isCheckingData()); // read on a pool thread
    QTRY_VERIFY(editor.isValid());
    auto* target = editor.findChild<QComboBox*>(QStringLiteral("dataset.target"));
    auto* task = editor.findChild<QComboBox*>(QStringLiteral("dataset.task"));
    // The target drop-down lists the file's columns; the task names what the target suggests.
    QTRY_COMPARE(target->count(), 14);
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
    QTRY_COMPARE(editor.inferredTask(), Task::Regression);
    QCOMPARE(task->itemText(0), QStringLiteral("auto (inferred: regression)"));
    QVERIFY(editor.previewModel()
                ->headerData(0, Qt::Horizontal)
                .toString()
                .startsWith(QStringLiteral("alcohol (target)")));
    // The task can be overridden, and a metric that does not fit it is refused.
    task->setCurrentText(QStringLiteral("regression"));
    editor.findChild<QComboBox*>(QStringLiteral("metric"))->setCurrentText(QStringLiteral("auc"));
    QCOMPARE(fieldProblem(&editor, QStringLiteral("metric")),
             QStringLiteral("metric: auc does not score a regression task"));
}

void TestExperimentEditor::dataProblemsAreNamed()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), {});
    Experiment e = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    editor.setExperiment(e);
    QTRY_VERIFY(editor.isValid());
    // Binary on three classes: the loader's message, under the data file.
    editor.findChild<QComboBox*>(QStringLiteral("dataset.task"))->setCurrentText(QStringLiteral("binary"));
    QVERIFY(!editor.isValid());
    QTRY_VERIFY2(fieldProblem(&editor, QStringLiteral("dataset.path")).contains(QStringLiteral("3 classes")),
                 qPrintable(fieldProblem(&editor, QStringLiteral("dataset.path"))));
    // A file that is not there.
    auto* path = editor.findChild<QLineEdit*>(QStringLiteral("dataset.path"));
    path->setText(QStringLiteral("nowhere.csv"));
    Q_EMIT path->editingFinished();
    QVERIFY2(fieldProblem(&editor, QStringLiteral("dataset.path"))
                 .startsWith(QStringLiteral("dataset.path: no file at ")),
             qPrintable(fieldProblem(&editor, QStringLiteral("dataset.path"))));
    QVERIFY(fieldProblem(&editor, QStringLiteral("dataset.path")).endsWith(QStringLiteral("nowhere.csv")));
}

void TestExperimentEditor::takenNameIsRefused()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    const Workspace workspace(dir.path());
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), workspace.experimentNames());
    Experiment e = workspace.experiment(QStringLiteral("wine-mlp"));
    e.name = QStringLiteral("wine-2");
    editor.setExperiment(e);
    QTRY_VERIFY(editor.isValid());
    typeInto(&editor, QStringLiteral("name"), QStringLiteral("diabetes-mlp"));
    QCOMPARE(fieldProblem(&editor, QStringLiteral("name")),
             QStringLiteral("name: the workspace already has an experiment named \"diabetes-mlp\""));
}

void TestExperimentEditor::duplicateAsVariantChangesOneThing()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
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
    QTRY_VERIFY(dialog->editor()->isValid());
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

QTEST_MAIN(TestExperimentEditor)
#include "tst_experimenteditor.moc"
