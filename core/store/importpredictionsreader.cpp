#include "importpredictionsreader.h"

#include "common/countednoun.h"
#include "common/inputerror.h"
#include "experiment/experimentvalidator.h"
#include "importcell.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>

namespace seedscape {

namespace {

struct Columns
{
    int experiment, seed, split, row; // experiment and seed -1: one seed's file (fixedSeed)
    const std::vector<int>& predictions;
    quint64 fixedSeed = 0;
};

// How messages name a seed: "experiment 'a' seed 7", or "seed 7" in one seed's file.
QString whose(const QString& name, quint64 seed)
{
    return name.isEmpty() ? QStringLiteral("seed %1").arg(seed)
                          : QStringLiteral("experiment '%1' seed %2").arg(name).arg(seed);
}

// A seed's rows while the file is read: which line predicted each row, to catch twice and never.
struct SeedRows
{
    ImportedSeed imported;
    std::vector<int> lineOfRow[2]; // per part; 0: not predicted yet
    std::vector<double>& values(ImportPart part)
    {
        return part == ImportPart::Validation ? imported.validation : imported.test;
    }
};

struct Grouped
{
    std::map<QString, std::map<quint64, SeedRows>> experiments;
    std::vector<QString> experimentOrder;              // as first named in the file
    std::map<QString, std::vector<quint64>> seedOrder; // as first named in the file
};

SeedRows& seedRowsFor(Grouped& grouped, const QString& name, quint64 seed, int line, const size_t rowCount[2],
                      int columns)
{
    if (!grouped.experiments.count(name))
        grouped.experimentOrder.push_back(name);
    SeedRows& rows = grouped.experiments[name][seed];
    if (rows.imported.firstLine == 0) {
        grouped.seedOrder[name].push_back(seed);
        rows.imported.seed = seed;
        rows.imported.firstLine = line;
        for (ImportPart part : {ImportPart::Validation, ImportPart::Test}) {
            const int p = static_cast<int>(part);
            rows.values(part).assign(rowCount[p] * columns, 0.0);
            rows.lineOfRow[p].assign(rowCount[p], 0);
        }
    }
    return rows;
}

// The row's prediction columns into its seed's values: probabilities in [0, 1] that, for
// multiclass, sum to 1.
void readValues(const CsvTable& table, int r, Task task, const std::vector<int>& predictionColumns,
                double* values)
{
    double sum = 0;
    for (size_t c = 0; c < predictionColumns.size(); ++c) {
        const ImportCell value{table, r, predictionColumns[c]};
        const double v = value.number();
        if (task != Task::Regression && (v < 0 || v > 1))
            value.fail(QStringLiteral("a probability must be between 0 and 1, got '%1'")
                           .arg(InputError::excerpt(value.text())));
        values[c] = v;
        sum += v;
    }
    const int classes = static_cast<int>(predictionColumns.size());
    const double tolerance = ImportPredictionsReader::probabilitySumTolerance(classes);
    if (task == Task::Multiclass && std::abs(sum - 1.0) > tolerance)
        throw InputError({table.sourceFile, table.rowLines[static_cast<size_t>(r)]},
                         QStringLiteral("the class probabilities sum to %1, not 1 (within %2: %3 for each of "
                                        "the %4 classes, what rounding to 4 decimals can add up to)")
                             .arg(sum, 0, 'g', 10)
                             .arg(tolerance, 0, 'g', 3)
                             .arg(ImportPredictionsReader::kProbabilityRounding)
                             .arg(classes));
}

void readRow(const CsvTable& table, int r, Task task, const Columns& columns, const size_t rowCount[2],
             const QString& labelsPath, Grouped& grouped)
{
    QString name;
    quint64 seed = columns.fixedSeed;
    if (columns.experiment >= 0) {
        const ImportCell nameCell{table, r, columns.experiment};
        name = nameCell.text();
        if (const auto problem = ExperimentValidator::validateName(name))
            nameCell.fail(QStringLiteral("experiment name %1").arg(problem->message));
        seed = ImportCell{table, r, columns.seed}.seed();
    }
    const ImportPart part = ImportCell{table, r, columns.split}.part();
    const int p = static_cast<int>(part);
    const ImportCell rowCell{table, r, columns.row};
    const qint64 row = rowCell.rowIndex();
    if (static_cast<size_t>(row) >= rowCount[p] && labelsPath.isEmpty()) // one seed's file: the parts
        rowCell.fail(QStringLiteral("%1 row %2 does not exist (%1.csv has rows 0 to %3)")
                         .arg(ImportCell::partName(part))
                         .arg(row)
                         .arg(rowCount[p] - 1));
    if (static_cast<size_t>(row) >= rowCount[p])
        rowCell.fail(QStringLiteral("%1 row %2 has no label in %3 (it labels %1 rows 0 to %4)")
                         .arg(ImportCell::partName(part))
                         .arg(row)
                         .arg(QFileInfo(labelsPath).fileName())
                         .arg(rowCount[p] - 1));
    const int width = static_cast<int>(columns.predictions.size());
    SeedRows& seedRows = seedRowsFor(grouped, name, seed, rowCell.line(), rowCount, width);
    int& seenOn = seedRows.lineOfRow[p][static_cast<size_t>(row)];
    if (seenOn != 0)
        rowCell.fail(QStringLiteral("%1 predicts %2 row %3 twice (first on line %4)")
                         .arg(whose(name, seed))
                         .arg(ImportCell::partName(part))
                         .arg(row)
                         .arg(seenOn));
    seenOn = rowCell.line();
    readValues(table, r, task, columns.predictions, seedRows.values(part).data() + row * width);
}

// Every seed of every experiment predicts every labelled row.
void requireEveryRow(const Grouped& grouped, const size_t rowCount[2], const QString& predictionsPath)
{
    for (const auto& [name, seeds] : grouped.experiments)
        for (const auto& [seed, rows] : seeds)
            for (ImportPart part : {ImportPart::Validation, ImportPart::Test}) {
                const int p = static_cast<int>(part);
                for (size_t row = 0; row < rowCount[p]; ++row)
                    if (rows.lineOfRow[p][row] == 0)
                        // How many rows are wanted says more than a line number about a file cut short.
                        throw InputError({predictionsPath},
                                         QStringLiteral("%1 has no prediction for %2 row %3 (%2 has %4, "
                                                        "numbered from 0)")
                                             .arg(whose(name, seed))
                                             .arg(ImportCell::partName(part))
                                             .arg(row)
                                             .arg(countedNoun(static_cast<qlonglong>(rowCount[p]),
                                                              QStringLiteral("row"))));
            }
}

} // namespace

ImportPredictionsReader::ImportPredictionsReader(const CsvTable& table, Task task)
    : m_table(table), m_task(task)
{
    // A program that writes its rows without the header (csv.writer, numpy.savetxt) gets told so,
    // not that its first row's values are missing columns.
    if (table.columnIndex(QStringLiteral("split")) < 0)
        for (const QString& split : {QStringLiteral("val"), QStringLiteral("test")})
            if (table.columnIndex(split) >= 0)
                throw InputError({table.sourceFile, 1},
                                 QStringLiteral("has no header row: its first line is data ('%1' is a split, "
                                                "not a column name); the first line must name the columns, "
                                                "as in %2")
                                     .arg(split, task == Task::Multiclass
                                                     ? QStringLiteral("split,row,p_0,p_1,…")
                                                     : QStringLiteral("split,row,prediction")));
    // p_0 … p_{C−1} for multiclass, one `prediction` column otherwise.
    if (task == Task::Multiclass) {
        while (table.columnIndex(QStringLiteral("p_%1").arg(m_predictionColumns.size())) >= 0)
            m_predictionColumns.push_back(
                table.columnIndex(QStringLiteral("p_%1").arg(m_predictionColumns.size())));
        if (m_predictionColumns.size() < 2)
            throw InputError({table.sourceFile, 1},
                             QStringLiteral("missing columns 'p_0', 'p_1', … (multiclass predictions need "
                                            "one probability column per class)"));
        // A class column after a gap (p_0,p_1,p_3) would be dropped, and the classes miscounted.
        static const QRegularExpression classColumn(QStringLiteral("^p_[0-9]+$"));
        for (int c = 0; c < table.columnCount(); ++c)
            if (classColumn.match(table.header[c]).hasMatch() &&
                std::find(m_predictionColumns.begin(), m_predictionColumns.end(), c) ==
                    m_predictionColumns.end())
                throw InputError(
                    {table.sourceFile, 1, table.header[c]},
                    QStringLiteral("is not one of the class columns p_0 … p_%1: number them from "
                                   "0 without gaps or leading zeros")
                        .arg(m_predictionColumns.size() - 1));
    } else {
        // Said for a program's file (split,row,…) as for an import (experiment,seed,split,row,…).
        // The header as read, so a file with other names (part,index,prob) sees all it must rename;
        // p_0 and p_1 are named only to a file that has them.
        if (table.columnIndex(QStringLiteral("prediction")) < 0) {
            const bool classColumns = table.columnIndex(QStringLiteral("p_0")) >= 0;
            throw InputError(
                {table.sourceFile, 1},
                QStringLiteral("missing column 'prediction' (the header reads %1; %2 predictions give %3 "
                               "in a column 'prediction'%4)")
                    .arg(table.header.join(QLatin1Char(',')),
                         task == Task::Binary ? QStringLiteral("binary") : QStringLiteral("regression"),
                         task == Task::Binary ? QStringLiteral("P(class 1)")
                                              : QStringLiteral("the predicted value"),
                         task == Task::Binary && classColumns ? QStringLiteral(", not p_0 and p_1")
                                                              : QString()));
        }
        m_predictionColumns.push_back(table.columnIndex(QStringLiteral("prediction")));
    }
}

std::vector<ImportedExperiment> ImportPredictionsReader::read(const ExperimentLabels& labels,
                                                              const QString& labelsPath) const
{
    const QString header = m_task == Task::Multiclass
                               ? QStringLiteral("experiment,seed,split,row,p_0,…")
                               : QStringLiteral("experiment,seed,split,row,prediction");
    const Columns columns{ImportCell::requireColumn(m_table, QStringLiteral("experiment"), header),
                          ImportCell::requireColumn(m_table, QStringLiteral("seed"), header),
                          ImportCell::requireColumn(m_table, QStringLiteral("split"), header),
                          ImportCell::requireColumn(m_table, QStringLiteral("row"), header),
                          m_predictionColumns};
    const size_t rowCount[2] = {labels.validation.size(), labels.test.size()};
    Grouped grouped;
    for (int r = 0; r < m_table.rowCount(); ++r)
        readRow(m_table, r, m_task, columns, rowCount, labelsPath, grouped);
    if (grouped.experiments.empty())
        throw InputError({m_table.sourceFile}, QStringLiteral("no predictions"));
    requireEveryRow(grouped, rowCount, m_table.sourceFile);

    std::vector<ImportedExperiment> experiments;
    for (const QString& name : grouped.experimentOrder) {
        ImportedExperiment& experiment = experiments.emplace_back(ImportedExperiment{name, {}});
        for (quint64 seed : grouped.seedOrder[name])
            experiment.seeds.push_back(std::move(grouped.experiments[name][seed].imported));
    }
    return experiments;
}

QStringList ImportPredictionsReader::unreadColumns(bool withKeys) const
{
    QStringList read{QStringLiteral("split"), QStringLiteral("row")};
    if (withKeys)
        read << QStringLiteral("experiment") << QStringLiteral("seed");
    QStringList unread;
    for (int c = 0; c < m_table.columnCount(); ++c)
        if (!read.contains(m_table.header[c]) &&
            std::find(m_predictionColumns.begin(), m_predictionColumns.end(), c) == m_predictionColumns.end())
            unread << m_table.header[c];
    return unread;
}

QString ImportPredictionsReader::unreadColumnsNote(bool withKeys) const
{
    const QStringList unread = unreadColumns(withKeys);
    if (unread.isEmpty())
        return {};
    const QString predictions = columnCount() == 1 ? QStringLiteral("prediction")
                                                   : QStringLiteral("p_0 … p_%1").arg(columnCount() - 1);
    return QStringLiteral("did not read %1 '%2' (it reads %3split, row and %4)")
        .arg(unread.size() == 1 ? QStringLiteral("the column") : QStringLiteral("the columns"),
             unread.join(QStringLiteral("', '")), withKeys ? QStringLiteral("experiment, seed, ") : QString(),
             predictions);
}

ImportedSeed ImportPredictionsReader::readSeed(const ExperimentLabels& labels, quint64 seed) const
{
    const QString header = m_task == Task::Multiclass ? QStringLiteral("split,row,p_0,…")
                                                      : QStringLiteral("split,row,prediction");
    const Columns columns{-1,
                          -1,
                          ImportCell::requireColumn(m_table, QStringLiteral("split"), header),
                          ImportCell::requireColumn(m_table, QStringLiteral("row"), header),
                          m_predictionColumns,
                          seed};
    const size_t rowCount[2] = {labels.validation.size(), labels.test.size()};
    Grouped grouped;
    for (int r = 0; r < m_table.rowCount(); ++r)
        readRow(m_table, r, m_task, columns, rowCount, {}, grouped);
    if (grouped.experiments.empty())
        throw InputError({m_table.sourceFile}, QStringLiteral("no predictions"));
    requireEveryRow(grouped, rowCount, m_table.sourceFile);
    return std::move(grouped.experiments.begin()->second.begin()->second.imported);
}

} // namespace seedscape
