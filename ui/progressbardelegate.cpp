#include "progressbardelegate.h"

#include "progressstrip.h"

#include <QPainter>
#include <QTreeWidgetItem>

namespace seedscape {

void ProgressBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    painter->save();
    painter->setFont(option.font); // the row's, which ProgressStrip measures its text in
    ProgressStrip::paint(painter, option.rect.adjusted(1, 1, -1, -1), index.data(kValueRole).toInt(),
                         index.data(kMaximumRole).toInt(), index.data(Qt::DisplayRole).toString(),
                         option.palette);
    painter->restore();
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
