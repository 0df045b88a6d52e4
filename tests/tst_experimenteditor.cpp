// The experiment editor as a user drives it: typing into fields, invalid values refused with the
// file reader's messages, new experiments and variants saved into the workspace. The Definition
// tab's autosave is DefinitionPanel's (tst_definitionpanel).
#include "commandmodelform.h"
#include "csvpreviewmodel.h"
#include "datachecker.h"
#include "experimentdialog.h"
#include "experimenteditor.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"

#include "support/formdriver.h"
#include "support/tempworkspace.h"

#include "experiment/experimentreader.h"
#include "store/workspace.h"
#include "train/computedevice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest/qtestspontaneevent.h>
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
    void dataIsReadAgainOnlyWhenItsFileOrSettingsChange();
    void takenNameIsRefused();
    void duplicateAsVariantChangesOneThing();
    void newExperimentStopsEarlyWithAPatienceForItsEpochs();
    void yourProgramIsCheckedAndSavedAsACommandExperiment();
    void commandExperimentShowsItsCommandLine();
    void deviceOffersWhatThisMachineHasAndKeepsAnother();
    void theWheelScrollsTheFormNotTheFieldUnderIt();
    void aLongProblemWrapsInsideTheForm();
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
    QCOMPARE(window.experimentModel()->rowCount(), 5); // four MLPs and the example CNN (digits-cnn)

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
             QStringLiteral("Learning rate: must be greater than 0, got 0"));
    QVERIFY(!create->isEnabled());
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("fast"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("training.lr")),
             QStringLiteral("Learning rate: must be a number, got \"fast\""));
    typeInto(editor, QStringLiteral("dataset.split.test"), QStringLiteral("0.9"));
    QVERIFY2(fieldProblem(editor, QStringLiteral("dataset.split.test"))
                 .contains(QStringLiteral("leave no training set")),
             qPrintable(fieldProblem(editor, QStringLiteral("dataset.split.test"))));
    typeInto(editor, QStringLiteral("model.hidden"), QStringLiteral("32, 0"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("model.hidden")),
             QStringLiteral("Hidden layers: layer sizes must be between 1 and 65536, got 0"));
    typeInto(editor, QStringLiteral("name"), QStringLiteral("bad/name"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("name")), QStringLiteral("Name: must not contain '/'"));
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
    QVERIFY(saved.training.earlyStoppingPatience > 0);        // a new experiment stops early
    QCOMPARE(window.experimentModel()->rowCount(), 6);
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
    // Its values counted over the whole file (read after the rows shown): the first 50 are class 0.
    QTRY_COMPARE(editor.previewModel()->headerData(classColumn, Qt::Horizontal).toString(),
                 QStringLiteral("cultivar (target)\nwhole number, 3 values"));
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
    // A metric that cannot score the inferred task is refused too, though the file says "auto".
    auto* metric = editor.findChild<QComboBox*>(QStringLiteral("metric"));
    metric->setCurrentText(QStringLiteral("auc"));
    QVERIFY2(
        fieldProblem(&editor, QStringLiteral("metric"))
            .startsWith(QStringLiteral("Metric: auc does not score a regression task (the task inferred")),
        qPrintable(fieldProblem(&editor, QStringLiteral("metric"))));
    QVERIFY(!editor.isValid());
    metric->setCurrentText(QStringLiteral("mae"));
    QVERIFY(fieldProblem(&editor, QStringLiteral("metric")).isEmpty());
    QVERIFY(editor.isValid());
    // The task can be overridden, and a metric that does not fit it is refused.
    task->setCurrentText(QStringLiteral("regression"));
    editor.findChild<QComboBox*>(QStringLiteral("metric"))->setCurrentText(QStringLiteral("auc"));
    QCOMPARE(fieldProblem(&editor, QStringLiteral("metric")),
             QStringLiteral("Metric: auc does not score a regression task"));
    // A split leaving few training rows: the data summary warns, in the problem colour.
    editor.findChild<QComboBox*>(QStringLiteral("metric"))->setCurrentText(QStringLiteral("mae"));
    typeInto(&editor, QStringLiteral("dataset.split.validation"), QStringLiteral("0.45"));
    typeInto(&editor, QStringLiteral("dataset.split.test"), QStringLiteral("0.45"));
    auto* summary = editor.findChild<QLabel*>(QStringLiteral("editorDataSummary"));
    QTRY_VERIFY2(summary->text().contains(QStringLiteral("Few rows: 18 training rows.")),
                 qPrintable(summary->text()));
    QVERIFY(summary->text().contains(QStringLiteral("color:")));
    QVERIFY(editor.isValid()); // said, not refused
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
                 .startsWith(QStringLiteral("CSV file: no file at ")),
             qPrintable(fieldProblem(&editor, QStringLiteral("dataset.path"))));
    QVERIFY(fieldProblem(&editor, QStringLiteral("dataset.path")).endsWith(QStringLiteral("nowhere.csv")));
}

void TestExperimentEditor::dataIsReadAgainOnlyWhenItsFileOrSettingsChange()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    Experiment e = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    e.dataset.task = Task::Auto;
    DataChecker checker;
    QSignalSpy answers(&checker, &DataChecker::answered);
    checker.check(e, dir.path());
    QVERIFY(checker.isPending());
    QCOMPARE(checker.summary(), QStringLiteral("Reading the data…"));
    QTRY_COMPARE(answers.count(), 1);
    QVERIFY(!checker.isPending());
    QVERIFY(!checker.problem());
    QCOMPARE(checker.inferredTask(), Task::Multiclass);
    QVERIFY2(checker.summary().startsWith(QStringLiteral("178 rows, 13 features, task multiclass; split ")),
             qPrintable(checker.summary()));
    QVERIFY(checker.fewRowsWarning().isEmpty());

    // The same settings and file: nothing is read.
    checker.check(e, dir.path());
    QVERIFY(!checker.isPending());
    QTest::qWait(50);
    QCOMPARE(answers.count(), 1);

    // A setting of the data changes: read again, and the loader's message is the problem.
    e.dataset.task = Task::Binary;
    checker.check(e, dir.path());
    QVERIFY(checker.isPending());
    QTRY_COMPARE(answers.count(), 2);
    QVERIFY(checker.problem());
    QCOMPARE(checker.problem()->field, QStringLiteral("dataset.path"));
    QVERIFY2(checker.problem()->message.contains(QStringLiteral("3 classes")),
             qPrintable(checker.problem()->message));
    QVERIFY(!checker.fileMissing());
    QCOMPARE(checker.inferredTask(), Task::Auto);

    // The file changes on disk (a newer time): read again, with the same settings.
    QFile file(e.dataset.resolvedPath(dir.path()));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
    file.close();
    checker.check(e, dir.path());
    QVERIFY(checker.isPending());
    QTRY_COMPARE(answers.count(), 3);

    // No file: known at once, and named even while other data settings are invalid.
    e.dataset.path = QStringLiteral("nowhere.csv");
    checker.check(e, dir.path());
    QVERIFY(!checker.isPending());
    QVERIFY(checker.fileMissing());
    QCOMPARE(checker.problem()->message,
             QStringLiteral("no file at %1").arg(e.dataset.resolvedPath(dir.path())));
    QCOMPARE(answers.count(), 3);

    // A valid split that leaves a handful of training rows is allowed, and said.
    Experiment few = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    few.dataset.split.validation = few.dataset.split.test = 0.45;
    checker.check(few, dir.path());
    QTRY_COMPARE(answers.count(), 4);
    QVERIFY(!checker.problem());
    const int training = 178 - 2 * static_cast<int>(std::lround(0.45 * 178));
    QVERIFY2(checker.summary().contains(QStringLiteral("split %1 training / ").arg(training)),
             qPrintable(checker.summary()));
    QCOMPARE(
        checker.fewRowsWarning(),
        QStringLiteral("Few rows: %1 training rows. A model trained or scored on so few rows says little; "
                       "lower the validation and test fractions, or use more data.")
            .arg(training));
    // Other data: the warning of the last is gone at once, before the new answer.
    few.dataset.path = QStringLiteral("nowhere.csv");
    checker.check(few, dir.path());
    QVERIFY(checker.fewRowsWarning().isEmpty());
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
             QStringLiteral("Name: the workspace already has an experiment named \"diabetes-mlp\""));
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
    QCOMPARE(window.experimentModel()->rowCount(), 6);
}

void TestExperimentEditor::newExperimentStopsEarlyWithAPatienceForItsEpochs()
{
    // A tenth of the epochs, at least 10.
    QCOMPARE(ExperimentDialog::suggestedPatience(5), 10);
    QCOMPARE(ExperimentDialog::suggestedPatience(200), 20);
    QCOMPARE(ExperimentDialog::suggestedPatience(555), 55);
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    Experiment wine = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    wine.training.earlyStoppingPatience = 0;
    const QStringList taken = {QStringLiteral("wine-mlp")};
    // New: early stopping on, for the default epochs; a variant copies its source, off included.
    const Experiment fresh = ExperimentDialog::startFrom(&wine, false, taken);
    QCOMPARE(fresh.training.epochs, TrainingSpec().epochs);
    QCOMPARE(fresh.training.earlyStoppingPatience,
             ExperimentDialog::suggestedPatience(fresh.training.epochs));
    QCOMPARE(ExperimentDialog::startFrom(nullptr, false, {}).training.earlyStoppingPatience, 20);
    QCOMPARE(ExperimentDialog::startFrom(&wine, true, taken).training.earlyStoppingPatience, 0);

    // While the patience is the suggested one it follows the epochs the user types.
    ExperimentDialog dialog(QStringLiteral("New experiment"), dir.path(), taken, fresh);
    dialog.setPatienceFollowsEpochs(true);
    ExperimentEditor* editor = dialog.editor();
    const auto patience = [editor] {
        return editor->findChild<QLineEdit*>(QStringLiteral("training.early_stopping_patience"))->text();
    };
    QCOMPARE(patience(), QStringLiteral("20"));
    typeInto(editor, QStringLiteral("training.epochs"), QStringLiteral("400"));
    QCOMPARE(patience(), QStringLiteral("40"));
    QTRY_VERIFY(editor->isValid());
    QCOMPARE(editor->experiment()->training.earlyStoppingPatience, 40); // the form was read again
    typeInto(editor, QStringLiteral("training.epochs"), QStringLiteral("x"));
    QCOMPARE(patience(), QStringLiteral("40")); // waits for a number
    typeInto(editor, QStringLiteral("training.epochs"), QStringLiteral("30"));
    QCOMPARE(patience(), QStringLiteral("10"));
    // A patience the user typed is theirs.
    typeInto(editor, QStringLiteral("training.early_stopping_patience"), QStringLiteral("7"));
    typeInto(editor, QStringLiteral("training.epochs"), QStringLiteral("300"));
    QCOMPARE(patience(), QStringLiteral("7"));
    QTRY_VERIFY(editor->isValid());
    QCOMPARE(editor->experiment()->training.epochs, 300);
    QCOMPARE(editor->experiment()->training.earlyStoppingPatience, 7);

    // Without following (a variant), changing the epochs changes only the epochs.
    ExperimentDialog variant(QStringLiteral("Duplicate as variant"), dir.path(), taken,
                             ExperimentDialog::startFrom(&fresh, true, taken));
    typeInto(variant.editor(), QStringLiteral("training.epochs"), QStringLiteral("400"));
    QCOMPARE(
        variant.editor()->findChild<QLineEdit*>(QStringLiteral("training.early_stopping_patience"))->text(),
        QStringLiteral("20"));
}

void TestExperimentEditor::yourProgramIsCheckedAndSavedAsACommandExperiment()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    // Data a built-in model cannot use (a text column), and a folder for the program.
    QFile csv(QDir(dir.path()).filePath(QStringLiteral("photos.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("photo,label\n");
    for (int i = 0; i < 40; ++i)
        csv.write(QStringLiteral("img/%1.png,%2\n")
                      .arg(i)
                      .arg(i % 2 ? QStringLiteral("cat") : QStringLiteral("dog"))
                      .toUtf8());
    csv.close();
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("scripts")));
    QFile script(QDir(dir.path()).filePath(QStringLiteral("scripts/train.sh")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\n");
    script.close();

    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    ExperimentDialog* dialog = window.openExperimentDialog(false);
    ExperimentEditor* editor = dialog->editor();
    QPushButton* create = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    auto* path = editor->findChild<QLineEdit*>(QStringLiteral("dataset.path"));
    path->setText(QStringLiteral("photos.csv"));
    Q_EMIT path->editingFinished();
    // The built-in model needs numbers: the text column is a problem for it.
    QTRY_VERIFY2(!fieldProblem(editor, QStringLiteral("dataset.path")).isEmpty(), "the MLP refuses text");

    // Your program: its fields instead of the MLP's, training's and the seed sources'.
    auto* type = editor->findChild<QComboBox*>(QStringLiteral("model.type"));
    QCOMPARE(type->itemText(1), QStringLiteral("Your program"));
    type->setCurrentIndex(1);
    const auto shown = [editor](const QString& field) {
        return editor->findChild<QWidget*>(field)->isVisibleTo(editor);
    };
    for (const char* field :
         {"model.command", "model.workdir", "model.parallel", "model.timeout_minutes", "model.watch"})
        QVERIFY2(shown(QLatin1String(field)), field);
    for (const char* field : {"model.hidden", "model.activation", "model.dropout", "training.lr",
                              "training.epochs", "seeds.vary.init", "device"})
        QVERIFY2(!shown(QLatin1String(field)), field);
    // Now only the target is read: the text column is the program's.
    QTRY_VERIFY2(fieldProblem(editor, QStringLiteral("dataset.path")).isEmpty(),
                 qPrintable(fieldProblem(editor, QStringLiteral("dataset.path"))));

    // The command is checked as typed: the validator's rules, and whether the program can run.
    QCOMPARE(fieldProblem(editor, QStringLiteral("model.command")),
             QStringLiteral(
                 "Command line: must name the program to run, then its arguments, e.g. python3 train.py"));
    typeInto(editor, QStringLiteral("model.command"), QStringLiteral("no-such-trainer-xyz train.py"));
    QVERIFY2(fieldProblem(editor, QStringLiteral("model.command"))
                 .startsWith(QStringLiteral("Command line: no program \"no-such-trainer-xyz\" on PATH")),
             qPrintable(fieldProblem(editor, QStringLiteral("model.command"))));
    QVERIFY(!create->isEnabled());
    typeInto(editor, QStringLiteral("model.command"), QStringLiteral("./train.sh --epochs {epochs}"));
    QVERIFY2(fieldProblem(editor, QStringLiteral("model.command"))
                 .contains(QStringLiteral("{epochs} is not a placeholder")),
             qPrintable(fieldProblem(editor, QStringLiteral("model.command"))));
    // A quote left open is named, not read as the rest of the line.
    typeInto(editor, QStringLiteral("model.command"),
             QStringLiteral("./train.sh --seed {seed} --name 'run 1"));
    QVERIFY2(fieldProblem(editor, QStringLiteral("model.command"))
                 .contains(QStringLiteral("a ' quote is never closed")),
             qPrintable(fieldProblem(editor, QStringLiteral("model.command"))));
    typeInto(editor, QStringLiteral("model.command"),
             QStringLiteral("./train.sh --seed {seed} --name \"run 1\""));
    // The program is looked for in the working folder, which must exist.
    typeInto(editor, QStringLiteral("model.workdir"), QStringLiteral("nowhere"));
    QVERIFY2(fieldProblem(editor, QStringLiteral("model.workdir")).contains(QStringLiteral("does not exist")),
             qPrintable(fieldProblem(editor, QStringLiteral("model.workdir"))));
    // The picker's folder, inside the workspace, is kept relative.
    editor->commandForm()->setFolderChooser([&](QWidget*, const QString& start) {
        [&] {
            QCOMPARE(start, QDir(dir.path()).filePath(QStringLiteral("nowhere")));
        }();
        return QDir(dir.path()).filePath(QStringLiteral("scripts"));
    });
    editor->findChild<QPushButton*>(QStringLiteral("model.workdir.choose"))->click();
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("model.workdir"))->text(),
             QStringLiteral("scripts"));
    QVERIFY(fieldProblem(editor, QStringLiteral("model.workdir")).isEmpty());
    QVERIFY2(
        fieldProblem(editor, QStringLiteral("model.command")).contains(QStringLiteral("is not executable")),
        qPrintable(fieldProblem(editor, QStringLiteral("model.command"))));
    QVERIFY(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
    // Quoted as in a shell, single quotes too: one argument with its spaces.
    typeInto(editor, QStringLiteral("model.command"),
             QStringLiteral("./train.sh --seed {seed} --name 'run 1'"));
    QVERIFY2(fieldProblem(editor, QStringLiteral("model.command")).isEmpty(),
             qPrintable(fieldProblem(editor, QStringLiteral("model.command"))));
    editor->findChild<QSpinBox*>(QStringLiteral("model.parallel"))->setValue(3);
    QCOMPARE(editor->findChild<QSpinBox*>(QStringLiteral("model.parallel"))->maximum(),
             CommandSpec::kMaxParallel);
    editor->findChild<QDoubleSpinBox*>(QStringLiteral("model.timeout_minutes"))->setValue(1.5);
    // Watched files are looked for in the working folder, and a placeholder in one is named.
    typeInto(editor, QStringLiteral("model.watch"), QStringLiteral("\"my model.py\""));
    QVERIFY2(fieldProblem(editor, QStringLiteral("model.watch"))
                 .endsWith(QStringLiteral("scripts/my model.py does not exist")),
             qPrintable(fieldProblem(editor, QStringLiteral("model.watch"))));
    QVERIFY(!create->isEnabled());
    typeInto(editor, QStringLiteral("model.watch"), QStringLiteral("train.sh runs/{seed}"));
    QCOMPARE(
        fieldProblem(editor, QStringLiteral("model.watch")),
        QStringLiteral("Also watch, item 2: cannot hold a placeholder: the watched files are the same for "
                       "every seed"));
    QFile module(QDir(dir.path()).filePath(QStringLiteral("scripts/my model.py")));
    QVERIFY(module.open(QIODevice::WriteOnly));
    module.close();
    typeInto(editor, QStringLiteral("model.watch"), QStringLiteral("\"my model.py\""));
    QVERIFY2(fieldProblem(editor, QStringLiteral("model.watch")).isEmpty(),
             qPrintable(fieldProblem(editor, QStringLiteral("model.watch"))));
    typeInto(editor, QStringLiteral("name"), QStringLiteral("photos-cmd"));
    QTRY_VERIFY2(editor->isValid(),
                 qPrintable(editor->problems().empty() ? QString() : editor->problems()[0].message));
    QVERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);

    // Saved through the experiment writer as model.type command, read back the same.
    const QString file = dir.experimentFile(QStringLiteral("photos-cmd"));
    const Experiment saved = ExperimentReader::readFile(file);
    QVERIFY(saved.isCommand());
    QCOMPARE(saved.model.command.command,
             (QStringList{QStringLiteral("./train.sh"), QStringLiteral("--seed"), QStringLiteral("{seed}"),
                          QStringLiteral("--name"), QStringLiteral("run 1")}));
    QCOMPARE(saved.model.command.workdir, QStringLiteral("scripts"));
    QCOMPARE(saved.model.command.parallel, 3);
    QCOMPARE(saved.model.command.timeoutMinutes, 1.5);
    QCOMPARE(saved.model.command.watch, QStringList{QStringLiteral("my model.py")});
    QCOMPARE(saved.dataset.target, QStringLiteral("label"));
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray json = written.readAll();
    QVERIFY(json.contains("\"type\": \"command\""));
    QVERIFY(!json.contains("\"training\""));
}

void TestExperimentEditor::commandExperimentShowsItsCommandLine()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), {});
    Experiment e = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    e.model = {}; // as the reader leaves a command experiment: the built-in model's defaults
    e.model.type = ModelType::Command;
    e.model.command.command = {QStringLiteral("/bin/sh"), QStringLiteral("my script.sh"),
                               QStringLiteral("{seed}")};
    e.model.command.parallel = 2;
    e.training = {};
    e.seeds.varyInit = e.seeds.varyOrder = e.seeds.varyDropout = true;
    e.device = DeviceSpec::cpu();
    editor.setExperiment(e);
    QCOMPARE(editor.findChild<QComboBox*>(QStringLiteral("model.type"))->currentIndex(), 1);
    QCOMPARE(editor.findChild<QLineEdit*>(QStringLiteral("model.command"))->text(),
             QStringLiteral("/bin/sh 'my script.sh' {seed}"));
    QCOMPARE(editor.findChild<QSpinBox*>(QStringLiteral("model.parallel"))->value(), 2);
    QTRY_VERIFY2(editor.isValid(),
                 qPrintable(editor.problems().empty() ? QString() : editor.problems()[0].message));
    QVERIFY(*editor.experiment() == e); // nothing changed by showing it
    // Back to the built-in model: its fields again, and the experiment is an MLP one.
    editor.findChild<QComboBox*>(QStringLiteral("model.type"))->setCurrentIndex(0);
    QVERIFY(editor.findChild<QWidget*>(QStringLiteral("training.lr"))->isVisibleTo(&editor));
    QVERIFY(!editor.findChild<QWidget*>(QStringLiteral("model.command"))->isVisibleTo(&editor));
    QTRY_VERIFY(editor.isValid());
    QVERIFY(!editor.experiment()->isCommand());
}

// The Device field offers cpu, auto and the GPUs here, and its tooltip names them; a file from a GPU
// machine keeps its device when shown and saved here.
void TestExperimentEditor::deviceOffersWhatThisMachineHasAndKeepsAnother()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    ExperimentEditor editor;
    editor.setWorkspace(dir.path(), {});
    auto* device = editor.findChild<QComboBox*>(QStringLiteral("device"));
    QVERIFY(device);
    QStringList offered;
    for (int i = 0; i < device->count(); ++i)
        offered << device->itemText(i);
    QCOMPARE(offered, ComputeDevice::choices());
    for (const QString& available : ComputeDevice::available())
        QVERIFY2(device->toolTip().contains(available), qPrintable(device->toolTip()));

    Experiment e = Workspace(dir.path()).experiment(QStringLiteral("wine-mlp"));
    e.device = DeviceSpec::cuda(7); // no machine here has eight GPUs
    editor.setExperiment(e);
    QCOMPARE(device->currentText(), QStringLiteral("cuda:7"));
    QTRY_VERIFY(editor.isValid());
    QCOMPARE(editor.experiment()->device, DeviceSpec::cuda(7));
    device->setCurrentIndex(device->findText(QStringLiteral("auto")));
    QCOMPARE(editor.experiment()->device, DeviceSpec::automatic());
}

namespace {

// A turn of the wheel over widget, as the window system delivers it (spontaneous, so Qt passes an
// ignored one on to the parents).
void turnWheel(QWidget* widget, int degrees)
{
    const QPointF centre(widget->width() / 2.0, widget->height() / 2.0);
    QWheelEvent wheel(centre, widget->mapToGlobal(centre), QPoint(), QPoint(0, degrees * 8), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QSpontaneKeyEvent::setSpontaneous(&wheel);
    qApp->notify(widget, &wheel); // as QTest does: sendEvent would make it not spontaneous
}

} // namespace

// Scrolling the form with the pointer over a drop-down changed it (schedule "none" became "step")
// and the Definition tab saved that: the wheel scrolls the form unless the field has focus.
void TestExperimentEditor::theWheelScrollsTheFormNotTheFieldUnderIt()
{
    ExperimentEditor editor;
    editor.resize(900, 320);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto* schedule = editor.findChild<QComboBox*>(QStringLiteral("training.schedule"));
    QVERIFY(schedule);
    auto* scroll = editor.findChild<QScrollArea*>(QStringLiteral("editorForm"));
    QVERIFY(scroll && scroll->verticalScrollBar()->maximum() > 0);
    const int index = schedule->currentIndex();
    const int top = scroll->verticalScrollBar()->value();
    turnWheel(schedule, -15); // down
    QCOMPARE(schedule->currentIndex(), index);
    QVERIFY(scroll->verticalScrollBar()->value() > top); // the form scrolled instead
    // Clicked or tabbed to, the field takes the wheel as usual.
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    schedule->setFocus();
    QTRY_VERIFY(schedule->hasFocus());
    turnWheel(schedule, -15);
    QVERIFY(schedule->currentIndex() != index);
    QCOMPARE(schedule->focusPolicy(), Qt::StrongFocus); // the wheel never gives focus
}

// A ragged CSV's message did not wrap: the form grew wider than its scroll area, which scrolled
// sideways to show it and every field's label went out of sight.
void TestExperimentEditor::aLongProblemWrapsInsideTheForm()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    const QString ragged =
        dir.beside(QStringLiteral("a-data-file-with-a-rather-long-name-as-people-give-them-ragged.csv"));
    QFile file(ragged);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a,b,cultivar\n1,2,3\n4,5\n6,7,8\n");
    file.close();
    ExperimentEditor editor;
    editor.resize(900, 600);
    editor.setWorkspace(dir.path(), {});
    editor.setExperiment(Workspace(dir.path()).experiment(QStringLiteral("wine-mlp")));
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto* path = editor.findChild<QLineEdit*>(QStringLiteral("dataset.path"));
    path->setText(ragged);
    Q_EMIT path->editingFinished();
    auto* problem = editor.findChild<QLabel*>(QStringLiteral("dataset.path.problem"));
    QTRY_VERIFY(problem && problem->isVisible() && problem->text().contains(QStringLiteral("ragged row")));
    auto* scroll = editor.findChild<QScrollArea*>(QStringLiteral("editorForm"));
    QTRY_VERIFY2(scroll->widget()->width() <= scroll->viewport()->width(),
                 qPrintable(QStringLiteral("form %1 wide in %2")
                                .arg(scroll->widget()->width())
                                .arg(scroll->viewport()->width())));
    QTRY_VERIFY(problem->height() > 2 * problem->fontMetrics().height()); // wrapped, every word shown
    QCOMPARE(scroll->horizontalScrollBar()->value(), 0);
    auto* label = editor.findChild<QLabel*>(QStringLiteral("dataset.path.label"));
    QVERIFY(label->mapTo(scroll->viewport(), QPoint(0, 0)).x() >= 0); // still in sight
    // Shown and hidden again (the Qt 6.4 form layout bug a wrapping label met; the sanitizer build
    // runs this too).
    for (int i = 0; i < 3; ++i) {
        path->setText(QStringLiteral("wine.csv"));
        Q_EMIT path->editingFinished();
        path->setText(ragged);
        Q_EMIT path->editingFinished();
    }
    QTRY_VERIFY(problem->isVisible());
}

QTEST_MAIN(TestExperimentEditor)
#include "tst_experimenteditor.moc"
