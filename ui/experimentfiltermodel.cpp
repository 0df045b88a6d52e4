#include "experimentfiltermodel.h"

#include "experimenttablemodel.h"

namespace seedscape {

ExperimentFilterModel::ExperimentFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
    // Statistics arrive while a sweep runs: rows re-sort and re-filter as their values change.
    setDynamicSortFilter(true);
}

void ExperimentFilterModel::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_kept.clear();
    invalidateFilter();
}

void ExperimentFilterModel::keepShowing(const QString& name)
{
    if (name == m_kept)
        return;
    m_kept = name;
    if (isFiltering())
        invalidateFilter(); // the row kept before may go now
}

bool ExperimentFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    // An undefined number has ExperimentTableModel's kUndefinedSortValue; an unreadable file's row none.
    const auto undefined = [this](const QModelIndex& index) {
        const QVariant v = index.data(sortRole());
        return !v.isValid() ||
               (v.typeId() == QMetaType::Double && v.toDouble() == ExperimentTableModel::kUndefinedSortValue);
    };
    const bool l = undefined(left), r = undefined(right);
    if (l != r) // descending sorts by lessThan(right, left): last either way
        return sortOrder() == Qt::AscendingOrder ? r : l;
    return QSortFilterProxyModel::lessThan(left, right);
}

bool ExperimentFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const auto* experiments = qobject_cast<const ExperimentTableModel*>(sourceModel());
    if (experiments && !m_kept.isEmpty() && experiments->nameAt(sourceRow) == m_kept)
        return true;
    const QAbstractItemModel* model = sourceModel();
    QStringList tags;
    if (experiments && experiments->entry(sourceRow).experiment)
        tags = experiments->entry(sourceRow).experiment->tags;
    QString text = tags.join(QLatin1Char(' '));
    for (int column :
         {ExperimentTableModel::Name, ExperimentTableModel::Dataset, ExperimentTableModel::Model})
        text += QLatin1Char(' ') + model->index(sourceRow, column, sourceParent).data().toString();
    if (experiments && experiments->entry(sourceRow).experiment)
        text += QLatin1Char(' ') + experiments->entry(sourceRow).experiment->dataset.path;
    for (const QString& word : m_words) {
        const bool found = word.startsWith(QLatin1Char('#')) && word.size() > 1
                               ? tags.contains(word.mid(1), Qt::CaseInsensitive)
                               : text.contains(word, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    return true;
}

} // namespace seedscape
