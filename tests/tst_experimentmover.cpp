// ExperimentMover: renaming carries every stored file along; deleting moves it aside; both refuse
// while a sweep holds the experiment.
#include "common/storageerror.h"
#include "store/experimentcolourfile.h"
#include "store/experimentlock.h"
#include "store/experimentmover.h"
#include "store/workspace.h"
#include "support/experimentbuilder.h"
#include "support/tempworkspace.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace seedscape;
using namespace seedscape::testsupport;

class TestExperimentMover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renameCarriesResultsAndColour();
    void renameRefusals_data();
    void renameRefusals();
    void renameWaitsForARunningSweep();
    void deleteMovesEverythingAside();
    void deleteTwiceKeepsBothCopies();

private:
    // A workspace with experiments "a" and "b"; "a" has two stored files under results/a.
    static void fill(const TempWorkspace& ws);
    static QByteArray read(const QString& path);
};

void TestExperimentMover::fill(const TempWorkspace& ws)
{
    ExperimentBuilder(QStringLiteral("a"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .saveIn(ws.path());
    ExperimentBuilder(QStringLiteral("b"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .saveIn(ws.path());
    QDir().mkpath(ws.path() + QStringLiteral("/results/a/seeds"));
    QFile seed(ws.path() + QStringLiteral("/results/a/seeds/17.json"));
    QVERIFY(seed.open(QIODevice::WriteOnly));
    seed.write("{\"seed\": 17}");
    seed.close();
    QFile definition(ws.path() + QStringLiteral("/results/a/definition.json"));
    QVERIFY(definition.open(QIODevice::WriteOnly));
    definition.write("{}");
}

QByteArray TestExperimentMover::read(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

void TestExperimentMover::renameCarriesResultsAndColour()
{
    TempWorkspace ws;
    fill(ws);
    const Workspace workspace(ws.path());
    ExperimentColourFile::write(ws.path(), {{QStringLiteral("a"), 3}, {QStringLiteral("b"), 0}});

    ExperimentMover(workspace).rename(QStringLiteral("a"), QStringLiteral("a-renamed"));

    QCOMPARE(workspace.experimentNames(), QStringList({QStringLiteral("a-renamed"), QStringLiteral("b")}));
    QCOMPARE(workspace.experiment(QStringLiteral("a-renamed")).name, QStringLiteral("a-renamed"));
    QVERIFY(!QFileInfo::exists(ws.experimentFile(QStringLiteral("a"))));
    QVERIFY(!QFileInfo::exists(ws.path() + QStringLiteral("/results/a")));
    QCOMPARE(read(ws.path() + QStringLiteral("/results/a-renamed/seeds/17.json")),
             QByteArray("{\"seed\": 17}"));
    QCOMPARE(read(ws.path() + QStringLiteral("/results/a-renamed/definition.json")), QByteArray("{}"));
    const ExperimentColourFile::Slots slots = ExperimentColourFile::read(ws.path());
    QCOMPARE(slots.at(QStringLiteral("a-renamed")), 3); // the same colour as before
    QVERIFY(!slots.count(QStringLiteral("a")));

    // An experiment without results is renamed all the same.
    ExperimentMover(workspace).rename(QStringLiteral("b"), QStringLiteral("c"));
    QCOMPARE(workspace.experimentNames(), QStringList({QStringLiteral("a-renamed"), QStringLiteral("c")}));
}

void TestExperimentMover::renameRefusals_data()
{
    QTest::addColumn<QString>("newName");
    QTest::addColumn<QString>("message");
    QTest::addRow("taken") << QStringLiteral("b")
                           << QStringLiteral("The workspace already has an experiment named b.");
    QTest::addRow("taken in another case")
        << QStringLiteral("B")
        << QStringLiteral(
               "The workspace already has an experiment named b, and names that differ only in case "
               "count as one (they are one file on some systems).");
    QTest::addRow("empty") << QStringLiteral(" ") << QStringLiteral("The new name must not be empty");
    QTest::addRow("slash") << QStringLiteral("x/y") << QStringLiteral("The new name must not contain '/'");
    QTest::addRow("stray results") << QStringLiteral("stray")
                                   << QStringLiteral("results/stray already exists");
}

void TestExperimentMover::renameRefusals()
{
    QFETCH(QString, newName);
    QFETCH(QString, message);
    TempWorkspace ws;
    fill(ws);
    QDir().mkpath(ws.path() + QStringLiteral("/results/stray")); // results of an experiment deleted by hand
    const Workspace workspace(ws.path());
    try {
        ExperimentMover(workspace).rename(QStringLiteral("a"), newName);
        QFAIL("the rename was not refused");
    } catch (const StorageError& e) {
        QVERIFY2(e.message().contains(message), qPrintable(e.message()));
    }
    // Nothing moved.
    QCOMPARE(workspace.experimentNames(), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(read(ws.path() + QStringLiteral("/results/a/seeds/17.json")), QByteArray("{\"seed\": 17}"));
}

void TestExperimentMover::renameWaitsForARunningSweep()
{
    TempWorkspace ws;
    fill(ws);
    const Workspace workspace(ws.path());
    ExperimentLock sweep(workspace.resultsFolder(QStringLiteral("a")));
    QVERIFY(sweep.tryLock());
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            if (attempt == 0)
                ExperimentMover(workspace).rename(QStringLiteral("a"), QStringLiteral("z"));
            else
                ExperimentMover(workspace).moveToDeleted(QStringLiteral("a"));
            QFAIL("moved while a sweep runs");
        } catch (const StorageError& e) {
            QVERIFY2(e.message().startsWith(QStringLiteral("a: a sweep of this experiment is running (pid ")),
                     qPrintable(e.message()));
        }
    }
    QCOMPARE(workspace.experimentNames(), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    sweep.unlock();
    ExperimentMover(workspace).rename(QStringLiteral("a"), QStringLiteral("z"));
    QVERIFY(workspace.contains(QStringLiteral("z")));
}

void TestExperimentMover::deleteMovesEverythingAside()
{
    TempWorkspace ws;
    fill(ws);
    const Workspace workspace(ws.path());
    const QByteArray file = read(ws.experimentFile(QStringLiteral("a")));
    const QString aside = ExperimentMover(workspace).moveToDeleted(QStringLiteral("a"));

    QVERIFY2(aside.startsWith(ws.path() + QStringLiteral("/deleted/a-")), qPrintable(aside));
    QCOMPARE(workspace.experimentNames(), QStringList({QStringLiteral("b")}));
    QVERIFY(!QFileInfo::exists(ws.path() + QStringLiteral("/results/a")));
    QCOMPARE(read(aside + QStringLiteral("/a.experiment.json")), file);
    QCOMPARE(read(aside + QStringLiteral("/results/a/seeds/17.json")), QByteArray("{\"seed\": 17}"));
    // The copy aside is not an experiment of the workspace.
    QCOMPARE(workspace.scan().size(), size_t(1));
}

void TestExperimentMover::deleteTwiceKeepsBothCopies()
{
    TempWorkspace ws;
    fill(ws);
    const Workspace workspace(ws.path());
    const QString first = ExperimentMover(workspace).moveToDeleted(QStringLiteral("a"));
    ExperimentBuilder(QStringLiteral("a"))
        .onSample(QStringLiteral("diabetes.csv"), QStringLiteral("progression"))
        .epochs(7)
        .saveIn(ws.path());
    const QString second = ExperimentMover(workspace).moveToDeleted(QStringLiteral("a"));
    QVERIFY(first != second);
    QVERIFY(QFileInfo::exists(first + QStringLiteral("/results/a/seeds/17.json")));
    QVERIFY(read(second + QStringLiteral("/a.experiment.json")).contains("\"epochs\": 7"));
    try {
        ExperimentMover(workspace).moveToDeleted(QStringLiteral("a"));
        QFAIL("deleted an experiment that is not there");
    } catch (const StorageError& e) {
        QVERIFY2(e.message().endsWith(QStringLiteral("a.experiment.json: no such experiment")),
                 qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestExperimentMover)
#include "tst_experimentmover.moc"
