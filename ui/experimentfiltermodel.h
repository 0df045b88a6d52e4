#pragma once

#include <QSortFilterProxyModel>

namespace seedscape {

// The experiments table as shown: sorted by the column's Qt::UserRole (numbers as numbers, undefined
// ones last) and
// filtered by the words of the filter box. A row stays when every word is found, ignoring case, in
// its name, data, model or tags; a word that starts with '#' must be one of its tags (#baseline).
class ExperimentFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ExperimentFilterModel(QObject* parent = nullptr);

    // A new filter text applies to every row, the kept one too.
    void setFilterText(const QString& text);
    // This experiment stays shown while the filter text stays the same, even when an edit (of its
    // tags, say) makes it no longer match: the selected row must not vanish under the user's hands.
    void keepShowing(const QString& name);
    QString filterText() const { return m_text; }
    bool isFiltering() const { return !m_words.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    // Undefined numbers ("—") sort last in both orders: descending put every experiment not run yet
    // above the best one.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    QStringList m_words;
    QString m_kept;
};

} // namespace seedscape
