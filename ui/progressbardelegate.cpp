#include "progressbardelegate.h"

#include "progressstrip.h"

#include <QTreeWidgetItem>

namespace seedscape {

void ProgressBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    // Text too long for the bar loses its end, not both ends: the start says the most.
    const QRect bar = option.rect.adjusted(1, 1, -1, -1);
    const QString text = option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                                       bar.width() - 8);
    ProgressStrip::paint(painter, bar, index.data(kValueRole).toInt(), index.data(kMaximumRole).toInt(), text,
                         option.palette);
}

QSize ProgressBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QSize text = QStyledItemDelegate::sizeHint(option, index);
    return {text.width(), std::max(text.height() + 6, 22)}; // a bar needs a little more than a line
}

void ProgressBarDelegate::setBar(QTreeWidgetItem* item, int column, int value, int maximum,
                                 const QString& text)
{
    item->setData(column, kValueRole, value);
    item->setData(column, kMaximumRole, maximum);
    item->setText(column, text);
}

} // namespace seedscape
