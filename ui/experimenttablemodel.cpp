#include "experimenttablemodel.h"

#include "common/numberformat.h"

#include "experiment/experimentnames.h"
#include "plot/experimentmarkers.h"
#include "plot/plottheme.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <limits>

namespace seedscape {

namespace {

constexpr int kMarkerPixels = 14; // beside the name, as large as the scatter's legend draws it

} // namespace

ExperimentTableModel::ExperimentTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ExperimentTableModel::setEntries(std::vector<WorkspaceEntry> entries)
{
    // The same files again (a rescan after an edit): update in place, so views keep their selection.
    const bool sameFiles =
        std::equal(entries.begin(), entries.end(), m_entries.begin(), m_entries.end(),
                   [](const WorkspaceEntry& a, const WorkspaceEntry& b) { return a.file == b.file; });
    if (sameFiles) {
        m_entries = std::move(entries);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void ExperimentTableModel::setHidden(const QSet<QString>& names)
{
    m_hidden = names;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Name), index(rowCount() - 1, Name), {Qt::CheckStateRole});
    Q_EMIT visibilityChanged();
}

int ExperimentTableModel::rowOf(const QString& name) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (nameAt(row) == name)
            return row;
    return -1;
}

QString ExperimentTableModel::nameAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const WorkspaceEntry& e = m_entries[static_cast<size_t>(row)];
    return e.experiment ? e.experiment->name : e.importedName;
}

void ExperimentTableModel::setStatistics(std::map<QString, ExperimentStatistics> statistics,
                                         std::map<QString, QStringList> picks,
                                         std::map<QString, int> failedOnly,
                                         std::map<QString, QStringList> damaged)
{
    m_statistics = std::move(statistics);
    m_picks = std::move(picks);
    m_failedOnly = std::move(failedOnly);
    m_damaged = std::move(damaged);
    // Every column: Task and Metric read the statistics too (an "auto" resolved by the seeds).
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void ExperimentTableModel::setCheckpoints(std::map<QString, int> checkpoints)
{
    if (checkpoints == m_checkpoints)
        return;
    m_checkpoints = std::move(checkpoints);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Status), index(rowCount() - 1, Status));
}

void ExperimentTableModel::setRunning(const QSet<QString>& experiments, bool paused)
{
    if (experiments == m_running && paused == m_paused)
        return;
    m_running = experiments;
    m_paused = paused;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Status), index(rowCount() - 1, Status));
}

void ExperimentTableModel::setColours(ExperimentColours colours)
{
    m_colours = std::move(colours);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Name), index(rowCount() - 1, Name), {Qt::DecorationRole});
}

QVariant ExperimentTableModel::marker(const QString& name) const
{
    // No results yet: its colour is not chosen until its first seed is stored. A blank of the same
    // size keeps the names in line.
    const int slot = m_colours.contains(name) ? m_colours.slotOf(name) % ExperimentColours::kPaletteSize : -1;
    auto found = m_markers.find(slot);
    if (found == m_markers.end()) {
        const qreal ratio = qApp->devicePixelRatio();
        QPixmap pixmap(QSize(kMarkerPixels, kMarkerPixels) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        if (slot >= 0)
            pixmap = ExperimentMarkers::pixmap(slot, ExperimentColours::palette(slot), kMarkerPixels, ratio);
        found = m_markers.emplace(slot, pixmap).first;
    }
    return found->second;
}

Qt::ItemFlags ExperimentTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Name && !nameAt(index.row()).isEmpty())
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool ExperimentTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Name || role != Qt::CheckStateRole ||
        nameAt(index.row()).isEmpty())
        return false;
    const QString name = nameAt(index.row());
    if (value.value<Qt::CheckState>() == Qt::Checked)
        m_hidden.remove(name);
    else
        m_hidden.insert(name);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT visibilityChanged();
    return true;
}

QVariant ExperimentTableModel::statisticsData(const QString& name, int seedsAsked, int column, int role) const
{
    const auto it = m_statistics.find(name);
    const ExperimentStatistics* s = it == m_statistics.end() ? nullptr : &it->second;
    const int finished = s ? s->seedCount() : 0;
    const auto failedOnly = m_failedOnly.find(name);
    const int failed = s ? s->failedSeeds : failedOnly == m_failedOnly.end() ? 0 : failedOnly->second;
    const auto show = [](double v) {
        return std::isfinite(v) ? QString::number(v, 'g', 5) : QStringLiteral("—");
    };
    // Sort values: undefined numbers sort last in ascending order.
    const auto sortable = [](double v) {
        return std::isfinite(v) ? v : kUndefinedSortValue;
    };
    // "58.6 ± 1.1", sorted by the mean.
    const auto meanAndInterval = [&](const Spread* spread) {
        if (role == Qt::UserRole)
            return QVariant(sortable(spread ? spread->mean : NAN));
        return spread ? QVariant(formatMeanAndInterval(spread->mean, spread->ciHigh - spread->mean))
                      : QVariant(QStringLiteral("—"));
    };
    switch (column) {
    case Status: {
        // "failed" when every seed tried so far failed: "not run" would hide that it was.
        const QString status = m_running.contains(name)    ? (m_paused ? tr("paused") : tr("running"))
                               : finished >= seedsAsked    ? tr("done")
                               : finished > 0              ? tr("partial")
                               : failed > 0                ? tr("failed")
                               : m_damaged.count(name)     ? tr("damaged")
                               : m_checkpoints.count(name) ? tr("interrupted")
                                                           : tr("not run");
        return status;
    }
    case Pick: {
        // No pick: nothing to sort by, so such rows sort last either way (ExperimentFilterModel).
        const auto picked = m_picks.find(name);
        return picked == m_picks.end() ? QVariant() : QVariant(picked->second.join(QStringLiteral(", ")));
    }
    case Seeds:
        if (role == Qt::UserRole)
            return finished;
        return failed > 0 ? tr("%1/%2 (%3 failed)").arg(finished).arg(seedsAsked).arg(failed)
                          : QStringLiteral("%1/%2").arg(finished).arg(seedsAsked);
    case ValidationMean:
        return meanAndInterval(s ? &s->validation : nullptr);
    case ValidationRange:
        return role == Qt::UserRole ? QVariant(sortable(s ? s->validation.range : NAN))
                                    : QVariant(show(s ? s->validation.range : NAN));
    case EnsembleValidation:
        return role == Qt::UserRole ? QVariant(sortable(s ? s->ensembleValidation : NAN))
                                    : QVariant(show(s ? s->ensembleValidation : NAN));
    case EnsembleTest:
        return role == Qt::UserRole ? QVariant(sortable(s ? s->ensembleTest : NAN))
                                    : QVariant(show(s ? s->ensembleTest : NAN));
    case Gain:
        return role == Qt::UserRole ? QVariant(sortable(s ? s->gainValidation : NAN))
                                    : QVariant(show(s ? s->gainValidation : NAN));
    case ValidationStd:
        return role == Qt::UserRole ? QVariant(sortable(s ? s->validation.std : NAN))
                                    : QVariant(show(s ? s->validation.std : NAN));
    case ValidationIqm:
        return role == Qt::UserRole ? QVariant(sortable(s ? s->validation.iqm : NAN))
                                    : QVariant(show(s ? s->validation.iqm : NAN));
    case TestMean:
        return meanAndInterval(s ? &s->test : nullptr);
    case TestRange:
        return role == Qt::UserRole ? QVariant(sortable(s ? s->test.range : NAN))
                                    : QVariant(show(s ? s->test.range : NAN));
    }
    return {};
}

int ExperimentTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ExperimentTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExperimentTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const WorkspaceEntry& entry = m_entries[static_cast<size_t>(index.row())];
    if (role == Qt::DecorationRole && index.column() == Name)
        return marker(nameAt(index.row()));
    if (entry.isImported())
        return importedData(entry, index.column(), role);
    if (!entry.experiment) {
        if (role == Qt::DisplayRole)
            return index.column() == Name      ? QFileInfo(entry.file).fileName()
                   : index.column() == Dataset ? entry.error
                                               : QVariant();
        if (role == Qt::ToolTipRole)
            return entry.error;
        if (role == Qt::ForegroundRole)
            return PlotTheme::problemText(QGuiApplication::palette()); // reads on dark palettes too
        return {};
    }
    const Experiment& e = *entry.experiment;
    const QString status = index.column() == Status && role == Qt::ToolTipRole
                               ? statisticsData(e.name, e.seeds.count, Status, Qt::DisplayRole).toString()
                               : QString();
    if (status == tr("interrupted")) {
        const int files = m_checkpoints.at(e.name);
        return tr("%1 of a sweep that stopped before its seeds finished %2 in results/%3/checkpoints (unless "
                  "another process trains it now): Run continues them from there.")
            .arg(files == 1 ? tr("A checkpoint") : tr("%1 checkpoints").arg(files),
                 files == 1 ? tr("waits") : tr("wait"), e.name);
    }
    if (role == Qt::ToolTipRole && index.column() == Status && status != tr("running")) {
        const auto damaged = m_damaged.find(e.name);
        if (damaged != m_damaged.end())
            return tr("Left out as damaged:\n%1\nRun sets damaged seeds aside and trains others, and "
                      "rebuilds "
                      "a damaged labels.json or definition.json.")
                .arg(damaged->second.join(QLatin1Char('\n')));
    }
    if (role == Qt::ToolTipRole && index.column() == Dataset)
        return e.dataset.path;
    if (role == Qt::ToolTipRole && index.column() == Name && !e.notes.isEmpty())
        return e.notes; // the Notes tab's text, at a glance
    if (role == Qt::ToolTipRole && index.column() == ValidationMean)
        return tr("mean validation score of single seeds ± half-width of the Student-t 95% interval");
    if (role == Qt::ToolTipRole && index.column() == Gain)
        return tr("all-seed ensemble minus mean single seed, on validation; positive is better");
    if (role == Qt::ToolTipRole && index.column() == Seeds) {
        const auto it = m_statistics.find(e.name);
        const int finished = it == m_statistics.end() ? 0 : it->second.seedCount();
        // The count lowered below the seeds stored: "14/4" is no mistake, and every one counts.
        if (finished > e.seeds.count)
            return tr("%1 seeds stored, more than the %2 the definition asks for: every statistic uses all "
                      "%1")
                .arg(finished)
                .arg(e.seeds.count);
        return tr("finished seeds / seeds the definition asks for");
    }
    if (role == Qt::CheckStateRole && index.column() == Name)
        return m_hidden.contains(e.name) ? Qt::Unchecked : Qt::Checked;
    if (index.column() >= Status && index.column() <= TestRange &&
        (role == Qt::DisplayRole || role == Qt::UserRole))
        return statisticsData(e.name, e.seeds.count, index.column(), role);
    if (role == Qt::TextAlignmentRole && index.column() >= Seeds && index.column() <= TestRange)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (index.column()) {
    case Name:
        return e.name;
    case Dataset:
        return QStringLiteral("%1 → %2").arg(QFileInfo(e.dataset.path).fileName(), e.dataset.target);
    case Tags:
        return e.tags.join(QStringLiteral(", "));
    case Task: {
        // What the seeds were scored as once any exist; before that, what the file says ("auto").
        const auto it = m_statistics.find(e.name);
        return names::task(it != m_statistics.end() ? it->second.task : e.dataset.task);
    }
    case Model:
        return describeModel(e);
    case Metric: {
        const auto it = m_statistics.find(e.name);
        return names::metric(it != m_statistics.end() ? it->second.metric : e.metric);
    }
    }
    return {};
}

// An imported experiment: its statistics as any other's, and in words where a definition would be.
QVariant ExperimentTableModel::importedData(const WorkspaceEntry& entry, int column, int role) const
{
    const QString& name = entry.importedName;
    const auto it = m_statistics.find(name);
    const ExperimentStatistics* s = it == m_statistics.end() ? nullptr : &it->second;
    if (role == Qt::CheckStateRole && column == Name)
        return m_hidden.contains(name) ? Qt::Unchecked : Qt::Checked;
    if (role == Qt::ToolTipRole && (column == Name || column == Model || column == Dataset))
        return entry.fileMissing
                   ? tr("%1.experiment.json is missing; its results keep the definition its seeds were "
                        "trained with (select it to restore the file)")
                         .arg(name)
                   : tr("Imported with seedscape-cli import: predictions made elsewhere, scored against %1")
                         .arg(entry.file + QStringLiteral("/labels.json"));
    if (role == Qt::TextAlignmentRole && column >= Seeds && column <= TestRange)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (column) {
    case Name:
        return name;
    case Status:
        return entry.fileMissing ? tr("file missing") : tr("imported");
    case Seeds: {
        const int finished = s ? s->seedCount() : 0;
        return role == Qt::UserRole ? QVariant(finished) : QVariant(QString::number(finished));
    }
    case Task:
        return s ? names::task(s->task) : QString();
    case Metric:
        return s ? names::metric(s->metric) : QString();
    case Model:
        return entry.fileMissing ? tr("(definition in its results)") : tr("imported predictions");
    case Dataset:
        return tr("its labels");
    case Tags:
        return QString();
    }
    if (column == Pick || (column >= ValidationMean && column <= TestRange))
        return statisticsData(name, s ? s->seedCount() : 0, column, role);
    return {};
}

QVariant ExperimentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Experiment");
    case Dataset:
        return tr("Data → target");
    case Task:
        return tr("Task");
    case Model:
        return tr("Model and training");
    case Metric:
        return tr("Metric");
    case Status:
        return tr("Status");
    case Pick:
        return tr("Pick");
    case Seeds:
        return tr("Seeds");
    case ValidationMean:
        return tr("Val mean ± 95% t");
    case ValidationRange:
        return tr("Val range");
    case EnsembleValidation:
        return tr("Ensemble val");
    case EnsembleTest:
        return tr("Ensemble test");
    case Gain:
        return tr("Ensemble gain");
    case ValidationStd:
        return tr("Val std");
    case ValidationIqm:
        return tr("Val IQM");
    case TestMean:
        return tr("Test mean ± 95% t");
    case TestRange:
        return tr("Test range");
    case Tags:
        return tr("Tags");
    }
    return {};
}

QString ExperimentTableModel::headerToolTip(int section)
{
    // How each number is computed, in the words of docs/statistics.md.
    switch (section) {
    case Name:
        return tr("The experiment's name; its check box says whether the plots show it.");
    case Status:
        return tr(
            "running (or paused), done (every seed asked for is stored), partial, failed (no seed finished, "
            "some failed), damaged (its stored files cannot be read), interrupted (a stopped sweep's "
            "checkpoints wait) or not run.");
    case Pick:
        return tr("Which pick rule chooses the experiment among the checked experiments scored on the same "
                  "rows: ensemble (the best all-seed ensemble validation score; for deploying ensembles) or "
                  "stability (the smallest range of single-seed validation scores, two seeds or more; for "
                  "deploying one seed). The Compare tab says more.");
    case Seeds:
        return tr("Finished seeds of the seeds asked for (seeds.count), and how many failed.");
    case ValidationMean:
        return tr("Mean validation score of the single seeds ± the half-width of the Student-t 95% "
                  "interval of the mean: t(0.975, N − 1) · std / √N, std with N − 1. The interval is "
                  "rounded to two significant digits, the mean to the same decimal place.");
    case ValidationRange:
        return tr("Best minus worst validation score of the single seeds (max − min): the spread the "
                  "seed alone causes.");
    case EnsembleValidation:
        return tr("Validation score of the ensemble of all finished seeds: the metric of the mean of "
                  "their predictions (values, probabilities or probability rows).");
    case EnsembleTest:
        return tr("Test score of the ensemble of all finished seeds, computed as the validation one.");
    case Gain:
        return tr("Ensemble gain on validation: the all-seed ensemble's score minus the mean single-seed "
                  "score, signed so that positive is better (for a lower-is-better metric, mean − "
                  "ensemble).");
    case ValidationStd:
        return tr("Standard deviation of the single seeds' validation scores (N − 1).");
    case ValidationIqm:
        return tr("Interquartile mean of the single seeds' validation scores: ⌊N/4⌋ cut from each end, "
                  "the rest averaged.");
    case TestMean:
        return tr("Mean test score of the single seeds ± the half-width of its Student-t 95% interval.");
    case TestRange:
        return tr("Best minus worst test score of the single seeds.");
    case Metric:
        return tr("The metric the seeds are scored with; \"auto\" resolves to the task's default (rmse, "
                  "auc or accuracy) once seeds exist.");
    case Task:
        return tr("Regression, binary or multiclass: given in the file or detected from the target.");
    case Model:
        return tr("The model (hidden layers, or your program) and its training settings.");
    case Dataset:
        return tr("The data file and the target column; the path is the cell's tooltip.");
    case Tags:
        return tr("The experiment's tags (Notes tab); filter by one with #tag.");
    }
    return {};
}

std::vector<Experiment> ExperimentTableModel::definitions() const
{
    std::vector<Experiment> all;
    for (const WorkspaceEntry& entry : m_entries)
        if (entry.experiment)
            all.push_back(*entry.experiment);
    return all;
}

std::vector<ExperimentStatistics> ExperimentTableModel::checkedStatistics() const
{
    std::vector<ExperimentStatistics> chosen;
    for (int row = 0; row < rowCount(); ++row) {
        const QString name = nameAt(row); // imported ones too
        const auto found = m_statistics.find(name);
        if (!name.isEmpty() && !m_hidden.contains(name) && found != m_statistics.end())
            chosen.push_back(found->second);
    }
    return chosen;
}

} // namespace seedscape
