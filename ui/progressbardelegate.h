#pragma once

#include <QStyledItemDelegate>

class QTreeWidgetItem;

namespace seedscape {

// Paints a column of an item view as a progress bar (ProgressStrip's drawing): the item's
// kValueRole of kMaximumRole, with its display text on the bar. The Runs panel's rows use it: a
// painted bar costs nothing per row, where a widget per row blocks the GUI thread when 64 seeds
// start at once.
class ProgressBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int kValueRole = Qt::UserRole;
    static constexpr int kMaximumRole = Qt::UserRole + 1;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Sets a tree item's bar in a column.
    static void setBar(QTreeWidgetItem* item, int column, int value, int maximum, const QString& text);
};

} // namespace seedscape
