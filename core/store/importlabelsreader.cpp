#include "importlabelsreader.h"

#include "common/inputerror.h"
#include "experiment/experimentnames.h"
#include "importcell.h"

#include <cmath>
#include <map>

namespace seedscape {

namespace {

using LabelledRows = std::map<qint64, std::pair<double, int>>; // row → (label, line)

// Every row of the file, by part; a row labelled twice is an error.
void readRows(const CsvTable& table, Task task, int classCount, LabelledRows (&labelled)[2])
{
    const QString header = QStringLiteral("split,row,label");
    const int splitColumn = ImportCell::requireColumn(table, QStringLiteral("split"), header);
    const int rowColumn = ImportCell::requireColumn(table, QStringLiteral("row"), header);
    const int labelColumn = ImportCell::requireColumn(table, QStringLiteral("label"), header);
    for (int r = 0; r < table.rowCount(); ++r) {
        const ImportPart part = ImportCell{table, r, splitColumn}.part();
        const ImportCell rowCell{table, r, rowColumn};
        const qint64 row = rowCell.rowIndex();
        const ImportCell labelCell{table, r, labelColumn};
        const double label = labelCell.number();
        if (classCount > 0 && (label != std::floor(label) || label < 0 || label >= classCount))
            labelCell.fail(QStringLiteral("a %1 label must be a class index from 0 to %2, got '%3'")
                               .arg(names::task(task))
                               .arg(classCount - 1)
                               .arg(labelCell.text()));
        LabelledRows& rows = labelled[static_cast<int>(part)];
        if (rows.count(row))
            rowCell.fail(QStringLiteral("%1 row %2 is labelled twice (first on line %3)")
                             .arg(ImportCell::partName(part))
                             .arg(row)
                             .arg(rows[row].second));
        rows[row] = {label, rowCell.line()};
    }
}

// One part's labels in row order: rows 0, 1, 2, … with none missing.
std::vector<double> inRowOrder(const LabelledRows& rows, ImportPart part, const QString& file)
{
    if (rows.empty())
        throw InputError({file}, QStringLiteral("no %1 rows are labelled").arg(ImportCell::partName(part)));
    std::vector<double> labels;
    qint64 expected = 0;
    for (const auto& [row, value] : rows) {
        if (row != expected)
            throw InputError({file},
                             QStringLiteral("%1 rows must count from 0 without gaps: row %2 is missing")
                                 .arg(ImportCell::partName(part))
                                 .arg(expected));
        ++expected;
        labels.push_back(value.first);
    }
    return labels;
}

} // namespace

ExperimentLabels ImportLabelsReader::read(const CsvTable& table, Task task, Metric metric, int classCount)
{
    ExperimentLabels labels;
    labels.task = task;
    labels.metric = metric;
    for (int c = 0; c < classCount; ++c)
        labels.classNames << QString::number(c);
    LabelledRows labelled[2];
    readRows(table, task, classCount, labelled);
    labels.validation = inRowOrder(labelled[0], ImportPart::Validation, table.sourceFile);
    labels.test = inRowOrder(labelled[1], ImportPart::Test, table.sourceFile);
    return labels;
}

} // namespace seedscape
