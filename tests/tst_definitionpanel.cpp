// DefinitionPanel, the Definition tab: valid edits saved when the autosave timer fires (the test
// fires it, so nothing here passes or fails by timing), invalid ones never, a waiting edit saved
// before another experiment is shown or on saveNow(), and over stored seeds only edits that keep
// the fingerprint.
#include "comparepanel.h"
#include "definitionpanel.h"
#include "experimentactions.h"
#include "experimenteditor.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "sweepcontroller.h"

#include "support/experimentbuilder.h"
#include "support/formdriver.h"
#include "support/tempworkspace.h"

#include "experiment/experimentreader.h"
#include "store/resultstore.h"
#include "store/workspace.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

namespace {

const QString kAutosaveTimer = QStringLiteral("autosaveTimer");

WorkspaceEntry entryOf(const QString& workspace, const QString& name)
{
    for (WorkspaceEntry& entry : Workspace(workspace).scan())
        if (entry.experiment && entry.experiment->name == name)
            return entry;
    return {};
}

QByteArray contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString statusOf(const QWidget* root)
{
    auto* label = root->findChild<QLabel*>(QStringLiteral("definitionStatus"));
    return label ? label->text() : QString();
}

// A panel showing the sample workspace's wine-mlp once show() is called, its autosave timer fired
// by the test alone.
struct WinePanel
{
    TempWorkspace workspace{TempWorkspace::Contents::Sample};
    SweepController sweeps;
    DefinitionPanel panel{&sweeps};
    ManualTimer autosave{&panel, kAutosaveTimer};
    const WorkspaceEntry wine = entryOf(workspace.path(), QStringLiteral("wine-mlp"));
    const QString file = workspace.experimentFile(QStringLiteral("wine-mlp"));

    void show() { panel.showEntry(workspace.path(), &wine); }
};

// "quick": diabetes, one hidden layer of 8, 2 epochs, 2 seeds; returns its file.
QString saveQuick(const QString& workspaceFolder)
{
    return ExperimentBuilder(QStringLiteral("quick"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .hidden({8})
        .epochs(2)
        .seeds(2)
        .saveIn(workspaceFolder);
}

// A finished seed of "quick", trained for its 2 epochs.
SeedResult finishedSeed()
{
    SeedResult stored;
    stored.seed = 1;
    stored.epochsRun = 2;
    stored.bestEpoch = 2;
    return stored;
}

// A panel showing "quick" (diabetes, lr 0.001), which has one stored seed (finished unless given),
// once counted.
struct StoredSeedPanel
{
    TempWorkspace workspace;
    const QString file = saveQuick(workspace.path());
    SweepController sweeps;
    DefinitionPanel panel{&sweeps};
    ManualTimer autosave{&panel, kAutosaveTimer};

    explicit StoredSeedPanel(const SeedResult& stored = finishedSeed())
    {
        ResultStore(resultsFolder()).save(stored);
        const WorkspaceEntry quick = entryOf(workspace.path(), QStringLiteral("quick"));
        panel.showEntry(workspace.path(), &quick);
    }
    QString resultsFolder() const
    {
        return Workspace(workspace.path()).resultsFolder(QStringLiteral("quick"));
    }
    QWidget* bar() const { return panel.findChild<QWidget*>(QStringLiteral("variantBar")); }
    QPushButton* button(const QString& name) const { return panel.findChild<QPushButton*>(name); }
    QString lrField() const
    {
        return panel.editor()->findChild<QLineEdit*>(QStringLiteral("training.lr"))->text();
    }
};

} // namespace

class TestDefinitionPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invalidEditIsNeverWritten();
    void statusSaysMarkedInRedOnlyOnceItIs();
    void validEditIsWrittenWhenTheTimerFires();
    void waitingEditIsSavedWhenAnotherExperimentIsShown();
    void waitingEditIsSavedOnSaveNow();
    void storedSeedsRefuseNewSettingsButSaveTheSeedCount();
    void failedSeedsLeaveTheSettingsFree();
    void noExperimentDisablesTheEditor();
    void incomparableEditOffersAVariant();
    void discardPutsTheSavedSettingsBack();
    void variantWaitsForTheFormsOwnProblems();
    void variantBarAndStatusLeaveTheFieldsWhereTheyAre();
    // Through the window: the table and status follow the panel.
    void definitionTabAutosavesValidEdits();
    void storedSeedsAllowOnlyComparableEdits();
    void restoresTheFileOfATrainedExperimentThatLostIt();
};

void TestDefinitionPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestDefinitionPanel::invalidEditIsNeverWritten()
{
    WinePanel w;
    DefinitionPanel& panel = w.panel;
    ManualTimer& autosave = w.autosave;
    const QString& file = w.file;
    QVERIFY(autosave.isValid());
    QSignalSpy saved(&panel, &DefinitionPanel::experimentSaved);
    w.show();
    QTRY_VERIFY(panel.editor()->isValid());
    const QByteArray before = contentsOf(file);
    QVERIFY(!before.isEmpty());

    typeInto(panel.editor(), QStringLiteral("training.epochs"), QStringLiteral("0"));
    QCOMPARE(fieldProblem(panel.editor(), QStringLiteral("training.epochs")),
             QStringLiteral("Epochs: must be at least 1, got 0"));
    QVERIFY(!autosave.isPending());
    QVERIFY(!panel.hasWaitingEdit());
    QVERIFY(statusOf(&panel).contains(QStringLiteral("Not saved: 1 problem")));
    // Neither the timer nor a forced save writes it.
    autosave.fire();
    panel.saveNow();
    QCOMPARE(contentsOf(file), before);
    QCOMPARE(saved.count(), 0);

    // A valid edit waiting for its save is dropped when an invalid one follows.
    typeInto(panel.editor(), QStringLiteral("training.epochs"), QStringLiteral("12"));
    QVERIFY(autosave.isPending());
    typeInto(panel.editor(), QStringLiteral("training.batch_size"), QStringLiteral("0"));
    QVERIFY(!autosave.isPending());
    autosave.fire();
    QCOMPARE(contentsOf(file), before);
    QCOMPARE(saved.count(), 0);
}

void TestDefinitionPanel::validEditIsWrittenWhenTheTimerFires()
{
    WinePanel w;
    DefinitionPanel& panel = w.panel;
    ManualTimer& autosave = w.autosave;
    const QString& file = w.file;
    QVERIFY(autosave.isValid());
    std::vector<Experiment> saved;
    connect(&panel, &DefinitionPanel::experimentSaved, this,
            [&](const Experiment& e) { saved.push_back(e); });
    w.show();
    QTRY_VERIFY(panel.editor()->isValid());
    QVERIFY(panel.editor()->findChild<QLineEdit*>(QStringLiteral("name"))->isReadOnly());
    const int epochs = ExperimentReader::readFile(file).training.epochs;

    typeInto(panel.editor(), QStringLiteral("training.epochs"), QString::number(epochs + 7));
    QVERIFY(autosave.isPending());
    QVERIFY(panel.hasWaitingEdit());
    QCOMPARE(statusOf(&panel), QStringLiteral("Saving…"));
    QCOMPARE(ExperimentReader::readFile(file).training.epochs, epochs); // not before the timer fires
    QVERIFY(saved.empty());

    QVERIFY(autosave.fire());
    QCOMPARE(ExperimentReader::readFile(file).training.epochs, epochs + 7);
    QVERIFY(!panel.hasWaitingEdit());
    QCOMPARE(saved.size(), size_t(1));
    QCOMPARE(saved[0].training.epochs, epochs + 7);
    QCOMPARE(panel.saved()->training.epochs, epochs + 7);
    QVERIFY(statusOf(&panel).startsWith(QStringLiteral("Saved at")));

    // Typed back to what the file holds: nothing waits, nothing more is written.
    typeInto(panel.editor(), QStringLiteral("training.epochs"), QString::number(epochs + 7));
    QVERIFY(!autosave.isPending());
    QCOMPARE(saved.size(), size_t(1));
}

void TestDefinitionPanel::waitingEditIsSavedWhenAnotherExperimentIsShown()
{
    WinePanel w;
    DefinitionPanel& panel = w.panel;
    ManualTimer& autosave = w.autosave;
    const QString& file = w.file;
    QVERIFY(autosave.isValid());
    const WorkspaceEntry diabetes = entryOf(w.workspace.path(), QStringLiteral("diabetes-mlp"));
    w.show();
    QTRY_VERIFY(panel.editor()->isValid());
    QVERIFY(ExperimentReader::readFile(file).training.batchSize != 64);

    typeInto(panel.editor(), QStringLiteral("training.batch_size"), QStringLiteral("64"));
    QVERIFY(autosave.isPending());
    panel.showEntry(w.workspace.path(), &diabetes);
    QCOMPARE(ExperimentReader::readFile(file).training.batchSize, 64);
    QVERIFY(!autosave.isPending());
    QCOMPARE(panel.saved()->name, QStringLiteral("diabetes-mlp"));
    QTRY_COMPARE(panel.editor()->experiment()->name, QStringLiteral("diabetes-mlp"));
    // Nothing of the first leaked into the second.
    QVERIFY(ExperimentReader::readFile(w.workspace.experimentFile(QStringLiteral("diabetes-mlp"))) ==
            *diabetes.experiment);
}

void TestDefinitionPanel::waitingEditIsSavedOnSaveNow()
{
    WinePanel w;
    DefinitionPanel& panel = w.panel;
    ManualTimer& autosave = w.autosave;
    const QString& file = w.file;
    QVERIFY(autosave.isValid());
    QSignalSpy saved(&panel, &DefinitionPanel::experimentSaved);
    w.show();
    QTRY_VERIFY(panel.editor()->isValid());

    typeInto(panel.editor(), QStringLiteral("training.lr"), QStringLiteral("0.05"));
    QVERIFY(panel.hasWaitingEdit());
    panel.saveNow();
    QCOMPARE(ExperimentReader::readFile(file).training.lr, 0.05);
    QVERIFY(!panel.hasWaitingEdit());
    QCOMPARE(saved.count(), 1);
    panel.saveNow(); // nothing waits: nothing to write
    autosave.fire();
    QCOMPARE(saved.count(), 1);
}

void TestDefinitionPanel::storedSeedsRefuseNewSettingsButSaveTheSeedCount()
{
    StoredSeedPanel w;
    DefinitionPanel& panel = w.panel;
    ManualTimer& autosave = w.autosave;
    const QString& file = w.file;
    QVERIFY(autosave.isValid());
    QTRY_VERIFY(panel.editor()->isValid());
    ExperimentEditor* editor = panel.editor();

    // Another learning rate would mix two definitions in one results folder: refused.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    QVERIFY(!editor->isValid());
    QCOMPARE(editor->problems().size(), size_t(1));
    QCOMPARE(editor->problems()[0].field, QStringLiteral("results"));
    // The panel counts the stored seeds off the GUI thread; the message names them once counted.
    QTRY_VERIFY2(editor->problems().size() == 1 && editor->problems()[0].message.startsWith(QStringLiteral(
                                                       "This change makes the stored seed incomparable")),
                 qPrintable(editor->problems().empty() ? QString() : editor->problems()[0].message));
    QVERIFY(!autosave.isPending());
    autosave.fire();
    panel.saveNow();
    QCOMPARE(ExperimentReader::readFile(file).training.lr, 1e-3);

    // More seeds keep them comparable: saved when the timer fires.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.001"));
    typeInto(editor, QStringLiteral("seeds.count"), QStringLiteral("6"));
    QVERIFY(editor->isValid());
    QVERIFY(autosave.isPending());
    QCOMPARE(ExperimentReader::readFile(file).seeds.count, 2);
    QVERIFY(autosave.fire());
    QCOMPARE(ExperimentReader::readFile(file).seeds.count, 6);
    QCOMPARE(ExperimentReader::readFile(file).training.lr, 1e-3);
}

void TestDefinitionPanel::failedSeedsLeaveTheSettingsFree()
{
    // The one stored seed failed (its program could not start): it has no scores to make
    // incomparable, and fixing the settings it failed with is the next step.
    SeedResult failed;
    failed.seed = 1;
    failed.status = SeedStatus::Failed;
    failed.failureReason = QStringLiteral("training loss became nan");
    StoredSeedPanel w(failed);
    DefinitionPanel& panel = w.panel;
    QVERIFY(w.autosave.isValid());
    QTRY_VERIFY(panel.editor()->isValid());
    typeInto(panel.editor(), QStringLiteral("training.lr"), QStringLiteral("0.0001"));
    // Once the seeds are counted (off the GUI thread), nothing stands in the way.
    QTRY_VERIFY2(
        panel.editor()->isValid(),
        qPrintable(panel.editor()->problems().empty() ? QString() : panel.editor()->problems()[0].message));
    QVERIFY(w.bar()->isHidden());
    QVERIFY(w.autosave.fire());
    QCOMPARE(ExperimentReader::readFile(w.file).training.lr, 1e-4);
}

void TestDefinitionPanel::noExperimentDisablesTheEditor()
{
    TempWorkspace workspace(TempWorkspace::Contents::Sample);
    SweepController sweeps;
    DefinitionPanel panel(&sweeps);
    QVERIFY(!panel.editor()->isEnabled());
    QCOMPARE(statusOf(&panel), QStringLiteral("No experiment selected."));
    QVERIFY(!panel.saved());

    WorkspaceEntry broken;
    broken.file = workspace.experimentFile(QStringLiteral("broken"));
    broken.error = QStringLiteral("broken.experiment.json: format 7 is newer");
    panel.showEntry(workspace.path(), &broken);
    QVERIFY(!panel.editor()->isEnabled());
    QVERIFY(statusOf(&panel).contains(QStringLiteral("format 7 is newer")));
    QVERIFY(!panel.saved());

    const WorkspaceEntry wine = entryOf(workspace.path(), QStringLiteral("wine-mlp"));
    panel.showEntry(workspace.path(), &wine);
    QVERIFY(panel.editor()->isEnabled());
    QCOMPARE(panel.saved()->name, QStringLiteral("wine-mlp"));
    panel.showEntry(workspace.path(), nullptr);
    QVERIFY(!panel.editor()->isEnabled());
    QVERIFY(!panel.saved());
}

void TestDefinitionPanel::incomparableEditOffersAVariant()
{
    StoredSeedPanel w;
    ExperimentEditor* editor = w.panel.editor();
    QSignalSpy created(&w.panel, &DefinitionPanel::variantCreated);
    QTRY_VERIFY(editor->isValid());
    QVERIFY(w.bar()->isHidden());
    const QByteArray before = contentsOf(w.file);

    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    QVERIFY(!w.bar()->isHidden());
    QPushButton* make = w.button(QStringLiteral("makeVariant"));
    QCOMPARE(make->text(), QStringLiteral("Make a variant with this change"));
    QTRY_VERIFY(make->isEnabled()); // once the stored seeds are counted
    auto* message = w.panel.findChild<QLabel*>(QStringLiteral("variantMessage"));
    QVERIFY2(message->text().startsWith(QStringLiteral("This change makes the stored seed incomparable")),
             qPrintable(message->text()));
    // Shown in the bar, not again above the form.
    QVERIFY(editor->findChild<QLabel*>(QStringLiteral("otherProblems"))->isHidden());
    QVERIFY(!w.autosave.isPending());

    QTest::mouseClick(make, Qt::LeftButton);
    QCOMPARE(created.count(), 1);
    QCOMPARE(created[0][0].toString(), QStringLiteral("quick-variant"));
    const Experiment variant =
        ExperimentReader::readFile(w.workspace.experimentFile(QStringLiteral("quick-variant")));
    QCOMPARE(variant.name, QStringLiteral("quick-variant"));
    QCOMPARE(variant.training.lr, 0.01);
    QCOMPARE(variant.model.hidden, std::vector<int>{8});
    // The original: its file byte for byte, its seed, and the form showing it again.
    QCOMPARE(contentsOf(w.file), before);
    QCOMPARE(ResultStore(w.resultsFolder()).recordedSeeds().size(), size_t(1));
    QCOMPARE(w.lrField(), QStringLiteral("0.001"));
    QVERIFY(w.bar()->isHidden());
    QTRY_VERIFY(editor->isValid());
    QCOMPARE(editor->experiment()->name, QStringLiteral("quick"));
    w.autosave.fire();
    QCOMPARE(contentsOf(w.file), before);

    // A second variant takes the next free name.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.1"));
    QTRY_VERIFY(make->isEnabled());
    QTest::mouseClick(make, Qt::LeftButton);
    QCOMPARE(created.count(), 2);
    QCOMPARE(created[1][0].toString(), QStringLiteral("quick-variant-2"));
    QCOMPARE(
        ExperimentReader::readFile(w.workspace.experimentFile(QStringLiteral("quick-variant-2"))).training.lr,
        0.1);
    QCOMPARE(
        ExperimentReader::readFile(w.workspace.experimentFile(QStringLiteral("quick-variant"))).training.lr,
        0.01);
}

void TestDefinitionPanel::discardPutsTheSavedSettingsBack()
{
    StoredSeedPanel w;
    ExperimentEditor* editor = w.panel.editor();
    QSignalSpy created(&w.panel, &DefinitionPanel::variantCreated);
    QTRY_VERIFY(editor->isValid());
    const QByteArray before = contentsOf(w.file);

    typeInto(editor, QStringLiteral("training.epochs"), QStringLiteral("9"));
    QVERIFY(!w.bar()->isHidden());
    QTest::mouseClick(w.button(QStringLiteral("discardChange")), Qt::LeftButton);
    QVERIFY(w.bar()->isHidden());
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("training.epochs"))->text(), QStringLiteral("2"));
    QTRY_VERIFY(editor->isValid());
    QVERIFY(!w.autosave.fire());
    QCOMPARE(contentsOf(w.file), before);
    QCOMPARE(created.count(), 0);
    QCOMPARE(Workspace(w.workspace.path()).experimentNames(), QStringList{QStringLiteral("quick")});
}

// While a field is typed in, its new problem waits for the focus to move (FormFields): until then
// the status cannot say it is marked in red.
void TestDefinitionPanel::statusSaysMarkedInRedOnlyOnceItIs()
{
    WinePanel w;
    w.show();
    w.panel.resize(900, 700);
    w.panel.show();
    QVERIFY(QTest::qWaitForWindowActive(&w.panel));
    QTRY_VERIFY(w.panel.editor()->isValid());
    auto* epochs = w.panel.findChild<QLineEdit*>(QStringLiteral("training.epochs"));
    epochs->setFocus();
    QTRY_VERIFY(epochs->hasFocus());

    typeInto(w.panel.editor(), QStringLiteral("training.epochs"), QStringLiteral("0"));
    QVERIFY(fieldProblem(w.panel.editor(), QStringLiteral("training.epochs")).isEmpty()); // waits
    QVERIFY2(statusOf(&w.panel).contains(
                 QStringLiteral("Not saved: 1 problem, marked in red when you leave the field.")),
             qPrintable(statusOf(&w.panel)));
    QTest::keyClick(epochs, Qt::Key_Tab);
    QTRY_COMPARE(fieldProblem(w.panel.editor(), QStringLiteral("training.epochs")),
                 QStringLiteral("Epochs: must be at least 1, got 0"));
    QVERIFY2(statusOf(&w.panel).contains(QStringLiteral("Not saved: 1 problem, marked in red.")),
             qPrintable(statusOf(&w.panel)));
}

void TestDefinitionPanel::variantWaitsForTheFormsOwnProblems()
{
    StoredSeedPanel w;
    ExperimentEditor* editor = w.panel.editor();
    QTRY_VERIFY(editor->isValid());
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    QPushButton* make = w.button(QStringLiteral("makeVariant"));
    QTRY_VERIFY(make->isEnabled());

    // An invalid value as well: no variant of it until it is fixed.
    typeInto(editor, QStringLiteral("training.batch_size"), QStringLiteral("0"));
    QVERIFY(!w.bar()->isHidden());
    QVERIFY(!make->isEnabled());
    QVERIFY2(statusOf(&w.panel).contains(QStringLiteral("Not saved: 1 problem")),
             qPrintable(statusOf(&w.panel)));
    typeInto(editor, QStringLiteral("training.batch_size"), QStringLiteral("16"));
    QVERIFY(make->isEnabled());
    QVERIFY2(statusOf(&w.panel).contains(QStringLiteral("make a variant")), qPrintable(statusOf(&w.panel)));
}

void TestDefinitionPanel::variantBarAndStatusLeaveTheFieldsWhereTheyAre()
{
    StoredSeedPanel w;
    w.panel.resize(900, 700);
    w.panel.show();
    ExperimentEditor* editor = w.panel.editor();
    QTRY_VERIFY(editor->isValid());
    auto* lr = editor->findChild<QLineEdit*>(QStringLiteral("training.lr"));
    QCoreApplication::processEvents();
    const QPoint before = lr->mapTo(&w.panel, QPoint());

    // The first keystroke of a change shows the bar and a longer status: the field stays put.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    QTRY_VERIFY(w.bar()->isVisible());
    QVERIFY(w.bar()->mapTo(&w.panel, QPoint()).y() > before.y()); // under the form
    QCoreApplication::processEvents();
    QCOMPARE(lr->mapTo(&w.panel, QPoint()), before);
}

void TestDefinitionPanel::definitionTabAutosavesValidEdits()
{
    TempWorkspace dir(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(dir.path()));
    ManualTimer autosave(&window, kAutosaveTimer);
    QVERIFY(autosave.isValid());
    window.selectExperiment(QStringLiteral("wine-mlp"));
    ExperimentEditor* editor = window.definitionEditor();
    QTRY_VERIFY(editor->experiment()); // once its data is read off the GUI thread
    QCOMPARE(editor->experiment()->name, QStringLiteral("wine-mlp"));
    QVERIFY(editor->findChild<QLineEdit*>(QStringLiteral("name"))->isReadOnly());
    const QString file = dir.experimentFile(QStringLiteral("wine-mlp"));
    const int epochs = ExperimentReader::readFile(file).training.epochs;

    // An invalid value is shown and never written.
    typeInto(editor, QStringLiteral("training.epochs"), QStringLiteral("0"));
    QCOMPARE(fieldProblem(editor, QStringLiteral("training.epochs")),
             QStringLiteral("Epochs: must be at least 1, got 0"));
    QVERIFY(!autosave.fire());
    QCOMPARE(ExperimentReader::readFile(file).training.epochs, epochs);
    // A valid one is saved when the autosave timer fires, and the table shows it.
    typeInto(editor, QStringLiteral("training.epochs"), QString::number(epochs + 7));
    QVERIFY(autosave.fire());
    QTRY_COMPARE(ExperimentReader::readFile(file).training.epochs, epochs + 7);
    QTRY_VERIFY(window.findChild<QLabel*>(QStringLiteral("definitionStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Saved at")));
    const int row = window.experimentModel()->rowOf(QStringLiteral("wine-mlp"));
    QCOMPARE(window.experimentModel()->entry(row).experiment->training.epochs, epochs + 7);
    // An edit still waiting for its autosave is saved when another experiment is selected.
    typeInto(editor, QStringLiteral("training.batch_size"), QStringLiteral("64"));
    QVERIFY(autosave.isPending());
    window.selectExperiment(QStringLiteral("diabetes-mlp"));
    QCOMPARE(ExperimentReader::readFile(file).training.batchSize, 64);
    QTRY_VERIFY(editor->experiment());
    QCOMPARE(editor->experiment()->name, QStringLiteral("diabetes-mlp"));
}

void TestDefinitionPanel::storedSeedsAllowOnlyComparableEdits()
{
    TempWorkspace workspace;
    saveQuick(workspace.path());
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace.path()));
    ManualTimer autosave(&window, kAutosaveTimer);
    QVERIFY(autosave.isValid());
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(0));
    QVERIFY(ended.wait(60000));
    ExperimentEditor* editor = window.definitionEditor();
    QCOMPARE(editor->experiment()->name, QStringLiteral("quick"));

    // Changing how seeds train would mix two definitions in one results folder: refused.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    QVERIFY(!editor->isValid());
    QCOMPARE(editor->problems().size(), size_t(1));
    QCOMPARE(editor->problems()[0].field, QStringLiteral("results"));
    QVERIFY2(editor->problems()[0].message.startsWith(QStringLiteral("This change makes the 2 stored seeds "
                                                                     "incomparable")),
             qPrintable(editor->problems()[0].message));
    QVERIFY(!window.findChild<QWidget*>(QStringLiteral("variantBar"))->isHidden());
    QVERIFY(!autosave.fire());
    QCOMPARE(ExperimentReader::readFile(workspace.experimentFile(QStringLiteral("quick"))).training.lr, 1e-3);
    // More seeds keep them comparable: saved.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.001"));
    typeInto(editor, QStringLiteral("seeds.count"), QStringLiteral("6"));
    QVERIFY(editor->isValid());
    QVERIFY(autosave.fire());
    QTRY_COMPARE(ExperimentReader::readFile(workspace.experimentFile(QStringLiteral("quick"))).seeds.count,
                 6);
    QTRY_COMPARE(window.experimentModel()->index(0, ExperimentTableModel::Seeds).data().toString(),
                 QStringLiteral("2/6"));
    // Make a variant with this change: the window selects the new experiment, the original keeps
    // its seeds and its settings.
    typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
    auto* make = window.findChild<QPushButton*>(QStringLiteral("makeVariant"));
    QTRY_VERIFY(make->isEnabled());
    QTest::mouseClick(make, Qt::LeftButton);
    QTRY_COMPARE(window.selectedExperiment(), QStringLiteral("quick-variant"));
    QCOMPARE(
        ExperimentReader::readFile(workspace.experimentFile(QStringLiteral("quick-variant"))).training.lr,
        0.01);
    // The form shows it once its data is checked (on a pool thread).
    QTRY_VERIFY(editor->experiment() && editor->experiment()->training.lr == 0.01);
    QCOMPARE(ExperimentReader::readFile(workspace.experimentFile(QStringLiteral("quick"))).training.lr, 1e-3);
    QVERIFY(window.statusBar()->currentMessage().startsWith(
        QStringLiteral("Created quick-variant with your change")));
}

// Its file removed outside Seedscape, a trained experiment is not "imported": the Definition tab
// offers its file back from the definition its results keep, and the row is an experiment again.
void TestDefinitionPanel::restoresTheFileOfATrainedExperimentThatLostIt()
{
    TempWorkspace workspace;
    const QString file = saveQuick(workspace.path());
    const Experiment saved = ExperimentReader::readFile(file);
    MainWindow window;
    QVERIFY(window.openWorkspace(workspace.path()));
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    QVERIFY(window.runExperiments(0));
    QVERIFY(ended.wait(60000));
    QVERIFY(QFile::remove(file));
    ExperimentTableModel* model = window.experimentModel();
    QTRY_COMPARE(model->index(0, ExperimentTableModel::Status).data().toString(),
                 QStringLiteral("file missing"));
    QCOMPARE(model->index(0, ExperimentTableModel::Seeds).data().toString(), QStringLiteral("2"));
    window.selectExperiment(QStringLiteral("quick"));
    auto* restore = window.findChild<QPushButton*>(QStringLiteral("restoreExperimentFile"));
    QVERIFY(restore);
    QTRY_VERIFY(!restore->isHidden());
    QVERIFY(!window.definitionEditor()->isEnabled());
    const QString status = window.findChild<QLabel*>(QStringLiteral("definitionStatus"))->text();
    QVERIFY2(status.startsWith(QStringLiteral("The experiment file of quick is missing")),
             qPrintable(status));
    QVERIFY(!window.runExperiments(0));
    QVERIFY2(
        window.statusBar()->currentMessage().contains(QStringLiteral("restore it on the Definition tab")),
        qPrintable(window.statusBar()->currentMessage()));
    // Its sources of randomness are not studied, and for the same reason, not because it was "imported".
    QTRY_VERIFY2(window.comparePanel()->sourcesText().startsWith(
                     QStringLiteral("The experiment file of quick is missing: restore it")),
                 qPrintable(window.comparePanel()->sourcesText()));
    QVERIFY(!window.experimentActions()->createRandomnessStudy(QStringLiteral("quick")));
    QVERIFY2(window.statusBar()->currentMessage().startsWith(
                 QStringLiteral("The experiment file of quick is missing: restore it")),
             qPrintable(window.statusBar()->currentMessage()));

    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(QFile::exists(file));
    QVERIFY(ExperimentReader::readFile(file) == saved);
    QVERIFY(restore->isHidden());
    QTRY_COMPARE(model->index(0, ExperimentTableModel::Status).data().toString(), QStringLiteral("done"));
    QCOMPARE(model->index(0, ExperimentTableModel::Seeds).data().toString(), QStringLiteral("2/2"));
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Restored ")));
    QTRY_VERIFY(window.definitionEditor()->isEnabled());
    QTRY_VERIFY(window.definitionEditor()->experiment() &&
                window.definitionEditor()->experiment()->name == QStringLiteral("quick"));
}

QTEST_MAIN(TestDefinitionPanel)
#include "tst_definitionpanel.moc"
