// StreamSeeds: the three random streams of a run, derived from its seed; fixed sources are the
// same stream for every seed, varied ones differ, and the derivation never changes (stored seed
// files are rerun from it).
#include "train/streamseeds.h"

#include <QtTest>

#include <bit>
#include <set>

using namespace seedscape;

namespace {

SeedSpec varying(bool init, bool order, bool dropout)
{
    SeedSpec spec;
    spec.varyInit = init;
    spec.varyOrder = order;
    spec.varyDropout = dropout;
    return spec;
}

} // namespace

class TestStreamSeeds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mixIsSplitMix64();
    void nearbySeedsAreSpreadApart();
    void fixedSourcesAreConstant_data();
    void fixedSourcesAreConstant();
    void variedSourcesDifferPerSeed();
    void streamsOfOneRunAreDistinct();
    void derivationIsStable();
};

void TestStreamSeeds::mixIsSplitMix64()
{
    // The first outputs of SplitMix64 (Steele, Lea, Flood 2014) from state 0: each output is
    // mix(state) with the state advanced by the golden gamma.
    constexpr quint64 gamma = 0x9E3779B97F4A7C15ULL;
    QCOMPARE(StreamSeeds::mix(0), 0xE220A8397B1DCDAFULL);
    QCOMPARE(StreamSeeds::mix(gamma), 0x6E789E6AA1B965F4ULL);
    QCOMPARE(StreamSeeds::mix(2 * gamma), 0x06C45D188009454FULL);
}

void TestStreamSeeds::nearbySeedsAreSpreadApart()
{
    for (quint64 seed = 1; seed < 64; ++seed) {
        const int changedBits = std::popcount(StreamSeeds::mix(seed) ^ StreamSeeds::mix(seed + 1));
        QVERIFY2(changedBits > 16 && changedBits < 48, qPrintable(QString::number(changedBits)));
    }
}

void TestStreamSeeds::fixedSourcesAreConstant_data()
{
    QTest::addColumn<bool>("init");
    QTest::addColumn<bool>("order");
    QTest::addColumn<bool>("dropout");
    QTest::addRow("all fixed") << false << false << false;
    QTest::addRow("only init varies") << true << false << false;
    QTest::addRow("only order varies") << false << true << false;
    QTest::addRow("only dropout varies") << false << false << true;
    QTest::addRow("all vary") << true << true << true;
}

void TestStreamSeeds::fixedSourcesAreConstant()
{
    QFETCH(bool, init);
    QFETCH(bool, order);
    QFETCH(bool, dropout);
    const SeedSpec spec = varying(init, order, dropout);
    const StreamSeeds allFixed = StreamSeeds::derive(1, varying(false, false, false));
    std::set<quint64> inits, orders, dropouts;
    for (quint64 seed : {0ULL, 1ULL, 2ULL, 3ULL, 1000ULL, 0xFFFFFFFFFFFFFFFFULL}) {
        const StreamSeeds s = StreamSeeds::derive(seed, spec);
        inits.insert(s.init);
        orders.insert(s.order);
        dropouts.insert(s.dropout);
        // A fixed source is the all-fixed stream, whatever the run seed and the other sources.
        if (!init)
            QCOMPARE(s.init, allFixed.init);
        if (!order)
            QCOMPARE(s.order, allFixed.order);
        if (!dropout)
            QCOMPARE(s.dropout, allFixed.dropout);
    }
    QCOMPARE(inits.size(), init ? size_t(6) : size_t(1));
    QCOMPARE(orders.size(), order ? size_t(6) : size_t(1));
    QCOMPARE(dropouts.size(), dropout ? size_t(6) : size_t(1));
}

void TestStreamSeeds::variedSourcesDifferPerSeed()
{
    const SeedSpec spec;
    QVERIFY(spec.varyInit && spec.varyOrder && spec.varyDropout); // the default varies everything
    std::set<quint64> seen;
    for (quint64 seed = 0; seed < 1000; ++seed) {
        const StreamSeeds s = StreamSeeds::derive(seed, spec);
        seen.insert({s.init, s.order, s.dropout});
    }
    QCOMPARE(seen.size(), size_t(3000)); // no stream of any run repeats another's
}

void TestStreamSeeds::streamsOfOneRunAreDistinct()
{
    for (const SeedSpec& spec : {varying(false, false, false), varying(true, true, true)}) {
        const StreamSeeds s = StreamSeeds::derive(42, spec);
        QVERIFY(s.init != s.order);
        QVERIFY(s.order != s.dropout);
        QVERIFY(s.init != s.dropout);
    }
}

void TestStreamSeeds::derivationIsStable()
{
    // Same inputs, same streams, in any order of calls.
    const SeedSpec spec;
    const StreamSeeds first = StreamSeeds::derive(7, spec);
    StreamSeeds::derive(8, spec);
    QVERIFY(StreamSeeds::derive(7, spec) == first);
    // A fixed source derives from the fixed base exactly as a varied one derives from its run seed.
    QVERIFY(StreamSeeds::derive(StreamSeeds::kFixedBase, spec) ==
            StreamSeeds::derive(7, varying(false, false, false)));
    // Seed files record their streams and reruns derive them again: these values, as version 0.1.0
    // derives them, must never change.
    const StreamSeeds one = StreamSeeds::derive(1, spec);
    QCOMPARE(one.init, 0xE99FF867DBF682C9ULL);
    QCOMPARE(one.order, 0xD854E16C3AFFD455ULL);
    QCOMPARE(one.dropout, 0x2FBD86E45C9F50DFULL);
    const StreamSeeds fixed = StreamSeeds::derive(1, varying(false, false, false));
    QCOMPARE(fixed.init, 0xA1D25C7D91AAF612ULL);
    QCOMPARE(fixed.order, 0xEFFD1A2DA2AC6565ULL);
    QCOMPARE(fixed.dropout, 0xA93DF5280DED0FABULL);
}

QTEST_GUILESS_MAIN(TestStreamSeeds)
#include "tst_streamseeds.moc"
