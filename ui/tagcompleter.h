#pragma once

#include <QCompleter>

namespace seedscape {

// Completes the tag being typed in a comma-separated list: "baseline, fo" offers "for paper" and
// completes to "baseline, for paper".
class TagCompleter : public QCompleter
{
    Q_OBJECT

public:
    explicit TagCompleter(QObject* parent = nullptr);

    void setTags(const QStringList& tags);
    QStringList splitPath(const QString& path) const override;
    QString pathFromIndex(const QModelIndex& index) const override;
};

} // namespace seedscape
