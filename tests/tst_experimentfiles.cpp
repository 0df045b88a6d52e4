// The window's side of an experiment's own files: notes and tags saved into the experiment file
// (and kept by the Definition tab's saves), rename carrying the results, delete moving them aside,
// both refused while a sweep uses the experiment.
#include "experimenteditor.h"
#include "experimentfileactions.h"
#include "experimenttablemodel.h"
#include "mainwindow.h"
#include "notespanel.h"
#include "slurmcontroller.h"
#include "sweepcontroller.h"

#include "experiment/experimentreader.h"
#include "store/resultstore.h"
#include "store/workspace.h"
#include "support/experimentbuilder.h"
#include "support/formdriver.h"
#include "support/tempworkspace.h"

#include <QCompleter>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestExperimentFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void notesAndTagsRoundTripThroughTheFile();
    void definitionSavesKeepTheNotes();
    void renameCarriesResultsSelectionAndCheckBox();
    void deleteAsksThenMovesAside();
    void notesTypedWhileTheDefinitionSavesAreKept();
    void slurmJobsAreCheckedBeforeARename();
    void runningExperimentIsNeitherRenamedNorDeleted();

private:
    static QString statusOf(MainWindow& window) { return window.statusBar()->currentMessage(); }
};

void TestExperimentFiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings away from the user's own
    QSettings().clear();
}

void TestExperimentFiles::notesAndTagsRoundTripThroughTheFile()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(ws.path()));
        window.selectExperiment(QStringLiteral("wine-mlp"));
        NotesPanel* notes = window.notesPanel();
        ManualTimer autosave(notes, QStringLiteral("notesAutosave"));
        QVERIFY(autosave.isValid());
        QTest::keyClicks(notes->tagsEdit(), QStringLiteral("baseline, for paper,, baseline"));
        QTest::keyClicks(notes->notesEdit(), QStringLiteral("Wider layers next."));
        QVERIFY(autosave.fire());
        const Experiment stored = Workspace(ws.path()).experiment(QStringLiteral("wine-mlp"));
        QCOMPARE(stored.tags, QStringList({QStringLiteral("baseline"), QStringLiteral("for paper")}));
        QCOMPARE(stored.notes, QStringLiteral("Wider layers next."));
        // The table shows the tags once the file is read again.
        const int row = window.experimentModel()->rowOf(QStringLiteral("wine-mlp"));
        QTRY_COMPARE(window.experimentModel()->index(row, ExperimentTableModel::Tags).data().toString(),
                     QStringLiteral("baseline, for paper"));
        QCOMPARE(
            window.experimentModel()->index(row, ExperimentTableModel::Name).data(Qt::ToolTipRole).toString(),
            QStringLiteral("Wider layers next."));
        // Still typing: the text is left as typed while the file is read again.
        QTest::keyClicks(notes->tagsEdit(), QStringLiteral(", "));
        QVERIFY(autosave.fire());
        QTest::qWait(50); // the queued re-read
        QCOMPARE(notes->tagsEdit()->text(), QStringLiteral("baseline, for paper,, baseline, "));
        // A tag the file cannot hold is not saved, and says why.
        notes->tagsEdit()->setText(QString(50, QLatin1Char('x')));
        QTest::keyClicks(notes->tagsEdit(), QStringLiteral("y"));
        QVERIFY(autosave.fire());
        QVERIFY2(
            notes->status().contains(QStringLiteral("the tags are not: a tag is longer than 40 characters")),
            qPrintable(notes->status()));
        QCOMPARE(Workspace(ws.path()).experiment(QStringLiteral("wine-mlp")).tags.size(), 2);
    }
    {
        // The completer offers the workspace's tags for the tag being typed, after a comma too.
        MainWindow window;
        QVERIFY(window.openWorkspace(ws.path()));
        window.selectExperiment(QStringLiteral("digits-mlp"));
        QLineEdit* tags = window.notesPanel()->tagsEdit();
        QCompleter* completer = tags->completer();
        tags->setText(QStringLiteral("mine, FO"));
        QCOMPARE(completer->splitPath(tags->text()), QStringList{QStringLiteral("FO")});
        completer->setCompletionPrefix(QStringLiteral("FO"));
        QCOMPARE(completer->completionCount(), 1);
        QVERIFY(completer->setCurrentRow(0));
        QCOMPARE(completer->currentCompletion(), QStringLiteral("mine, for paper"));
    }
    MainWindow again; // a restart shows them
    QVERIFY(again.openWorkspace(ws.path()));
    again.selectExperiment(QStringLiteral("wine-mlp"));
    QCOMPARE(again.notesPanel()->tagsEdit()->text(), QStringLiteral("baseline, for paper"));
    QCOMPARE(again.notesPanel()->notesEdit()->toPlainText(), QStringLiteral("Wider layers next."));
}

void TestExperimentFiles::definitionSavesKeepTheNotes()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.selectExperiment(QStringLiteral("diabetes-mlp"));
    ManualTimer notesSave(window.notesPanel(), QStringLiteral("notesAutosave"));
    QTest::keyClicks(window.notesPanel()->notesEdit(), QStringLiteral("keep me"));
    QVERIFY(notesSave.fire());
    QTRY_VERIFY(window.definitionEditor()->experiment() &&
                window.definitionEditor()->experiment()->notes == QStringLiteral("keep me"));
    // An edit in the Definition tab writes the whole file: the notes stay.
    ManualTimer definitionSave(&window, QStringLiteral("autosaveTimer"));
    QVERIFY(definitionSave.isValid());
    typeInto(window.definitionEditor(), QStringLiteral("seeds.count"), QStringLiteral("7"));
    QVERIFY(definitionSave.fire());
    const Experiment stored = Workspace(ws.path()).experiment(QStringLiteral("diabetes-mlp"));
    QCOMPARE(stored.seeds.count, 7);
    QCOMPARE(stored.notes, QStringLiteral("keep me"));

    // A Definition edit not yet valid survives notes saved meanwhile, and its save keeps them.
    typeInto(window.definitionEditor(), QStringLiteral("training.lr"), QStringLiteral("-1"));
    QVERIFY(!definitionSave.isPending());
    QTest::keyClicks(window.notesPanel()->notesEdit(), QStringLiteral(", and this"));
    QVERIFY(notesSave.fire());
    QTest::qWait(50); // the queued re-read of the file
    auto* lr = window.definitionEditor()->findChild<QLineEdit*>(QStringLiteral("training.lr"));
    QCOMPARE(lr->text(), QStringLiteral("-1"));
    typeInto(window.definitionEditor(), QStringLiteral("training.lr"), QStringLiteral("0.0005"));
    QVERIFY(definitionSave.fire());
    const Experiment after = Workspace(ws.path()).experiment(QStringLiteral("diabetes-mlp"));
    QCOMPARE(after.training.lr, 0.0005);
    QCOMPARE(after.notes, QStringLiteral("keep me, and this"));
}

void TestExperimentFiles::renameCarriesResultsSelectionAndCheckBox()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    const QString seeds = ws.path() + QStringLiteral("/results/wine-mlp/seeds");
    QVERIFY(QDir().mkpath(seeds));
    QFile marker(seeds + QStringLiteral("/marker"));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.selectExperiment(QStringLiteral("wine-mlp"));
    window.experimentModel()->setHidden({QStringLiteral("wine-mlp")}); // unchecked: plots leave it out
    QString asked;
    window.fileActions()->setQuestions(
        [&asked](const QString& title, const QString& current, const QString&) {
            asked = title + QStringLiteral(" / ") + current;
            return std::optional<QString>(QStringLiteral("wine-renamed"));
        },
        [](const QString&, const QString&) { return true; });
    QVERIFY(window.fileActions()->askRename(window.selectedExperiment()));
    QCOMPARE(asked, QStringLiteral("Rename wine-mlp / wine-mlp"));
    QCOMPARE(window.selectedExperiment(), QStringLiteral("wine-renamed"));
    QVERIFY(window.experimentModel()->hidden().contains(QStringLiteral("wine-renamed")));
    QVERIFY(!window.experimentModel()->hidden().contains(QStringLiteral("wine-mlp")));
    QCOMPARE(window.experimentModel()->rowOf(QStringLiteral("wine-mlp")), -1);
    QVERIFY(QFileInfo::exists(ws.path() + QStringLiteral("/results/wine-renamed/seeds/marker")));
    QVERIFY(statusOf(window).startsWith(QStringLiteral("Renamed wine-mlp to wine-renamed")));

    // A taken name is refused with the reason, nothing moves; the name is asked for again with the
    // reason, the refused name offered to be corrected. Given up on, the reason stays in the status bar.
    QStringList offered, problems;
    window.fileActions()->setQuestions(
        [&](const QString&, const QString& current, const QString& problem) {
            offered << current;
            problems << problem;
            return offered.size() == 1 ? std::optional<QString>(QStringLiteral("digits-mlp")) : std::nullopt;
        },
        [](const QString&, const QString&) { return true; });
    QVERIFY(!window.fileActions()->askRename(QStringLiteral("wine-renamed")));
    const QString taken =
        QStringLiteral("Not renamed: The workspace already has an experiment named digits-mlp.");
    QCOMPARE(offered, (QStringList{QStringLiteral("wine-renamed"), QStringLiteral("digits-mlp")}));
    QCOMPARE(problems, (QStringList{QString(), taken}));
    QCOMPARE(statusOf(window), taken);
    QVERIFY(QFileInfo::exists(ws.path() + QStringLiteral("/results/wine-renamed/seeds/marker")));
    // Corrected on the second ask, it is renamed.
    offered.clear();
    window.fileActions()->setQuestions(
        [&](const QString&, const QString& current, const QString&) {
            offered << current;
            return std::optional<QString>(offered.size() == 1 ? QStringLiteral("digits-mlp")
                                                              : QStringLiteral("wine-again"));
        },
        [](const QString&, const QString&) { return true; });
    QVERIFY(window.fileActions()->askRename(QStringLiteral("wine-renamed")));
    QCOMPARE(offered.size(), 2);
    QVERIFY(QFileInfo::exists(ws.path() + QStringLiteral("/results/wine-again/seeds/marker")));
}

void TestExperimentFiles::deleteAsksThenMovesAside()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    const int before = window.experimentModel()->rowCount();
    QString question;
    bool answer = false;
    window.fileActions()->setQuestions(
        [](const QString&, const QString&, const QString&) { return std::nullopt; },
        [&](const QString&, const QString& text) {
            question = text;
            return answer;
        });
    QVERIFY(!window.fileActions()->askDelete(QStringLiteral("wine-mlp"), 3)); // the user says No
    QVERIFY(
        question.startsWith(QStringLiteral("Delete wine-mlp and its 3 stored seeds? They are moved to ")));
    QCOMPARE(window.experimentModel()->rowCount(), before);
    answer = true;
    QVERIFY(window.fileActions()->askDelete(QStringLiteral("wine-mlp"), 3));
    QCOMPARE(window.experimentModel()->rowCount(), before - 1);
    QCOMPARE(window.experimentModel()->rowOf(QStringLiteral("wine-mlp")), -1);
    const QStringList aside =
        QDir(ws.path() + QStringLiteral("/deleted")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(aside.size(), 1);
    QVERIFY(QFileInfo::exists(ws.path() + QStringLiteral("/deleted/") + aside.front() +
                              QStringLiteral("/wine-mlp.experiment.json")));

    // The selected one, deleted from the menu: no tab keeps it, so no edit can write it back.
    window.selectExperiment(QStringLiteral("digits-mlp"));
    QTRY_VERIFY(window.definitionEditor()->experiment() && // once its data is checked
                window.definitionEditor()->experiment()->name == QStringLiteral("digits-mlp"));
    QVERIFY(window.fileActions()->askDelete(QStringLiteral("digits-mlp"), 0));
    QVERIFY(!window.definitionEditor()->isEnabled());
    QVERIFY(!window.notesPanel()->notesEdit()->isEnabled());
    QVERIFY(!QFileInfo::exists(ws.experimentFile(QStringLiteral("digits-mlp"))));
}

void TestExperimentFiles::notesTypedWhileTheDefinitionSavesAreKept()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.selectExperiment(QStringLiteral("wine-mlp"));
    ManualTimer notesSave(window.notesPanel(), QStringLiteral("notesAutosave"));
    ManualTimer definitionSave(&window, QStringLiteral("autosaveTimer"));
    QTRY_VERIFY(window.definitionEditor()->experiment()); // its data checked
    typeInto(window.definitionEditor(), QStringLiteral("seeds.count"), QStringLiteral("9"));
    QTRY_VERIFY(definitionSave.isPending());
    QTest::keyClicks(window.notesPanel()->notesEdit(), QStringLiteral("typed meanwhile"));
    // The notes save saves the waiting definition first, which re-reads the workspace: the notes
    // typed are what is written, not the file's.
    QVERIFY(notesSave.fire());
    const Experiment stored = Workspace(ws.path()).experiment(QStringLiteral("wine-mlp"));
    QCOMPARE(stored.seeds.count, 9);
    QCOMPARE(stored.notes, QStringLiteral("typed meanwhile"));
    QCOMPARE(window.notesPanel()->notesEdit()->toPlainText(), QStringLiteral("typed meanwhile"));
}

void TestExperimentFiles::runningExperimentIsNeitherRenamedNorDeleted()
{
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY(window.openWorkspace(quickDiabetesWorkspace(dir.filePath(QStringLiteral("ws")), 5000, 2)));
    window.setCancelConfirmation([](const QString&) { return true; });
    window.fileActions()->setQuestions(
        [](const QString&, const QString&, const QString&) {
            return std::optional<QString>(QStringLiteral("other"));
        },
        [](const QString&, const QString&) { return true; });
    QVERIFY(window.runExperiments(0));
    QVERIFY(!window.fileActions()->askRename(QStringLiteral("quick")));
    QCOMPARE(statusOf(window), QStringLiteral("quick is in the running sweep; cancel it first."));
    QVERIFY(!window.fileActions()->askDelete(QStringLiteral("quick"), 0));
    QVERIFY(window.experimentModel()->rowOf(QStringLiteral("quick")) >= 0);
    QSignalSpy ended(window.sweeps(), &SweepController::sweepEnded);
    window.cancelSweep();
    QVERIFY(ended.wait(60000));
    QVERIFY(window.fileActions()->askRename(QStringLiteral("quick"))); // free once the sweep ended
    QVERIFY(window.experimentModel()->rowOf(QStringLiteral("other")) >= 0);

    // A sweep that started while the name was asked for: the answer is refused, nothing moves.
    window.fileActions()->setQuestions(
        [&window](const QString&, const QString&, const QString&) {
            window.runExperiments(window.experimentModel()->rowOf(QStringLiteral("other")));
            return std::optional<QString>(QStringLiteral("third"));
        },
        [](const QString&, const QString&) { return true; });
    QVERIFY(!window.fileActions()->askRename(QStringLiteral("other")));
    QCOMPARE(statusOf(window), QStringLiteral("other is in the running sweep; cancel it first."));
    QCOMPARE(window.experimentModel()->rowOf(QStringLiteral("third")), -1);
    window.cancelSweep();
    QVERIFY(ended.wait(60000));
}

void TestExperimentFiles::slurmJobsAreCheckedBeforeARename()
{
    TempWorkspace ws(TempWorkspace::Contents::Sample);
    QVERIFY(QDir().mkpath(ws.path() + QStringLiteral("/results/wine-mlp/slurm"))); // submitted once
    MainWindow window;
    QVERIFY(window.openWorkspace(ws.path()));
    window.fileActions()->setQuestions(
        [](const QString&, const QString& current, const QString&) {
            return std::optional<QString>(current + QStringLiteral("-2"));
        },
        [](const QString&, const QString&) { return true; });
    // Until the first poll of the workspace's jobs ends, a job on its way may use it: refused.
    QVERIFY(!window.slurm()->knowsJobs());
    QVERIFY(!window.fileActions()->askRename(QStringLiteral("wine-mlp")));
    QCOMPARE(statusOf(window),
             QStringLiteral("Slurm jobs of wine-mlp are being checked; try again in a moment."));
    QVERIFY(window.fileActions()->askRename(QStringLiteral("digits-mlp"))); // nothing submitted for it
    QTRY_VERIFY_WITH_TIMEOUT(window.slurm()->knowsJobs(), 30000);
    QVERIFY2(window.fileActions()->askRename(QStringLiteral("wine-mlp")),
             qPrintable(statusOf(window))); // no job listed: free
    QVERIFY(window.experimentModel()->rowOf(QStringLiteral("wine-mlp-2")) >= 0);
}

QTEST_MAIN(TestExperimentFiles)
#include "tst_experimentfiles.moc"
