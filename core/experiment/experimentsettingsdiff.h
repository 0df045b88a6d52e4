#pragma once

#include "experiment.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace seedscape {

// One setting of the compared experiments: its field path in the experiment file, a label for
// people, and what each experiment has there.
struct SettingsDiffRow
{
    QString path;         // as in the experiment file, nested objects joined by dots: "dataset.split.test"
    QString label;        // "Test fraction"; the path itself for a field without a label
    QStringList values;   // one per experiment, in their order; kMissing where an experiment lacks the field
    QList<bool> present;  // per experiment: whether its file has the field
    bool differs = false; // not every experiment has the same value (a missing field counts as one)
};

// "What did I change in this variant?": the settings of two or more experiments side by side.
// The settings are read from the JSON ExperimentWriter writes, so the paths are exactly the file
// format's and a field added to the format shows up without a change here. The name and the
// format number are left out; a list is one value; "metric", written only when not auto, reads
// "auto" when absent.
class ExperimentSettingsDiff
{
public:
    static inline const QString kMissing = QStringLiteral("—");

    ExperimentSettingsDiff() = default; // no experiments, no rows
    explicit ExperimentSettingsDiff(const std::vector<Experiment>& experiments);

    const std::vector<SettingsDiffRow>& rows() const { return m_rows; }
    int experimentCount() const { return m_experimentCount; }
    int differingCount() const;

    // "Learning rate" for "training.lr"; the path itself when it has no label.
    static QString labelFor(const QString& path);

private:
    std::vector<SettingsDiffRow> m_rows;
    int m_experimentCount = 0;
};

} // namespace seedscape
