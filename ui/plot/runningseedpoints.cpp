#include "runningseedpoints.h"

#include <algorithm>
#include <cmath>

namespace seedscape {

bool RunningSeedPoints::show(const ScatterData& data, const Point& point)
{
    const std::pair<QString, quint64> key{point.experiment, point.seed};
    const bool before = m_latest.count(key) > 0;
    if (std::isfinite(point.validation) && std::isfinite(point.test))
        m_latest[key] = {point.epoch, point.validation, point.test};
    else // a program's epoch, or a diverging seed
        m_latest.erase(key);
    // Seeds of another comparison group are kept (the user may select theirs) but change nothing drawn.
    return (before || m_latest.count(key) > 0) && draws(data, point.experiment);
}

bool RunningSeedPoints::end(const ScatterData& data, const QString& experiment, quint64 seed, bool finished)
{
    const auto found = m_latest.find({experiment, seed});
    if (found == m_latest.end())
        return false;
    if (finished) {
        found->second.ended = true;
        return false;
    }
    m_latest.erase(found);
    return draws(data, experiment);
}

void RunningSeedPoints::prune(const ScatterData& data)
{
    for (auto it = m_latest.begin(); it != m_latest.end();) {
        const auto& [experiment, seed] = it->first;
        bool stored = false;
        for (const ScatterData::Series& s : data.series)
            if (s.experiment == experiment)
                for (const ScatterData::Point& p : s.points)
                    stored = stored || (p.kind == ScatterData::Kind::Seed && p.seeds.front() == seed);
        it = it->second.ended && (stored || !draws(data, experiment)) ? m_latest.erase(it) : std::next(it);
    }
}

std::vector<RunningSeedPoints::Point> RunningSeedPoints::drawn(const ScatterData& data) const
{
    std::vector<Point> points;
    for (const auto& [key, latest] : m_latest)
        if (draws(data, key.first))
            points.push_back({key.first, key.second, latest.epoch, latest.validation, latest.test});
    std::stable_sort(points.begin(), points.end(),
                     [](const Point& a, const Point& b) { return a.validation < b.validation; });
    return points;
}

QStringList RunningSeedPoints::trainingOnly(const ScatterData& data) const
{
    QStringList names;
    for (const QString& name : data.awaitingSeeds)
        if (std::any_of(m_latest.begin(), m_latest.end(),
                        [&](const auto& r) { return r.first.first == name; }))
            names << name;
    return names;
}

bool RunningSeedPoints::draws(const ScatterData& data, const QString& experiment)
{
    return data.awaitingSeeds.contains(experiment) ||
           std::any_of(data.series.begin(), data.series.end(),
                       [&](const ScatterData::Series& s) { return s.experiment == experiment; });
}

} // namespace seedscape
