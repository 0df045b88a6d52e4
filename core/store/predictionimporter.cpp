#include "predictionimporter.h"

#include "common/inputerror.h"
#include "data/csvreader.h"
#include "experiment/experimentnames.h"
#include "experiment/experimentvalidator.h"
#include "labelsfile.h"
#include "metrics/metricscorer.h"
#include "resultstore.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <cmath>
#include <map>

namespace seedscape {

namespace {

enum class Part
{
    Validation,
    Test
};

struct Cell
{
    const CsvTable& table;
    int row;
    int column;

    QString text() const { return table.rows[static_cast<size_t>(row)][column].trimmed(); }
    [[noreturn]] void fail(const QString& problem) const
    {
        throw InputError({table.sourceFile, table.rowLines[static_cast<size_t>(row)], table.header[column]},
                         problem);
    }
    double number() const
    {
        bool ok = false;
        const double v = QLocale::c().toDouble(text(), &ok);
        if (!ok || !std::isfinite(v))
            fail(QStringLiteral("not a number: '%1'").arg(text()));
        return v;
    }
    qint64 rowIndex() const
    {
        bool ok = false;
        const qint64 v = text().toLongLong(&ok);
        if (!ok || v < 0)
            fail(QStringLiteral("not a row number (0, 1, 2, …): '%1'").arg(text()));
        return v;
    }
    Part part() const
    {
        if (text() == QLatin1String("val"))
            return Part::Validation;
        if (text() == QLatin1String("test"))
            return Part::Test;
        fail(QStringLiteral("split '%1' is not val or test").arg(text()));
    }
};

int requireColumn(const CsvTable& table, const QString& name, const QString& expected)
{
    const int c = table.columnIndex(name);
    if (c < 0)
        throw InputError({table.sourceFile, 1},
                         QStringLiteral("missing column '%1' (the header must have %2)").arg(name, expected));
    return c;
}

QString partName(Part p)
{
    return p == Part::Validation ? QStringLiteral("val") : QStringLiteral("test");
}

struct SeedRows
{
    std::vector<double> values[2]; // per part: rows × columns
    std::vector<int> lineOfRow[2]; // 0: not seen yet
    int firstLine = 0;
};

} // namespace

PredictionImporter::Summary PredictionImporter::importInto(const Workspace& workspace,
                                                           const QString& predictionsPath,
                                                           const QString& labelsPath, Task task,
                                                           Metric metric)
{
    if (task == Task::Auto)
        throw InputError({}, QStringLiteral("--task must be regression, binary or multiclass"));
    if (!metricFitsTask(metric, task) || metric == Metric::Auto)
        throw InputError({}, QStringLiteral("the metric %1 does not score a %2 task")
                                 .arg(names::metric(metric), names::task(task)));

    const CsvTable predictions = CsvReader::readFile(predictionsPath);
    const CsvTable labelTable = CsvReader::readFile(labelsPath);

    // How many prediction columns: p_0 … p_{C−1} for multiclass, one `prediction` otherwise.
    std::vector<int> predictionColumns;
    if (task == Task::Multiclass) {
        while (predictions.columnIndex(QStringLiteral("p_%1").arg(predictionColumns.size())) >= 0)
            predictionColumns.push_back(
                predictions.columnIndex(QStringLiteral("p_%1").arg(predictionColumns.size())));
        if (predictionColumns.size() < 2)
            throw InputError({predictionsPath, 1},
                             QStringLiteral("missing columns 'p_0', 'p_1', … (multiclass predictions need "
                                            "one probability column per class)"));
    } else {
        predictionColumns.push_back(requireColumn(predictions, QStringLiteral("prediction"),
                                                  QStringLiteral("experiment,seed,split,row,prediction")));
    }
    const int columns = static_cast<int>(predictionColumns.size());
    const int classes = task == Task::Multiclass ? columns : task == Task::Binary ? 2 : 0;

    // Labels.
    ExperimentLabels labels;
    labels.task = task;
    labels.metric = metric;
    for (int c = 0; c < classes; ++c)
        labels.classNames << QString::number(c);
    const QString labelHeader = QStringLiteral("split,row,label");
    const int labelSplit = requireColumn(labelTable, QStringLiteral("split"), labelHeader);
    const int labelRow = requireColumn(labelTable, QStringLiteral("row"), labelHeader);
    const int labelValue = requireColumn(labelTable, QStringLiteral("label"), labelHeader);
    std::map<qint64, std::pair<double, int>> labelled[2]; // row → (label, line)
    for (int r = 0; r < labelTable.rowCount(); ++r) {
        const Part part = Cell{labelTable, r, labelSplit}.part();
        const qint64 row = Cell{labelTable, r, labelRow}.rowIndex();
        const Cell labelCell{labelTable, r, labelValue};
        const double label = labelCell.number();
        if (classes > 0 && (label != std::floor(label) || label < 0 || label >= classes))
            labelCell.fail(QStringLiteral("a %1 label must be a class index from 0 to %2, got '%3'")
                               .arg(names::task(task))
                               .arg(classes - 1)
                               .arg(labelCell.text()));
        auto& rows = labelled[static_cast<int>(part)];
        if (rows.count(row))
            Cell{labelTable, r, labelRow}.fail(
                QStringLiteral("%1 row %2 is labelled twice (first on line %3)")
                    .arg(partName(part))
                    .arg(row)
                    .arg(rows[row].second));
        rows[row] = {label, labelTable.rowLines[static_cast<size_t>(r)]};
    }
    for (Part part : {Part::Validation, Part::Test}) {
        const auto& rows = labelled[static_cast<int>(part)];
        if (rows.empty())
            throw InputError({labelsPath}, QStringLiteral("no %1 rows are labelled").arg(partName(part)));
        qint64 expected = 0;
        for (const auto& [row, value] : rows) {
            if (row != expected)
                throw InputError({labelsPath},
                                 QStringLiteral("%1 rows must count from 0 without gaps: row %2 is missing")
                                     .arg(partName(part))
                                     .arg(expected));
            ++expected;
            (part == Part::Validation ? labels.validation : labels.test).push_back(value.first);
        }
    }
    const size_t rowCount[2] = {labels.validation.size(), labels.test.size()};

    // Predictions, grouped by experiment and seed.
    const QString header = task == Task::Multiclass ? QStringLiteral("experiment,seed,split,row,p_0,…")
                                                    : QStringLiteral("experiment,seed,split,row,prediction");
    const int experimentColumn = requireColumn(predictions, QStringLiteral("experiment"), header);
    const int seedColumn = requireColumn(predictions, QStringLiteral("seed"), header);
    const int splitColumn = requireColumn(predictions, QStringLiteral("split"), header);
    const int rowColumn = requireColumn(predictions, QStringLiteral("row"), header);
    std::map<QString, std::map<quint64, SeedRows>> experiments;
    std::vector<QString> experimentOrder;
    std::map<QString, std::vector<quint64>> seedOrder; // as first seen in the file
    for (int r = 0; r < predictions.rowCount(); ++r) {
        const int line = predictions.rowLines[static_cast<size_t>(r)];
        const Cell nameCell{predictions, r, experimentColumn};
        const QString name = nameCell.text();
        if (const auto problem = ExperimentValidator::validateName(name))
            nameCell.fail(QStringLiteral("experiment name %1").arg(problem->message));
        const Cell seedCell{predictions, r, seedColumn};
        bool ok = false;
        const quint64 seed = seedCell.text().toULongLong(&ok);
        if (!ok)
            seedCell.fail(
                QStringLiteral("a seed must be a whole number from 0 to 18446744073709551615, got '%1'")
                    .arg(seedCell.text()));
        const Part part = Cell{predictions, r, splitColumn}.part();
        const int p = static_cast<int>(part);
        const Cell rowCell{predictions, r, rowColumn};
        const qint64 row = rowCell.rowIndex();
        if (static_cast<size_t>(row) >= rowCount[p])
            rowCell.fail(QStringLiteral("%1 row %2 has no label in %3 (it labels %1 rows 0 to %4)")
                             .arg(partName(part))
                             .arg(row)
                             .arg(QFileInfo(labelsPath).fileName())
                             .arg(rowCount[p] - 1));
        if (!experiments.count(name))
            experimentOrder.push_back(name);
        SeedRows& seedRows = experiments[name][seed];
        if (seedRows.firstLine == 0) {
            seedOrder[name].push_back(seed);
            seedRows.firstLine = line;
            for (int q : {0, 1}) {
                seedRows.values[q].assign(rowCount[q] * columns, 0.0);
                seedRows.lineOfRow[q].assign(rowCount[q], 0);
            }
        }
        int& seenOn = seedRows.lineOfRow[p][static_cast<size_t>(row)];
        if (seenOn != 0)
            rowCell.fail(QStringLiteral("experiment '%1' seed %2 predicts %3 row %4 twice (first on line %5)")
                             .arg(name)
                             .arg(seed)
                             .arg(partName(part))
                             .arg(row)
                             .arg(seenOn));
        seenOn = line;
        double sum = 0;
        for (int c = 0; c < columns; ++c) {
            const Cell value{predictions, r, predictionColumns[c]};
            const double v = value.number();
            if (task != Task::Regression && (v < 0 || v > 1))
                value.fail(
                    QStringLiteral("a probability must be between 0 and 1, got '%1'").arg(value.text()));
            seedRows.values[p][static_cast<size_t>(row) * columns + c] = v;
            sum += v;
        }
        if (task == Task::Multiclass && std::abs(sum - 1.0) > kProbabilitySumTolerance)
            throw InputError({predictionsPath, line},
                             QStringLiteral("the class probabilities sum to %1, not 1 (within %2)")
                                 .arg(sum, 0, 'g', 10)
                                 .arg(kProbabilitySumTolerance));
    }
    if (experiments.empty())
        throw InputError({predictionsPath}, QStringLiteral("no predictions"));
    for (const auto& [name, seeds] : experiments)
        for (const auto& [seed, rows] : seeds)
            for (int p : {0, 1})
                for (size_t row = 0; row < rowCount[p]; ++row)
                    if (rows.lineOfRow[p][row] == 0)
                        throw InputError({predictionsPath},
                                         QStringLiteral("experiment '%1' seed %2 has no prediction for %3 "
                                                        "row %4 (first seen on line %5)")
                                             .arg(name)
                                             .arg(seed)
                                             .arg(partName(Part(p)))
                                             .arg(row)
                                             .arg(rows.firstLine));

    // Nothing is written before every check has passed.
    for (const QString& name : experimentOrder) {
        const QString folder = workspace.resultsFolder(name);
        if (LabelsFile::exists(folder) && !(LabelsFile::read(folder) == labels))
            throw InputError({folder + QLatin1Char('/') + LabelsFile::fileName()},
                             QStringLiteral("experiment '%1' already has results with other labels, task or "
                                            "metric; import under another name")
                                 .arg(name));
    }
    Summary summary;
    summary.validationRows = static_cast<int>(rowCount[0]);
    summary.testRows = static_cast<int>(rowCount[1]);
    const QDateTime importedAt = QDateTime::currentDateTimeUtc();
    const QString source = QStringLiteral("imported from %1").arg(QFileInfo(predictionsPath).fileName());
    for (const QString& name : experimentOrder) {
        const QString folder = workspace.resultsFolder(name);
        LabelsFile::write(labels, folder);
        const ResultStore store(folder);
        int index = 0;
        for (quint64 seed : seedOrder[name]) {
            const SeedRows& rows = experiments[name][seed];
            SeedResult r;
            r.seed = seed;
            r.metric = metric;
            r.predictionColumns = columns;
            r.validationPredictions = rows.values[0];
            r.testPredictions = rows.values[1];
            r.validationScore =
                MetricScorer::score(metric, labels.validation, r.validationPredictions, classes);
            r.testScore = MetricScorer::score(metric, labels.test, r.testPredictions, classes);
            r.startedAt = importedAt.addMSecs(index++); // keeps the file's seed order
            r.experimentFingerprint = QStringLiteral("imported");
            r.versions = source;
            r.engine = QStringLiteral("imported");
            store.save(r);
            ++summary.seeds;
        }
        summary.experiments << name;
    }
    return summary;
}

} // namespace seedscape
