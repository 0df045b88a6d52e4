#include "datasetloader.h"

#include "common/inputerror.h"
#include "csvreader.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace seedscape {

namespace {

constexpr int kMaxInferredClasses = 20;

QString joinLines(const std::vector<int>& lines)
{
    QStringList parts;
    for (size_t i = 0; i < lines.size() && i < 10; ++i)
        parts << QString::number(lines[i]);
    if (lines.size() > 10)
        parts << QStringLiteral("…");
    return parts.join(QStringLiteral(", "));
}

std::optional<SplitPart> parseSplitPart(const QString& cell)
{
    const QString v = cell.trimmed().toLower();
    if (v == QLatin1String("train"))
        return SplitPart::Train;
    if (v == QLatin1String("val"))
        return SplitPart::Validation;
    if (v == QLatin1String("test"))
        return SplitPart::Test;
    return std::nullopt;
}

// The header as messages list it: a few hundred characters at most.
QString headerList(const CsvTable& table)
{
    QStringList names;
    for (const QString& name : table.header)
        names << InputError::excerpt(name, 40);
    return InputError::excerpt(names.join(QStringLiteral(", ")), 300);
}

// Maps class labels to indices 0..C-1 in sorted order: numerically when every label is a number.
void encodeClasses(Dataset& data, const std::vector<QString>& cells)
{
    bool allNumeric = true;
    std::vector<double> numbers(cells.size());
    for (size_t i = 0; i < cells.size() && allNumeric; ++i)
        allNumeric = DatasetLoader::parseNumber(cells[i], &numbers[i]) && std::isfinite(numbers[i]);

    data.target.resize(cells.size());
    if (allNumeric) {
        std::set<double> distinct(numbers.begin(), numbers.end());
        std::map<double, int> index;
        for (double v : distinct) {
            index.emplace(v, static_cast<int>(index.size()));
            data.classNames << QString::number(v, 'g', 15);
        }
        for (size_t i = 0; i < cells.size(); ++i)
            data.target[i] = index.at(numbers[i]);
    } else {
        std::set<QString> distinct;
        for (const QString& c : cells)
            distinct.insert(c.trimmed());
        std::map<QString, int> index;
        for (const QString& v : distinct) {
            index.emplace(v, static_cast<int>(index.size()));
            data.classNames << v;
        }
        for (size_t i = 0; i < cells.size(); ++i)
            data.target[i] = index.at(cells[i].trimmed());
    }
}

// Where the target, the split and the features sit in the table.
struct Columns
{
    int target = -1;
    int split = -1;
    std::vector<int> features;
};

// The target cells of the rows kept, and the lines of the rows dropped for missing values.
struct RowCells
{
    std::vector<QString> target;
    std::vector<int> droppedLines;
};

Columns findColumns(const CsvTable& table, const DatasetSpec& spec, DatasetLoader::Use use,
                    QStringList* featureNames)
{
    const QString& file = table.sourceFile;
    Columns columns;
    columns.target = table.columnIndex(spec.target);
    if (spec.target.isEmpty())
        throw InputError({file}, QStringLiteral("no target column given"));
    if (columns.target < 0)
        throw InputError({file, 1, spec.target},
                         QStringLiteral("no such column; the header has: %1").arg(headerList(table)));
    if (spec.split.usesColumn()) {
        columns.split = table.columnIndex(spec.split.column);
        if (columns.split < 0)
            throw InputError(
                {file, 1, spec.split.column},
                QStringLiteral("split column not found; the header has: %1").arg(headerList(table)));
        if (columns.split == columns.target)
            throw InputError({file, 1, spec.split.column},
                             QStringLiteral("the split column cannot be the target"));
    }
    if (use == DatasetLoader::Use::TargetOnly)
        return columns;
    for (int c = 0; c < table.columnCount(); ++c) {
        if (c != columns.target && c != columns.split) {
            columns.features.push_back(c);
            *featureNames << table.header[c];
        }
    }
    if (columns.features.empty())
        throw InputError({file, 1}, QStringLiteral("no feature columns: the file has only the target"));
    return columns;
}

// Appends one complete row's features (and split part) to data.
void readRow(const CsvTable& table, int r, const DatasetSpec& spec, const Columns& columns, Dataset& data)
{
    const QString& file = table.sourceFile;
    const QStringList& row = table.rows[r];
    const int line = table.rowLines[r];
    for (int c : columns.features) {
        double v = 0;
        if (!DatasetLoader::parseNumber(row[c], &v))
            throw InputError({file, line, table.header[c]},
                             QStringLiteral("not a number: '%1' (features must be numeric)")
                                 .arg(InputError::excerpt(row[c])));
        if (!std::isfinite(v))
            throw InputError({file, line, table.header[c]},
                             QStringLiteral("not a finite number: '%1'").arg(InputError::excerpt(row[c])));
        data.features.push_back(v);
    }
    if (columns.split >= 0) {
        const auto part = parseSplitPart(row[columns.split]);
        if (!part)
            throw InputError({file, line, spec.split.column},
                             QStringLiteral("split value '%1' is not train, val or test")
                                 .arg(InputError::excerpt(row[columns.split])));
        data.splitColumn.push_back(*part);
    }
    data.rowLines.push_back(line);
}

RowCells readRows(const CsvTable& table, const DatasetSpec& spec, DatasetLoader::Use use,
                  const Columns& columns, Dataset& data)
{
    RowCells cells;
    data.features.reserve(table.rows.size() * columns.features.size());
    // Without features only the target and the split column must hold a value.
    std::vector<int> checked = columns.features;
    checked.push_back(columns.target);
    if (columns.split >= 0)
        checked.push_back(columns.split);
    std::sort(checked.begin(), checked.end());
    for (int r = 0; r < table.rowCount(); ++r) {
        const QStringList& row = table.rows[r];
        const int line = table.rowLines[r];
        int missingColumn = -1;
        for (size_t i = 0; i < checked.size() && missingColumn < 0; ++i)
            if (DatasetLoader::isMissing(row[checked[i]]))
                missingColumn = checked[i];
        if (missingColumn >= 0) {
            if (spec.missing == MissingPolicy::Error)
                throw InputError(
                    {table.sourceFile, line, table.header[missingColumn]},
                    QStringLiteral("missing value (set dataset.missing to \"drop\" to leave such rows out)"));
            cells.droppedLines.push_back(line);
            continue;
        }
        readRow(table, r, spec, columns, data);
        if (use == DatasetLoader::Use::TargetOnly)
            data.cells.push_back(row);
        cells.target.push_back(row[columns.target]);
    }
    if (cells.target.empty())
        throw InputError({table.sourceFile},
                         cells.droppedLines.empty()
                             ? QStringLiteral("no data rows after the header")
                             : QStringLiteral("no data rows left after dropping %1 rows with missing values")
                                   .arg(cells.droppedLines.size()));
    return cells;
}

// Settles the task and turns the target cells into values or class indices.
void decideTarget(Dataset& data, const std::vector<QString>& targetCells, const DatasetSpec& spec)
{
    const QString& file = data.sourceFile;
    data.task = spec.task == Task::Auto ? DatasetLoader::inferTask(targetCells) : spec.task;
    if (data.task == Task::Regression) {
        data.target.resize(targetCells.size());
        for (size_t i = 0; i < targetCells.size(); ++i) {
            if (!DatasetLoader::parseNumber(targetCells[i], &data.target[i]) ||
                !std::isfinite(data.target[i]))
                throw InputError({file, data.rowLines[i], spec.target},
                                 QStringLiteral("regression needs a number, got '%1'")
                                     .arg(InputError::excerpt(targetCells[i])));
        }
        return;
    }
    encodeClasses(data, targetCells);
    if (data.classCount() < 2)
        throw InputError(
            {file, 0, spec.target},
            QStringLiteral("the target has a single class ('%1'); classification needs at least two")
                .arg(InputError::excerpt(data.classNames.value(0))));
    if (spec.task == Task::Auto)
        data.task = data.classCount() == 2 ? Task::Binary : Task::Multiclass;
    else if (data.task == Task::Binary && data.classCount() != 2)
        throw InputError(
            {file, 0, spec.target},
            QStringLiteral("the task is binary but the target has %1 classes").arg(data.classCount()));
}

// A target that cannot teach anything useful: one value for every row of a regression, or
// classes so rare that they appear in only one part of the split.
void addTargetWarnings(Dataset& data)
{
    const QString& file = data.sourceFile;
    if (data.task == Task::Regression) {
        const bool constant = std::all_of(data.target.begin(), data.target.end(),
                                          [&](double v) { return v == data.target.front(); });
        if (constant)
            data.warnings << InputError::format(
                {file, 0, data.targetName},
                QStringLiteral("the regression target is constant (every row is %1); there is nothing to "
                               "learn and r2 is undefined")
                    .arg(data.target.front()));
        return;
    }
    std::vector<int> rowsOfClass(data.classCount(), 0), lineOfClass(data.classCount(), 0);
    for (int r = 0; r < data.rowCount(); ++r) {
        const int c = static_cast<int>(data.target[r]);
        if (rowsOfClass[c]++ == 0)
            lineOfClass[c] = data.rowLines[r];
    }
    QStringList single;
    std::vector<int> lines;
    for (int c = 0; c < data.classCount(); ++c)
        if (rowsOfClass[c] == 1) {
            single << QLatin1Char('\'') + InputError::excerpt(data.classNames[c]) + QLatin1Char('\'');
            lines.push_back(lineOfClass[c]);
        }
    if (single.isEmpty())
        return;
    if (single.size() > 10)
        single = single.mid(0, 10) << QStringLiteral("…");
    const bool one = lines.size() == 1;
    data.warnings << InputError::format(
        {file, 0, data.targetName},
        QStringLiteral(
            "%1 %2 %3 (%4); such a class falls in only one of training, validation and test, so it "
            "is never both learnt and scored")
            .arg(one ? QStringLiteral("class") : QStringLiteral("classes"), single.join(QStringLiteral(", ")),
                 one ? QStringLiteral("has a single row") : QStringLiteral("have a single row each"),
                 (one ? QStringLiteral("line ") : QStringLiteral("lines ")) + joinLines(lines)));
}

// Warnings that do not stop loading: constant features, the target, and dropped rows.
void addWarnings(Dataset& data, const std::vector<int>& droppedLines)
{
    const QString& file = data.sourceFile;
    std::vector<int> constantColumns;
    for (int c = 0; c < data.featureCount(); ++c) {
        const double first = data.feature(0, c);
        bool constant = true;
        for (int r = 1; r < data.rowCount() && constant; ++r)
            constant = data.feature(r, c) == first;
        if (constant)
            constantColumns.push_back(c);
    }
    if (constantColumns.size() == 1) {
        const int c = constantColumns.front();
        data.warnings << InputError::format(
            {file, 0, data.featureNames[c]},
            QStringLiteral("constant (every row is %1); it carries no information").arg(data.feature(0, c)));
    } else if (!constantColumns.empty()) {
        // One line for all of them: image data has many blank pixels, and a line each buries other warnings.
        QStringList named;
        for (const int c : constantColumns) {
            if (named.size() == 10) {
                named << QStringLiteral("…");
                break;
            }
            named << QStringLiteral("'%1' (every row is %2)")
                         .arg(InputError::excerpt(data.featureNames[c]))
                         .arg(data.feature(0, c));
        }
        data.warnings << InputError::format(
            {file}, QStringLiteral("%1 columns are constant and carry no information: %2")
                        .arg(constantColumns.size())
                        .arg(named.join(QStringLiteral(", "))));
    }
    addTargetWarnings(data);
    data.droppedRows = static_cast<int>(droppedLines.size());
    if (data.droppedRows > 0)
        data.warnings << InputError::format({file},
                                            QStringLiteral("dropped %1 rows with missing values (lines %2)")
                                                .arg(data.droppedRows)
                                                .arg(joinLines(droppedLines)));
}

} // namespace

bool DatasetLoader::isMissing(const QString& cell)
{
    static const QStringList markers = {QStringLiteral("na"),   QStringLiteral("n/a"),  QStringLiteral("nan"),
                                        QStringLiteral("null"), QStringLiteral("none"), QStringLiteral("?")};
    const QString v = cell.trimmed().toLower();
    return v.isEmpty() || markers.contains(v);
}

bool DatasetLoader::parseNumber(const QString& cell, double* value)
{
    bool ok = false;
    *value = QLocale::c().toDouble(cell.trimmed(), &ok);
    return ok;
}

Task DatasetLoader::inferTask(const std::vector<QString>& targetCells)
{
    std::set<double> distinct;
    for (const QString& cell : targetCells) {
        double v = 0;
        if (!DatasetLoader::parseNumber(cell, &v))
            return Task::Multiclass; // text labels; the caller narrows to binary by class count
        if (v != std::floor(v))
            return Task::Regression;
        distinct.insert(v);
        if (static_cast<int>(distinct.size()) > kMaxInferredClasses)
            return Task::Regression;
    }
    const int classes = static_cast<int>(distinct.size());
    if (classes <= 2 || classes * 2 <= static_cast<int>(targetCells.size()))
        return classes == 2 ? Task::Binary : Task::Multiclass;
    return Task::Regression;
}

Dataset DatasetLoader::load(const QString& path, const DatasetSpec& spec, Use use)
{
    return fromTable(CsvReader::readFile(path), spec, use);
}

Dataset DatasetLoader::fromTable(const CsvTable& table, const DatasetSpec& spec, Use use)
{
    Dataset data;
    data.sourceFile = table.sourceFile;
    data.targetName = spec.target;
    if (use == Use::TargetOnly)
        data.header = table.header;
    const Columns columns = findColumns(table, spec, use, &data.featureNames);
    const RowCells cells = readRows(table, spec, use, columns, data);
    decideTarget(data, cells.target, spec);
    addWarnings(data, cells.droppedLines);
    return data;
}

} // namespace seedscape
