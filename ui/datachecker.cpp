#include "datachecker.h"

#include "dataloader.h"

#include "data/preparedata.h"
#include "experiment/experimentnames.h"

#include <QFileInfo>

namespace seedscape {

namespace {

constexpr std::size_t kFewRows = 20; // below this a split part is said to be few rows

} // namespace

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
    m_fewRows.clear(); // of the data checked before
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
    m_fewRows.clear();
    if (prepared) {
        m_inferredTask = prepared->dataset.task;
        // Your program reads the other columns itself: Seedscape reads only the target.
        const QString columns = m_checked->targetOnly
                                    ? tr("the target read for your program")
                                    : tr("%1 features").arg(prepared->dataset.featureCount());
        const auto train = prepared->split.train.size(), validation = prepared->split.validation.size(),
                   test = prepared->split.test.size();
        m_summary = tr("%1 rows, %2, task %3; split %4 training / %5 validation / %6 test rows")
                        .arg(prepared->dataset.rowCount())
                        .arg(columns)
                        .arg(names::task(prepared->dataset.task))
                        .arg(train)
                        .arg(validation)
                        .arg(test);
        // Valid, yet a model trained on a handful of rows, or scored on one, says little: its
        // seed spread is mostly which rows fell where.
        QStringList few;
        for (const auto& [rows, part] :
             {std::pair{train, tr("training")}, std::pair{validation, tr("validation")},
              std::pair{test, tr("test")}})
            if (rows < kFewRows)
                few << tr("%1 %2 %3").arg(rows).arg(part, rows == 1 ? tr("row") : tr("rows"));
        const QString remedy = m_checked->spec.split.usesColumn()
                                   ? tr("give that part more rows in the split column, or use more data")
                                   : tr("lower the validation and test fractions, or use more data");
        if (!few.isEmpty())
            m_fewRows = tr("Few rows: %1. A model trained or scored on so few rows says little; %2.")
                            .arg(few.join(QStringLiteral(", ")), remedy);
    } else
        m_problem = FieldProblem{QStringLiteral("dataset.path"), problem};
    Q_EMIT answered();
}

} // namespace seedscape
