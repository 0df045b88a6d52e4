#pragma once

#include "experiment/experiment.h"
#include "stats/workspacestatistics.h"

#include <QByteArray>

#include <vector>

namespace seedscape {

// A one-file report for people who were not at the workstation: the figures (SVG, embedded, so
// the file is complete on its own and prints sharply), the statistics of the chosen experiments,
// the probability that one beats another, the two picks, how far a best seed flatters a score,
// where the spread comes from (experiments that differ only in their seeds' sources of
// randomness), and each experiment's settings.
class HtmlReport
{
public:
    struct Figure
    {
        QString caption;
        QByteArray svg; // a whole SVG document; its XML prolog is dropped when embedded
        // "scatter", "spread", "ensemble-size" or "curves": picks the "How to read this" under it
        QString kind;
    };

    QString title;
    QString workspace;
    WorkspaceStatistics statistics;
    std::vector<Experiment> definitions; // of the experiments in statistics, where known
    std::vector<Figure> figures;
    QString note; // how the numbers were computed (e.g. the k-ensemble subset limit)
    // What the report leaves out, a sentence each (damaged files, other comparison groups): said
    // under the summary, where a reader of the figures looks.
    QStringList leftOut;

    QByteArray toHtml() const;
    // A few sentences for a reader new to the figure of this kind (empty for an unknown kind).
    static QString howToRead(const QString& kind);
};

} // namespace seedscape
