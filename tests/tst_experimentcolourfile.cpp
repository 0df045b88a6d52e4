// Each experiment's colour slot, remembered in WORKSPACE/colours.json: kept when others are added,
// the same after a reload, new ones on the lowest free slot, a damaged file replaced.
#include "common/atomicfile.h"
#include "common/inputerror.h"
#include "store/experimentcolourfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

namespace {

constexpr int kPalette = 10;
using Slots = ExperimentColourFile::Slots;

} // namespace

class TestExperimentColourFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addingAnExperimentKeepsEverySlot();
    void newExperimentsTakeTheLowestFreeThenTheLeastUsedSlot();
    void onceAllAreTakenANewOneAvoidsTheColoursOfItsGroup();
    void aNewExperimentsGroupIsItsTruthRows();
    void aClashWithinAGroupIsRepaired();
    void withNothingRememberedTheNamesOrderDecides();
    void removedExperimentsFreeTheirSlot();
    void damagedFileFallsBackToTheNamesOrderAndIsRewritten_data();
    void damagedFileFallsBackToTheNamesOrderAndIsRewritten();
    void readRefusesADamagedFile();
    void fileIsWrittenOnlyWhenSomethingChanged();
};

void TestExperimentColourFile::addingAnExperimentKeepsEverySlot()
{
    QTemporaryDir dir;
    QCOMPARE(ExperimentColourFile::update(dir.path(), {QStringLiteral("b")}, kPalette),
             (Slots{{QStringLiteral("b"), 0}}));
    // "a" sorts before "b": by the names' order alone it would take b's slot and move b.
    const Slots both =
        ExperimentColourFile::update(dir.path(), {QStringLiteral("a"), QStringLiteral("b")}, kPalette);
    QCOMPARE(both, (Slots{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 0}}));
    // A restart reads the same from disk, and keeps it.
    QCOMPARE(ExperimentColourFile::read(dir.path()), both);
    QCOMPARE(ExperimentColourFile::update(dir.path(), {QStringLiteral("b"), QStringLiteral("a")}, kPalette),
             both);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("colours.json"))));
}

void TestExperimentColourFile::newExperimentsTakeTheLowestFreeThenTheLeastUsedSlot()
{
    // 0 and 2 taken: the next two take 1 and 3.
    QCOMPARE(ExperimentColourFile::assign(
                 {{QStringLiteral("x"), 0}, {QStringLiteral("y"), 2}},
                 {QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("n2"), QStringLiteral("n1")},
                 kPalette),
             (Slots{{QStringLiteral("x"), 0},
                    {QStringLiteral("y"), 2},
                    {QStringLiteral("n1"), 1},
                    {QStringLiteral("n2"), 3}}));
    // All ten taken, slot 0 twice: a new one takes the first of those used once.
    Slots remembered;
    QStringList names;
    for (int i = 0; i < kPalette; ++i) {
        remembered[QStringLiteral("e%1").arg(i)] = i;
        names << QStringLiteral("e%1").arg(i);
    }
    remembered[QStringLiteral("twin")] = 0;
    names << QStringLiteral("twin") << QStringLiteral("new");
    const Slots slots = ExperimentColourFile::assign(remembered, names, kPalette);
    QCOMPARE(slots.at(QStringLiteral("new")), 1);
    QCOMPARE(slots.at(QStringLiteral("twin")), 0);
    QCOMPARE(slots.at(QStringLiteral("e9")), 9);
}

// Ten experiments take the ten colours; an eleventh must repeat one, but never one of an experiment
// it is plotted beside (its group), where the two could not be told apart.
void TestExperimentColourFile::onceAllAreTakenANewOneAvoidsTheColoursOfItsGroup()
{
    Slots remembered;
    QStringList names;
    ExperimentColourFile::Groups groups;
    for (int i = 0; i < kPalette; ++i) {
        remembered[QStringLiteral("e%1").arg(i)] = i;
        names << QStringLiteral("e%1").arg(i);
    }
    // wine: e0 and e1; e2 is the only other experiment used twice over (with "twin").
    groups[QStringLiteral("e0")] = groups[QStringLiteral("e1")] = QStringLiteral("wine");
    remembered[QStringLiteral("twin")] = 2;
    names << QStringLiteral("twin") << QStringLiteral("wine-variant") << QStringLiteral("other");
    groups[QStringLiteral("wine-variant")] = QStringLiteral("wine");
    const Slots slots = ExperimentColourFile::assign(remembered, names, kPalette, groups);
    // Without its group it would take slot 1 ("other", first by name, takes 0): e1's, a wine colour.
    QCOMPARE(ExperimentColourFile::assign(remembered, names, kPalette).at(QStringLiteral("wine-variant")), 1);
    QCOMPARE(slots.at(QStringLiteral("wine-variant")), 3); // not 0 or 1 (wine), not 2 (used twice)
    QCOMPARE(slots.at(QStringLiteral("other")), 0);        // no group: the first of the least used
    // A group using every colour but one gets that one, however often others use it.
    Slots full;
    ExperimentColourFile::Groups one;
    QStringList all;
    for (int i = 0; i < kPalette; ++i) {
        const QString name = QStringLiteral("g%1").arg(i);
        full[name] = i == 7 ? 0 : i; // slot 7 unused in the group, slot 0 twice
        one[name] = QStringLiteral("g");
        all << name;
    }
    full[QStringLiteral("x")] = full[QStringLiteral("y")] = 7; // elsewhere, 7 is the most used
    all << QStringLiteral("x") << QStringLiteral("y") << QStringLiteral("g-new");
    one[QStringLiteral("g-new")] = QStringLiteral("g");
    QCOMPARE(ExperimentColourFile::assign(full, all, kPalette, one).at(QStringLiteral("g-new")), 7);
}

// update() knows which experiments are plotted together by their truth rows, results/NAME/labels.json.
void TestExperimentColourFile::aNewExperimentsGroupIsItsTruthRows()
{
    QTemporaryDir dir;
    const auto withLabels = [&](const QString& name, const QByteArray& labels) {
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("results/") + name));
        AtomicFile::write(dir.filePath(QStringLiteral("results/%1/labels.json").arg(name)), labels);
    };
    QStringList names;
    Slots remembered;
    for (int i = 0; i < kPalette; ++i) {
        const QString name = QStringLiteral("e%1").arg(i);
        withLabels(name, QByteArray("{\"rows\": ") + QByteArray::number(i) + '}');
        remembered[name] = i;
        names << name;
    }
    ExperimentColourFile::write(dir.path(), remembered);
    withLabels(QStringLiteral("new"), QByteArray("{\"rows\": 0}")); // e0's rows
    names << QStringLiteral("new");
    const Slots slots = ExperimentColourFile::update(dir.path(), names, kPalette);
    QCOMPARE(slots.at(QStringLiteral("new")), 1); // the first slot after e0's
    QCOMPARE(ExperimentColourFile::read(dir.path()).at(QStringLiteral("new")), 1);
}

// Two experiments of one group remembered in one colour (the later given it before its truth rows
// were known): the later by name gets a colour of its own, once, and the file keeps it.
void TestExperimentColourFile::aClashWithinAGroupIsRepaired()
{
    const Slots remembered = {{QStringLiteral("a"), 0}, {QStringLiteral("b"), 0}, {QStringLiteral("c"), 1}};
    const QStringList names = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    const ExperimentColourFile::Groups groups = {{QStringLiteral("a"), QStringLiteral("g")},
                                                 {QStringLiteral("b"), QStringLiteral("g")}};
    const Slots slots = ExperimentColourFile::assign(remembered, names, kPalette, groups);
    QCOMPARE(slots.at(QStringLiteral("a")), 0); // first by name: kept
    QCOMPARE(slots.at(QStringLiteral("c")), 1); // another group's: untouched
    QCOMPARE(slots.at(QStringLiteral("b")), 2); // the lowest slot no one uses
    // In different groups, or with no group known, one colour is no clash.
    QCOMPARE(ExperimentColourFile::assign(remembered, names, kPalette).at(QStringLiteral("b")), 0);
    // A group with more experiments than colours must share: nothing moves.
    Slots crowded;
    ExperimentColourFile::Groups one;
    QStringList all;
    for (int i = 0; i <= kPalette; ++i) {
        const QString name = QStringLiteral("g%1").arg(i, 2, 10, QLatin1Char('0'));
        crowded[name] = i % kPalette;
        one[name] = QStringLiteral("g");
        all << name;
    }
    QCOMPARE(ExperimentColourFile::assign(crowded, all, kPalette, one), crowded);

    // update() finds the group in the truth rows, repairs and writes the file.
    QTemporaryDir dir;
    for (const QString& name : {QStringLiteral("a"), QStringLiteral("b")}) {
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("results/") + name));
        AtomicFile::write(dir.filePath(QStringLiteral("results/%1/labels.json").arg(name)), "{\"rows\": 1}");
    }
    ExperimentColourFile::write(dir.path(), remembered);
    QCOMPARE(ExperimentColourFile::update(dir.path(), names, kPalette).at(QStringLiteral("b")), 2);
    QCOMPARE(ExperimentColourFile::read(dir.path()).at(QStringLiteral("b")), 2);
}

void TestExperimentColourFile::withNothingRememberedTheNamesOrderDecides()
{
    QStringList names;
    for (int i = 11; i >= 0; --i)
        names << QStringLiteral("e%1").arg(i, 2, 10, QLatin1Char('0'));
    const Slots slots = ExperimentColourFile::assign({}, names, kPalette);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(slots.at(QStringLiteral("e%1").arg(i, 2, 10, QLatin1Char('0'))), i % kPalette);
    // A slot outside the palette (a file from a larger palette) is chosen anew.
    QCOMPARE(ExperimentColourFile::assign({{QStringLiteral("a"), 12}}, {QStringLiteral("a")}, kPalette),
             (Slots{{QStringLiteral("a"), 0}}));
}

void TestExperimentColourFile::removedExperimentsFreeTheirSlot()
{
    QTemporaryDir dir;
    ExperimentColourFile::update(dir.path(), {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                 kPalette);
    // a's results are gone: b and c keep theirs, and the next new experiment takes a's.
    QCOMPARE(ExperimentColourFile::update(dir.path(), {QStringLiteral("b"), QStringLiteral("c")}, kPalette),
             (Slots{{QStringLiteral("b"), 1}, {QStringLiteral("c"), 2}}));
    QCOMPARE(ExperimentColourFile::update(
                 dir.path(), {QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}, kPalette)
                 .at(QStringLiteral("d")),
             0);
}

void TestExperimentColourFile::damagedFileFallsBackToTheNamesOrderAndIsRewritten_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("cut off") << QByteArray("{\"format\": 1, \"slots\": {\"b\": 0");
    QTest::addRow("not an object") << QByteArray("[1, 2]");
    QTest::addRow("slots a list") << QByteArray("{\"format\": 1, \"slots\": [0, 1]}");
    QTest::addRow("slot a word") << QByteArray("{\"format\": 1, \"slots\": {\"b\": \"blue\"}}");
    QTest::addRow("slot negative") << QByteArray("{\"format\": 1, \"slots\": {\"b\": -1}}");
    QTest::addRow("slot fraction") << QByteArray("{\"format\": 1, \"slots\": {\"b\": 0.5}}");
    QTest::addRow("no format") << QByteArray("{\"slots\": {\"b\": 0}}");
    QTest::addRow("newer format") << QByteArray("{\"format\": 2, \"slots\": {\"b\": 0}}");
    QTest::addRow("binary") << QByteArray("\x00\xff\xfe{", 4);
}

void TestExperimentColourFile::damagedFileFallsBackToTheNamesOrderAndIsRewritten()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    AtomicFile::write(dir.filePath(QStringLiteral("colours.json")), content);
    QString problem;
    const Slots slots = ExperimentColourFile::update(dir.path(), {QStringLiteral("b"), QStringLiteral("a")},
                                                     kPalette, &problem);
    QCOMPARE(slots, (Slots{{QStringLiteral("a"), 0}, {QStringLiteral("b"), 1}}));
    QCOMPARE(ExperimentColourFile::read(dir.path()), slots); // rewritten, readable again
    // Every colour may have changed: said, and the old file kept to look at (or put back).
    QVERIFY2(problem.startsWith(dir.filePath(QStringLiteral("colours.json"))) &&
                 problem.endsWith(QStringLiteral(
                     "; colours were given anew, and the old file is kept as colours.json.damaged")),
             qPrintable(problem));
    QFile kept(dir.filePath(QStringLiteral("colours.json.damaged")));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), content);
}

void TestExperimentColourFile::readRefusesADamagedFile()
{
    QTemporaryDir dir;
    QCOMPARE(ExperimentColourFile::read(dir.path()), Slots{}); // no file: nothing remembered
    AtomicFile::write(dir.filePath(QStringLiteral("colours.json")),
                      "{\"format\": 1, \"slots\": {\"b\": -1}}");
    try {
        ExperimentColourFile::read(dir.path());
        QFAIL("a negative slot was read");
    } catch (const InputError& e) {
        QVERIFY2(e.message().contains(QStringLiteral("colours.json")), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("slots.b")), qPrintable(e.message()));
    }
}

void TestExperimentColourFile::fileIsWrittenOnlyWhenSomethingChanged()
{
    // The window computes colours on every refresh; it writes the file only for a new experiment.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("colours.json"));
    ExperimentColourFile::update(dir.path(), {}, kPalette);
    QVERIFY(!QFile::exists(path)); // no experiments, nothing to remember
    ExperimentColourFile::update(dir.path(), {QStringLiteral("a")}, kPalette);
    QVERIFY(QFile::exists(path));
    // A file that is not the writer's own bytes but says the same is left alone.
    const QByteArray same = "{\"format\": 1, \"slots\": {\"a\": 0}}";
    AtomicFile::write(path, same);
    ExperimentColourFile::update(dir.path(), {QStringLiteral("a")}, kPalette);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), same);
}

QTEST_GUILESS_MAIN(TestExperimentColourFile)
#include "tst_experimentcolourfile.moc"
