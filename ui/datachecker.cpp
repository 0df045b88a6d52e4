#include "datachecker.h"

#include "dataloader.h"

#include "data/preparedata.h"
#include "experiment/experimentnames.h"

#include <QFileInfo>

namespace seedscape {

DataChecker::DataChecker(QObject* parent) : QObject(parent), m_loader(new DataLoader(this))
{
    connect(m_loader, &DataLoader::prepared, this,
            [this](const QString& file, const DatasetSpec& spec, std::shared_ptr<const PreparedData> data) {
                if (m_checked && m_checked->file == file && m_checked->spec == spec)
                    showAnswer(data.get(), {});
            });
    connect(m_loader, &DataLoader::prepareFailed, this,
            [this](const QString& file, const DatasetSpec& spec, const QString& message) {
                if (m_checked && m_checked->file == file && m_checked->spec == spec)
                    showAnswer(nullptr, message);
            });
}

void DataChecker::forget()
{
    m_checked.reset();
}

void DataChecker::check(const Experiment& e, const QString& workspace)
{
    const QString file = e.dataset.resolvedPath(workspace);
    const Settings settings{file, e.dataset, e.isCommand(), QFileInfo(file).lastModified()};
    if (settings == m_checked)
        return;
    m_checked = settings;
    m_problem.reset();
    m_fileMissing = false;
    m_pending = false;
    m_inferredTask = Task::Auto;
    m_summary.clear();
    if (e.dataset.path.trimmed().isEmpty())
        return; // the validator names the empty field
    if (!QFileInfo(file).isFile()) {
        m_fileMissing = true;
        m_problem = FieldProblem{QStringLiteral("dataset.path"), QStringLiteral("no file at %1").arg(file)};
        return;
    }
    if (e.dataset.target.trimmed().isEmpty())
        return;
    m_pending = true;
    m_summary = tr("Reading the data…");
    m_loader->prepare(file, e.dataset,
                      settings.targetOnly ? DatasetLoader::Use::TargetOnly : DatasetLoader::Use::Features);
}

void DataChecker::showAnswer(const PreparedData* prepared, const QString& problem)
{
    m_pending = false;
    m_summary.clear();
    if (prepared) {
        m_inferredTask = prepared->dataset.task;
        // Your program reads the other columns itself: Seedscape reads only the target.
        const QString columns = m_checked->targetOnly
                                    ? tr("the target read for your program")
                                    : tr("%1 features").arg(prepared->dataset.featureCount());
        m_summary = tr("%1 rows, %2, task %3; split %4 / %5 / %6 rows")
                        .arg(prepared->dataset.rowCount())
                        .arg(columns)
                        .arg(names::task(prepared->dataset.task))
                        .arg(prepared->split.train.size())
                        .arg(prepared->split.validation.size())
                        .arg(prepared->split.test.size());
    } else
        m_problem = FieldProblem{QStringLiteral("dataset.path"), problem};
    Q_EMIT answered();
}

} // namespace seedscape
