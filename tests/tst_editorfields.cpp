// The experiment editor's rows and pickers: each row's label in words with the field's path as its
// tooltip, the first problem scrolled into view when an experiment is shown and when an edit makes
// one appear, the data file picker (its folder remembered, a file from outside the workspace copied
// into datasets/ when the user agrees, the path stored relative) and the working-folder picker's
// remembered folder.
#include "commandmodelform.h"
#include "datasetpicker.h"
#include "experimenteditor.h"

#include "support/experimentbuilder.h"
#include "support/formdriver.h"
#include "support/sampledata.h"
#include "support/tempworkspace.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

QLineEdit* lineEdit(QWidget* root, const QString& field)
{
    return root->findChild<QLineEdit*>(field);
}

QLabel* problemLabel(QWidget* root, const QString& field)
{
    return root->findChild<QLabel*>(field + QStringLiteral(".problem"));
}

QScrollBar* formScrollBar(QWidget* editor)
{
    return editor->findChild<QScrollArea*>(QStringLiteral("editorForm"))->verticalScrollBar();
}

// An editor window too short for its form, so that fields near the end are scrolled out of view.
struct ShortEditor
{
    TempWorkspace workspace;
    ExperimentEditor editor;

    ShortEditor()
    {
        editor.resize(1000, 260);
        editor.setWorkspace(workspace.path(), {});
        editor.show();
    }
};

Experiment diabetes()
{
    return ExperimentBuilder(QStringLiteral("scroll"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({8});
}

} // namespace

class TestEditorFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void labelsAreWordsWithTheFieldPathAsTooltip();
    void firstProblemIsScrolledIntoViewWhenShown();
    void problemAppearingAfterAnEditIsScrolledIntoView();
    void aProblemWaitsUntilTheTypingLeavesItsField();
    void outsideDatasetIsCopiedIntoTheWorkspaceWhenAccepted();
    void outsideDatasetStaysWhereItIsWhenDeclined();
    void datasetInsideTheWorkspaceIsStoredRelative();
    void workdirPickerRemembersItsFolder();
};

void TestEditorFields::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEditorFields::init()
{
    QSettings().clear(); // no folder remembered from another test
}

void TestEditorFields::labelsAreWordsWithTheFieldPathAsTooltip()
{
    ExperimentEditor editor;
    const QList<std::pair<QString, QString>> expected = {
        {QStringLiteral("name"), QStringLiteral("Name")},
        {QStringLiteral("dataset.path"), QStringLiteral("CSV file")},
        {QStringLiteral("dataset.split.validation"), QStringLiteral("Validation fraction")},
        {QStringLiteral("training.lr"), QStringLiteral("Learning rate")},
        {QStringLiteral("training.early_stopping_patience"), QStringLiteral("Early stopping patience")},
        {QStringLiteral("seeds.count"), QStringLiteral("Seeds")},
        {QStringLiteral("model.command"), QStringLiteral("Command line")},
        {QStringLiteral("model.workdir"), QStringLiteral("Working folder")},
    };
    for (const auto& [field, words] : expected) {
        auto* label = editor.findChild<QLabel*>(field + QStringLiteral(".label"));
        QVERIFY2(label, qPrintable(field));
        QCOMPARE(label->text(), words);
        QCOMPARE(label->toolTip(), field);
    }
    // Every row: a path as tooltip, words (no dots or underscores) as text; every field that can
    // show a problem has a labelled row.
    const QList<QLabel*> labels =
        editor.findChildren<QLabel*>(QRegularExpression(QStringLiteral("\\.label$")));
    QVERIFY(labels.size() >= 30);
    for (const QLabel* label : labels) {
        const QString field = label->objectName().chopped(6);
        QCOMPARE(label->toolTip(), field);
        QVERIFY2(!label->text().contains(QLatin1Char('.')) && !label->text().contains(QLatin1Char('_')),
                 qPrintable(label->text()));
    }
    for (const QLabel* problem :
         editor.findChildren<QLabel*>(QRegularExpression(QStringLiteral("\\.problem$")))) {
        const QString field = problem->objectName().chopped(8);
        QVERIFY2(editor.findChild<QLabel*>(field + QStringLiteral(".label")), qPrintable(field));
    }
    // The check box with no label of its own carries the path itself.
    QCOMPARE(editor.findChild<QWidget*>(QStringLiteral("model.layer_norm"))->toolTip(),
             QStringLiteral("model.layer_norm"));
}

void TestEditorFields::firstProblemIsScrolledIntoViewWhenShown()
{
    ShortEditor w;
    QLabel* epochsProblem = problemLabel(&w.editor, QStringLiteral("training.epochs"));
    w.editor.setExperiment(diabetes());
    QCOMPARE(formScrollBar(&w.editor)->value(), 0);
    QVERIFY(epochsProblem->isHidden());

    // Two problems below the visible part of the form: the first one is scrolled to.
    Experiment broken = diabetes();
    broken.training.epochs = 0;
    broken.seeds.count = 0;
    w.editor.setExperiment(broken);
    QCOMPARE(fieldProblem(&w.editor, QStringLiteral("training.epochs")),
             QStringLiteral("Epochs: must be at least 1, got 0"));
    QVERIFY(!fieldProblem(&w.editor, QStringLiteral("seeds.count")).isEmpty());
    QTRY_VERIFY(formScrollBar(&w.editor)->value() > 0);
    QTRY_VERIFY(!epochsProblem->visibleRegion().isEmpty());
    QVERIFY(!lineEdit(&w.editor, QStringLiteral("training.epochs"))->visibleRegion().isEmpty());
}

void TestEditorFields::problemAppearingAfterAnEditIsScrolledIntoView()
{
    ShortEditor w;
    w.editor.setExperiment(diabetes());
    QTRY_VERIFY(w.editor.isValid());
    QScrollBar* bar = formScrollBar(&w.editor);
    bar->setValue(0);
    QLabel* problem = problemLabel(&w.editor, QStringLiteral("seeds.list"));
    QVERIFY(lineEdit(&w.editor, QStringLiteral("seeds.list"))->visibleRegion().isEmpty()); // out of view

    typeInto(&w.editor, QStringLiteral("seeds.list"), QStringLiteral("1, x"));
    QVERIFY(!problem->isHidden());
    QTRY_VERIFY(!problem->visibleRegion().isEmpty());
    QVERIFY(bar->value() > 0);

    // A problem already shown does not pull the form back to it when another edit follows.
    bar->setValue(0);
    QTest::keyClicks(lineEdit(&w.editor, QStringLiteral("seeds.list")), QStringLiteral("yz"));
    QVERIFY2(fieldProblem(&w.editor, QStringLiteral("seeds.list")).contains(QStringLiteral("\"xyz\"")),
             qPrintable(problem->text()));
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), 0);
}

void TestEditorFields::aProblemWaitsUntilTheTypingLeavesItsField()
{
    TempWorkspace workspace;
    ExperimentEditor editor;
    editor.resize(1000, 700);
    editor.setWorkspace(workspace.path(), {});
    editor.setExperiment(diabetes());
    editor.show();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    QTRY_VERIFY(editor.isValid());
    QLineEdit* lr = lineEdit(&editor, QStringLiteral("training.lr"));
    auto* order = editor.findChild<QCheckBox*>(QStringLiteral("seeds.vary.order"));
    editor.findChild<QScrollArea*>(QStringLiteral("editorForm"))->ensureWidgetVisible(order);
    QCoreApplication::processEvents();
    const auto top = [&] {
        return order->mapTo(&editor, QPoint()).y();
    };
    const int before = top();

    lr->setFocus();
    QTRY_VERIFY(lr->hasFocus());
    typeInto(&editor, QStringLiteral("training.lr"), QStringLiteral("0"));
    QCoreApplication::processEvents();
    QVERIFY(!editor.isValid()); // known at once: nothing can be saved
    QVERIFY(fieldProblem(&editor, QStringLiteral("training.lr")).isEmpty()); // not shown yet
    QCOMPARE(top(), before);                                                 // nothing below moved

    // A click on a check box below: press and release both land on it, then the message shows.
    const bool wasChecked = order->isChecked();
    const QPoint nearItsTop = order->mapTo(&editor, QPoint(8, 2)); // a move of 3 px would miss it
    QTest::mousePress(editor.windowHandle(), Qt::LeftButton, {}, nearItsTop);
    QVERIFY(order->hasFocus());
    QCoreApplication::processEvents(); // the time a hand takes between press and release
    QCOMPARE(top(), before);
    QTest::mouseRelease(editor.windowHandle(), Qt::LeftButton, {}, nearItsTop);
    QCOMPARE(order->isChecked(), !wasChecked);
    QTRY_COMPARE(fieldProblem(&editor, QStringLiteral("training.lr")),
                 QStringLiteral("Learning rate: must be greater than 0, got 0"));
    QCOMPARE(problemLabel(&editor, QStringLiteral("training.lr"))->toolTip(),
             QStringLiteral("training.lr: must be greater than 0, got 0")); // the path, for the file
    QTRY_VERIFY(top() > before);

    // Another message while typing: one that fits the lines shows in place; a longer one waits and
    // shows, moving the fields, when the focus moves.
    lr->setFocus();
    QTRY_VERIFY(lr->hasFocus());
    const int twoLines = top();
    typeInto(&editor, QStringLiteral("training.lr"), QStringLiteral("x"));
    QCoreApplication::processEvents();
    QCOMPARE(fieldProblem(&editor, QStringLiteral("training.lr")),
             QStringLiteral("Learning rate: must be a number, got \"x\""));
    QCOMPARE(top(), twoLines);
    typeInto(&editor, QStringLiteral("training.lr"), QStringLiteral("1e39"));
    QCoreApplication::processEvents();
    // (Typed key by key: "1" and "1e3" solve it on the way, so its lines stand empty meanwhile.)
    QVERIFY2(!fieldProblem(&editor, QStringLiteral("training.lr")).contains(QStringLiteral("float32")),
             qPrintable(fieldProblem(&editor, QStringLiteral("training.lr"))));
    QCOMPARE(top(), twoLines);
    QTest::keyClick(lr, Qt::Key_Tab);
    QTRY_VERIFY2(
        fieldProblem(&editor, QStringLiteral("training.lr")).contains(QStringLiteral("float32 range")),
        qPrintable(fieldProblem(&editor, QStringLiteral("training.lr"))));
    QTRY_VERIFY(top() > twoLines);
    const int withMessage = top();

    // Solved while typed in: the message goes, its lines stay until the typing leaves the field.
    lr->setFocus();
    QTRY_VERIFY(lr->hasFocus());
    typeInto(&editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    QCoreApplication::processEvents();
    QVERIFY(editor.isValid());
    QVERIFY(fieldProblem(&editor, QStringLiteral("training.lr")).isEmpty());
    QCOMPARE(top(), withMessage);
    QTest::keyClick(lr, Qt::Key_Tab);
    QTRY_COMPARE(top(), before);

    // A message under another field waits too: the split's, under the test fraction, while the
    // validation fraction is typed; Tab to the next field shows it.
    QLineEdit* validation = lineEdit(&editor, QStringLiteral("dataset.split.validation"));
    validation->setFocus();
    QTRY_VERIFY(validation->hasFocus());
    typeInto(&editor, QStringLiteral("dataset.split.validation"), QStringLiteral("0.9"));
    QCoreApplication::processEvents();
    QVERIFY(!editor.isValid());
    QVERIFY(fieldProblem(&editor, QStringLiteral("dataset.split.test")).isEmpty());
    QCOMPARE(top(), before);
    QTest::keyClick(validation, Qt::Key_Tab);
    QTRY_VERIFY2(fieldProblem(&editor, QStringLiteral("dataset.split.test"))
                     .startsWith(QStringLiteral("Validation and test fractions: validation 0.9 + test")),
                 qPrintable(fieldProblem(&editor, QStringLiteral("dataset.split.test"))));

    // Another experiment shown while a field has the focus is no typing: its problems show at once.
    lr->setFocus();
    QTRY_VERIFY(lr->hasFocus());
    Experiment broken = diabetes();
    broken.training.epochs = 0;
    editor.setExperiment(broken);
    QCOMPARE(fieldProblem(&editor, QStringLiteral("training.epochs")),
             QStringLiteral("Epochs: must be at least 1, got 0"));
    QVERIFY(fieldProblem(&editor, QStringLiteral("dataset.split.test")).isEmpty());
}

void TestEditorFields::outsideDatasetIsCopiedIntoTheWorkspaceWhenAccepted()
{
    ShortEditor w;
    w.editor.setExperiment(diabetes());
    const QString outsideFolder = w.workspace.beside(QStringLiteral("downloads"));
    QVERIFY(QDir().mkpath(outsideFolder));
    const QString outside = outsideFolder + QStringLiteral("/my-diabetes.csv");
    QVERIFY(QFile::copy(sampleDatasetPath(QStringLiteral("diabetes.csv")), outside));

    QStringList starts, questions;
    w.editor.datasetPicker()->setFileChooser([&](QWidget*, const QString& start) {
        starts << start;
        return outside;
    });
    w.editor.datasetPicker()->setCopyConfirmation([&](const QString& question) {
        questions << question;
        return true;
    });
    auto* choose = w.editor.findChild<QPushButton*>(QStringLiteral("dataset.path.choose"));
    QVERIFY(choose);
    QTest::mouseClick(choose, Qt::LeftButton);

    QCOMPARE(questions.size(), 1);
    QVERIFY2(questions[0].contains(QDir::toNativeSeparators(outside)), qPrintable(questions[0]));
    QCOMPARE(lineEdit(&w.editor, QStringLiteral("dataset.path"))->text(),
             QStringLiteral("datasets/my-diabetes.csv"));
    QFile original(outside), copy(w.workspace.path() + QStringLiteral("/datasets/my-diabetes.csv"));
    QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), original.readAll());
    QTRY_VERIFY(w.editor.isValid()); // the copy loads
    QCOMPARE(w.editor.experiment()->dataset.path, QStringLiteral("datasets/my-diabetes.csv"));

    // The folder is remembered, here and for the next dialog; the same file again reuses the copy.
    QCOMPARE(QSettings().value(QStringLiteral("dialogs/datasetFolder")).toString(),
             QFileInfo(outsideFolder).absoluteFilePath());
    QTest::mouseClick(choose, Qt::LeftButton);
    QCOMPARE(starts.size(), 2);
    QCOMPARE(starts[1], QFileInfo(outsideFolder).absoluteFilePath());
    QCOMPARE(lineEdit(&w.editor, QStringLiteral("dataset.path"))->text(),
             QStringLiteral("datasets/my-diabetes.csv"));
    QCOMPARE(QDir(w.workspace.path() + QStringLiteral("/datasets")).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("my-diabetes.csv")});
}

void TestEditorFields::outsideDatasetStaysWhereItIsWhenDeclined()
{
    ShortEditor w;
    w.editor.setExperiment(diabetes());
    const QString outside = w.workspace.beside(QStringLiteral("elsewhere.csv"));
    QVERIFY(QFile::copy(sampleDatasetPath(QStringLiteral("diabetes.csv")), outside));
    int asked = 0;
    w.editor.datasetPicker()->setFileChooser([&](QWidget*, const QString&) { return outside; });
    w.editor.datasetPicker()->setCopyConfirmation([&](const QString&) {
        ++asked;
        return false;
    });
    QTest::mouseClick(w.editor.findChild<QPushButton*>(QStringLiteral("dataset.path.choose")),
                      Qt::LeftButton);
    QCOMPARE(asked, 1);
    QCOMPARE(lineEdit(&w.editor, QStringLiteral("dataset.path"))->text(), outside);
    QVERIFY(!QFileInfo::exists(w.workspace.path() + QStringLiteral("/datasets")));
}

void TestEditorFields::datasetInsideTheWorkspaceIsStoredRelative()
{
    ShortEditor w;
    w.editor.setExperiment(diabetes());
    const QString inside = w.workspace.path() + QStringLiteral("/data/mine.csv");
    QVERIFY(QDir().mkpath(QFileInfo(inside).absolutePath()));
    QVERIFY(QFile::copy(sampleDatasetPath(QStringLiteral("diabetes.csv")), inside));
    int asked = 0;
    w.editor.datasetPicker()->setFileChooser([&](QWidget*, const QString&) { return inside; });
    w.editor.datasetPicker()->setCopyConfirmation([&](const QString&) {
        ++asked;
        return true;
    });
    QTest::mouseClick(w.editor.findChild<QPushButton*>(QStringLiteral("dataset.path.choose")),
                      Qt::LeftButton);
    QCOMPARE(asked, 0); // nothing to copy
    QCOMPARE(lineEdit(&w.editor, QStringLiteral("dataset.path"))->text(), QStringLiteral("data/mine.csv"));
    QTRY_VERIFY(w.editor.isValid());
    QCOMPARE(w.editor.experiment()->dataset.path, QStringLiteral("data/mine.csv"));
}

void TestEditorFields::workdirPickerRemembersItsFolder()
{
    TempWorkspace workspace;
    const QString scripts = workspace.beside(QStringLiteral("scripts"));
    QVERIFY(QDir().mkpath(scripts));
    ExperimentEditor editor;
    editor.setWorkspace(workspace.path(), {});
    CommandModelForm* form = editor.commandForm();
    QStringList starts;
    form->setFolderChooser([&](QWidget*, const QString& start) {
        starts << start;
        return scripts;
    });
    form->chooseWorkdir();
    QCOMPARE(lineEdit(&editor, QStringLiteral("model.workdir"))->text(), scripts); // outside: absolute
    QCOMPARE(QSettings().value(QStringLiteral("dialogs/workdirFolder")).toString(),
             QFileInfo(scripts).absoluteFilePath());
    form->chooseWorkdir();
    QCOMPARE(starts.size(), 2);
    QVERIFY(starts[0] != starts[1]);
    QCOMPARE(starts[1], QFileInfo(scripts).absoluteFilePath());
}

QTEST_MAIN(TestEditorFields)
#include "tst_editorfields.moc"
