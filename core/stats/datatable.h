#pragma once

#include "experimentstatistics.h"
#include "scatterdata.h"

#include <QByteArray>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace seedscape {

// The numbers behind a plot or a table, as named columns and rows, written as CSV or JSON for
// scripts and reports. Cells hold numbers (double, integers) or text; an undefined number (NaN)
// is an empty CSV field and a JSON null.
struct DataTable
{
    QStringList columns;
    std::vector<std::vector<QVariant>> rows;

    // RFC 4180: a header line, commas, quotes where needed, numbers in the C locale at full precision.
    QByteArray toCsv() const;
    // An array with one object per row, keyed by column.
    QByteArray toJson() const;
    // By the file name: ".json" gives JSON, anything else CSV.
    QByteArray encodeFor(const QString& path) const;

    // experiment, kind (seed | k_ensemble | full_ensemble), seeds ("1 5 9"), validation, test
    static DataTable scatter(const ScatterData& data);
    // One row per seed: experiment, seed, validation, test, with the experiment's mean,
    // 95% t-interval and full-ensemble score repeated on each row (as the spread plot draws them).
    static DataTable spread(const std::vector<ExperimentStatistics>& experiments);
    // experiment, k, ensembles, validation mean/min/max, test mean/min/max
    static DataTable ensembleSize(const std::vector<ExperimentStatistics>& experiments);
    // experiment, seed (1-based, in the order stored), epoch, validation
    static DataTable learningCurves(const QString& experiment,
                                    const std::vector<std::vector<double>>& curves);
    // The statistics table: one row per experiment.
    static DataTable statistics(const std::vector<ExperimentStatistics>& experiments);
};

} // namespace seedscape
