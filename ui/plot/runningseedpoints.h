#pragma once

#include "stats/scatterdata.h"

#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace seedscape {

// The scatter's seeds still training (ScatterPlotView): where each one's latest epoch scored, from
// its epochs until its stored point replaces it. Which of them are drawn follows the data plotted:
// the experiments of its comparison group only (its series and awaitingSeeds).
class RunningSeedPoints
{
public:
    struct Point
    {
        QString experiment;
        quint64 seed = 0;
        int epoch = 0;
        double validation = 0, test = 0;
    };

    // A seed's latest epoch; scores that are not finite forget it (nowhere to draw it). Returns
    // whether a point drawn with data appeared, moved or went.
    bool show(const ScatterData& data, const Point& point);
    // A finished seed is kept until data holding its stored point arrives (prune), so the plot has
    // no gap; an unfinished one goes now. Returns whether a point drawn with data went.
    bool end(const ScatterData& data, const QString& experiment, quint64 seed, bool finished);
    // Forgets the finished seeds that data holds, or does not draw.
    void prune(const ScatterData& data);

    // The points drawn with data, sorted by validation score (QCPGraph's binary search over keys).
    std::vector<Point> drawn(const ScatterData& data) const;
    // Experiments of data drawn by running seeds alone: none of their seeds is stored yet.
    QStringList trainingOnly(const ScatterData& data) const;
    static bool draws(const ScatterData& data, const QString& experiment);

private:
    struct Latest
    {
        int epoch;
        double validation, test;
        bool ended = false; // finished and stored: replaced by its point with the next data
    };
    std::map<std::pair<QString, quint64>, Latest> m_latest; // (experiment, seed) → its latest epoch
};

} // namespace seedscape
