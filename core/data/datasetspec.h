#pragma once

#include <QString>
#include <QtGlobal>

namespace seedscape {

enum class Task
{
    Auto,
    Regression,
    Binary,
    Multiclass
};
enum class MissingPolicy
{
    Error,
    Drop
};

// A fixed holdout: fractions and a split seed, or a column whose values are train / val / test.
struct SplitSpec
{
    double validation = 0.2;
    double test = 0.2;
    quint64 seed = 42;
    QString column; // when set, the fractions and the seed are not used

    bool usesColumn() const { return !column.isEmpty(); }
    bool operator==(const SplitSpec&) const = default;
};

// What the experiment file says about its data.
struct DatasetSpec
{
    QString path; // as written: absolute, or relative to the folder of the file it is written in
    QString target;
    Task task = Task::Auto;
    MissingPolicy missing = MissingPolicy::Error;
    SplitSpec split;

    // The file to read: path itself when absolute, else path taken from baseDir.
    QString resolvedPath(const QString& baseDir) const;

    bool operator==(const DatasetSpec&) const = default;
};

bool isClassification(Task task);

} // namespace seedscape
