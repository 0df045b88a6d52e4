#include "datasetspec.h"

#include <QDir>

namespace seedscape {

bool isClassification(Task task)
{
    return task == Task::Binary || task == Task::Multiclass;
}

QString DatasetSpec::resolvedPath(const QString& baseDir) const
{
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

} // namespace seedscape
