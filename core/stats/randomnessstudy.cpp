#include "randomnessstudy.h"

#include <algorithm>

namespace seedscape {

namespace {

// The sources that vary between e's seeds and can move its scores (dropout without dropout cannot).
QStringList varying(const Experiment& e)
{
    QStringList vary;
    for (const QString& source : RandomnessStudy::sources(e))
        if ((source == QLatin1String("init") && e.seeds.varyInit) ||
            (source == QLatin1String("order") && e.seeds.varyOrder) ||
            (source == QLatin1String("dropout") && e.seeds.varyDropout))
            vary << source;
    return vary;
}

// What a source's own variant says about itself, in its notes.
QString noteFor(const QString& source, const QString& base)
{
    if (source == QLatin1String("init"))
        return QStringLiteral(
                   "Randomness study of %1: only the initial weights differ between seeds; data order and "
                   "dropout masks are the same for all.")
            .arg(base);
    if (source == QLatin1String("order"))
        return QStringLiteral(
                   "Randomness study of %1: only the order of the training rows differs between seeds; "
                   "initial weights and dropout masks are the same for all.")
            .arg(base);
    return QStringLiteral(
               "Randomness study of %1: only the dropout masks differ between seeds; initial weights "
               "and data order are the same for all.")
        .arg(base);
}

} // namespace

QStringList RandomnessStudy::sources(const Experiment& base)
{
    if (base.isCommand())
        return {};
    QStringList all{QStringLiteral("init"), QStringLiteral("order")};
    if (base.model.dropout > 0)
        all << QStringLiteral("dropout");
    return all;
}

QStringList RandomnessStudy::heldFixed(const Experiment& e)
{
    QStringList held = sources(e);
    for (const QString& source : varying(e))
        held.removeAll(source);
    return held;
}

std::vector<Experiment> RandomnessStudy::variants(const Experiment& base, const QStringList& takenNames)
{
    std::vector<Experiment> made;
    QStringList taken = takenNames;
    for (const QString& source : sources(base)) {
        Experiment v = base;
        const QString stem = base.name + QStringLiteral("-only-") + source;
        v.name = stem;
        for (int n = 2; taken.contains(v.name, Qt::CaseInsensitive); ++n) // case: as rename compares
            v.name = stem + QStringLiteral("-%1").arg(n);
        taken << v.name;
        v.seeds.varyInit = source == QLatin1String("init");
        v.seeds.varyOrder = source == QLatin1String("order");
        v.seeds.varyDropout = source == QLatin1String("dropout");
        v.seeds.list.clear(); // fresh seeds: the base's recorded ones belong to its own sweep
        if (!v.tags.contains(QLatin1String(kTag)))
            v.tags << QLatin1String(kTag);
        v.notes = noteFor(source, base.name);
        made.push_back(std::move(v));
    }
    return made;
}

bool RandomnessStudy::differOnlyInSeeds(const Experiment& a, const Experiment& b)
{
    Experiment left = a, right = b;
    for (Experiment* e : {&left, &right}) {
        e->name.clear();
        e->tags.clear();
        e->notes.clear();
        e->seeds = SeedSpec{};
    }
    return left == right;
}

std::vector<RandomnessStudy::Row>
RandomnessStudy::rows(const Experiment& focus, const std::vector<Experiment>& definitions,
                      const std::map<QString, ExperimentStatistics>& statistics)
{
    const auto rowOf = [&](const Experiment& e) {
        const auto found = statistics.find(e.name);
        if (found == statistics.end() || found->second.seedCount() == 0) // nothing trained yet: undefined
            return Row{e.name, varying(e), 0, Spread::of({}, false), Spread::of({}, false)};
        return Row{e.name, varying(e), found->second.seedCount(), found->second.validation,
                   found->second.test};
    };
    std::vector<Row> out{rowOf(focus)};
    for (const Experiment& e : definitions)
        if (e.name != focus.name && differOnlyInSeeds(e, focus) && statistics.count(e.name) &&
            statistics.at(e.name).seedCount() > 0)
            out.push_back(rowOf(e));
    std::sort(out.begin() + 1, out.end(), [](const Row& a, const Row& b) {
        return a.vary.size() != b.vary.size() ? a.vary.size() > b.vary.size() : a.experiment < b.experiment;
    });
    return out;
}

std::vector<std::vector<RandomnessStudy::Row>>
RandomnessStudy::studies(const std::vector<Experiment>& definitions,
                         const std::map<QString, ExperimentStatistics>& statistics)
{
    std::vector<std::vector<Row>> out;
    QStringList shown;
    for (const Experiment& d : definitions) {
        if (shown.contains(d.name) || !statistics.count(d.name))
            continue;
        std::vector<Row> study = rows(d, definitions, statistics);
        if (study.size() < 2 || study[1].vary.size() > study[0].vary.size()) // a variant: under its base
            continue;
        for (const Row& r : study)
            shown << r.experiment;
        out.push_back(std::move(study));
    }
    return out;
}

} // namespace seedscape
