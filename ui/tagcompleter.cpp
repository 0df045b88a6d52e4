#include "tagcompleter.h"

#include <QAbstractItemView>
#include <QLineEdit>
#include <QStringListModel>

namespace seedscape {

TagCompleter::TagCompleter(QObject* parent) : QCompleter(new QStringListModel(parent), parent)
{
    setCaseSensitivity(Qt::CaseInsensitive);
}

void TagCompleter::setTags(const QStringList& tags)
{
    static_cast<QStringListModel*>(model())->setStringList(tags);
}

QStringList TagCompleter::splitPath(const QString& path) const
{
    return {path.mid(path.lastIndexOf(QLatin1Char(',')) + 1).trimmed()}; // the tag being typed
}

QString TagCompleter::pathFromIndex(const QModelIndex& index) const
{
    // The tags before the one being typed stay as they are.
    const auto* edit = qobject_cast<const QLineEdit*>(widget());
    const QString text = edit ? edit->text() : QString();
    const qsizetype comma = text.lastIndexOf(QLatin1Char(','));
    const QString before = comma < 0 ? QString() : text.left(comma + 1) + QLatin1Char(' ');
    return before + index.data().toString();
}

} // namespace seedscape
