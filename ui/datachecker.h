#pragma once

#include "data/datasetspec.h"
#include "experiment/experiment.h"
#include "experiment/experimentvalidator.h"

#include <QDateTime>
#include <QObject>

#include <optional>

namespace seedscape {

class DataLoader;
struct PreparedData;

// Whether an experiment's data loads as its settings say: the file is read on a pool thread
// (DataLoader), and read again only when the file, a data setting or the file's time changed.
// answered() comes when a read ends; an empty path or a missing file is known at once, without it.
class DataChecker : public QObject
{
    Q_OBJECT

public:
    explicit DataChecker(QObject* parent = nullptr);

    // Checks e's data, relative paths read from workspace; nothing happens if nothing changed.
    void check(const Experiment& e, const QString& workspace);
    void forget(); // the next check reads the file again

    bool isPending() const { return m_pending; } // a check is on its way
    // What is wrong with the data; fileMissing(): no file at all, named even while other data
    // settings are invalid.
    const std::optional<FieldProblem>& problem() const { return m_problem; }
    bool fileMissing() const { return m_fileMissing; }
    Task inferredTask() const { return m_inferredTask; } // Task::Auto when the data cannot load
    QString summary() const { return m_summary; }        // rows, features, task and split, in words
    // A split part of very few rows, allowed but said ("Few rows: 2 training. …"); empty when none.
    QString fewRowsWarning() const { return m_fewRows; }

Q_SIGNALS:
    void answered();

private:
    void showAnswer(const PreparedData* prepared, const QString& problem);

    // The data settings last checked, with the file's time.
    struct Settings
    {
        QString file;
        DatasetSpec spec;
        bool targetOnly = false; // a command experiment's data: the target alone is read
        QDateTime modified;
        bool operator==(const Settings&) const = default;
    };
    DataLoader* m_loader;
    std::optional<Settings> m_checked;
    std::optional<FieldProblem> m_problem;
    bool m_fileMissing = false;
    bool m_pending = false;
    Task m_inferredTask = Task::Auto;
    QString m_summary;
    QString m_fewRows;
};

} // namespace seedscape
