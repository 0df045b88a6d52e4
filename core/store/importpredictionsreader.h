#pragma once

#include "data/csvtable.h"
#include "experiment/experiment.h"
#include "experimentlabels.h"

#include <QString>

#include <vector>

namespace seedscape {

// One seed's predictions from an import: rows × prediction columns, in label row order.
struct ImportedSeed
{
    quint64 seed = 0;
    std::vector<double> validation;
    std::vector<double> test;
    int firstLine = 0; // where the file first names this seed
};

// One experiment of an import and its seeds, in the order the file first names them.
struct ImportedExperiment
{
    QString name;
    std::vector<ImportedSeed> seeds;
};

// Reads the predictions file of an import (docs/interfaces.md, "Prediction import format"):
//   experiment,seed,split,row,prediction   (regression, binary: P(class 1))
//   experiment,seed,split,row,p_0,…,p_{C−1} (multiclass)
// Every seed must predict every labelled row exactly once. Every problem throws InputError naming
// the file, line and column.
class ImportPredictionsReader
{
public:
    // Finds the prediction columns, so that the class count is known before the labels are read.
    // The reader keeps a reference to table.
    ImportPredictionsReader(const CsvTable& table, Task task);

    // Prediction columns per row: the class count for multiclass, else 1.
    int columnCount() const { return static_cast<int>(m_predictionColumns.size()); }
    // The experiments in the order the file first names them.
    std::vector<ImportedExperiment> read(const ExperimentLabels& labels, const QString& labelsPath) const;
    // One seed's predictions without experiment and seed columns, as a command experiment's
    // program writes them: split,row,prediction (or split,row,p_0,…).
    ImportedSeed readSeed(const ExperimentLabels& labels, quint64 seed) const;
    // The header's columns that neither read uses, in file order: a "label" column beside the
    // predictions, or a "p_1" where a binary task reads "prediction" only. A file is not refused for
    // them, but a column meant as the prediction would go unscored, so the caller says so.
    // withKeys: the experiment and seed columns are read (an import's file), not left over.
    QStringList unreadColumns(bool withKeys) const;
    // Those columns in words for a warning, "" when there are none: "did not read the column 'label'
    // (it reads split, row and prediction)".
    QString unreadColumnsNote(bool withKeys) const;

    // How far a multiclass row's probabilities may sum from 1: 5e-5 for each class, what rounding
    // every value to 4 decimals (a program's "%.4f", pandas' float_format) can add up to; a missing
    // softmax or a lost column is far outside it.
    static double probabilitySumTolerance(int classes) { return kProbabilityRounding * classes; }
    static constexpr double kProbabilityRounding = 5e-5;

private:
    const CsvTable& m_table;
    Task m_task;
    std::vector<int> m_predictionColumns;
};

} // namespace seedscape
