// StoredDefinition: a changed definition is refused over stored seeds, naming what changed.
#include "common/inputerror.h"
#include "experiment/experimentfingerprint.h"
#include "experiment/experimentwriter.h"
#include "store/resultstore.h"
#include "store/storeddefinition.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace seedscape;

namespace {

Experiment base()
{
    Experiment e;
    e.name = QStringLiteral("d");
    e.dataset.path = QStringLiteral("data.csv");
    e.dataset.target = QStringLiteral("y");
    e.model.hidden = {32};
    return e;
}

void storeSeed(const QString& folder, const Experiment& e, quint64 seed,
               SeedStatus status = SeedStatus::Finished)
{
    SeedResult r;
    r.seed = seed;
    r.status = status;
    if (status == SeedStatus::Failed)
        r.failureReason = QStringLiteral("cannot run python3: No module named 'numpy'");
    r.experimentFingerprint = experimentFingerprint(e);
    r.startedAt = QDateTime::currentDateTimeUtc();
    ResultStore(folder).save(r);
}

} // namespace

class TestStoredDefinition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changedFieldsNameEachFieldThatEntersTheFingerprint();
    void noStoredSeedsAcceptsAnyDefinition();
    void sameDefinitionOrOnlyTheSeedCountIsAccepted();
    void changedDefinitionIsRefusedWithItsFields();
    void withoutTheRecordedDefinitionTheMessageStillRefuses();
    void failedSeedsDoNotHoldTheDefinition();
};

void TestStoredDefinition::changedFieldsNameEachFieldThatEntersTheFingerprint()
{
    Experiment before = base();
    Experiment after = base();
    after.training.lr = 0.01;
    after.model.hidden = {16, 16};
    after.seeds.count = 40;                           // not part of the fingerprint
    after.dataset.path = QStringLiteral("moved.csv"); // neither
    const QStringList changed =
        StoredDefinition::changedFields(ExperimentWriter::toJson(before), ExperimentWriter::toJson(after));
    QCOMPARE(changed, QStringList({QStringLiteral("model.hidden: [32] → [16,16]"),
                                   QStringLiteral("training.lr: 0.001 → 0.01")}));
    QVERIFY(
        StoredDefinition::changedFields(ExperimentWriter::toJson(before), ExperimentWriter::toJson(before))
            .isEmpty());
}

void TestStoredDefinition::noStoredSeedsAcceptsAnyDefinition()
{
    QTemporaryDir dir;
    Experiment changed = base();
    changed.training.epochs = 7;
    StoredDefinition::checkComparable(changed, dir.path()); // no throw
    StoredDefinition::write(changed, dir.path());
    QVERIFY(QFile::exists(dir.filePath(StoredDefinition::fileName())));
}

void TestStoredDefinition::sameDefinitionOrOnlyTheSeedCountIsAccepted()
{
    QTemporaryDir dir;
    storeSeed(dir.path(), base(), 1);
    StoredDefinition::write(base(), dir.path());
    Experiment more = base();
    more.seeds.count = 100;
    StoredDefinition::checkComparable(base(), dir.path());
    StoredDefinition::checkComparable(more, dir.path());
}

void TestStoredDefinition::changedDefinitionIsRefusedWithItsFields()
{
    QTemporaryDir dir;
    storeSeed(dir.path(), base(), 1);
    storeSeed(dir.path(), base(), 2);
    StoredDefinition::write(base(), dir.path());
    Experiment changed = base();
    changed.training.epochs = 7;
    try {
        StoredDefinition::checkComparable(changed, dir.path());
        QFAIL("a changed definition was accepted over stored seeds");
    } catch (const InputError& e) {
        QCOMPARE(e.where().file, dir.path());
        QVERIFY2(e.problem().contains(QStringLiteral("2 finished seeds")), qPrintable(e.problem()));
        QVERIFY2(e.problem().contains(QStringLiteral("training.epochs: 200 → 7")), qPrintable(e.problem()));
        QVERIFY2(e.problem().contains(QStringLiteral("variant")), qPrintable(e.problem()));
    }
}

void TestStoredDefinition::withoutTheRecordedDefinitionTheMessageStillRefuses()
{
    QTemporaryDir dir; // seeds from before definition.json existed
    storeSeed(dir.path(), base(), 1);
    Experiment changed = base();
    changed.metric = Metric::MAE;
    QVERIFY_THROWS_EXCEPTION(InputError, StoredDefinition::checkComparable(changed, dir.path()));
}

void TestStoredDefinition::failedSeedsDoNotHoldTheDefinition()
{
    // Every seed failed (the wrong interpreter, say): fixing the definition is the next step.
    QTemporaryDir dir;
    for (quint64 seed : {1, 2, 3})
        storeSeed(dir.path(), base(), seed, SeedStatus::Failed);
    StoredDefinition::write(base(), dir.path());
    Experiment fixed = base();
    fixed.training.epochs = 7;
    StoredDefinition::checkComparable(fixed, dir.path()); // no throw
    // One finished seed among them holds it, and the message counts that one alone.
    storeSeed(dir.path(), base(), 4);
    try {
        StoredDefinition::checkComparable(fixed, dir.path());
        QFAIL("a changed definition was accepted over a finished seed");
    } catch (const InputError& e) {
        QVERIFY2(e.problem().contains(QStringLiteral("has 1 finished seed trained with another definition")),
                 qPrintable(e.problem()));
    }
}

QTEST_GUILESS_MAIN(TestStoredDefinition)
#include "tst_storeddefinition.moc"
