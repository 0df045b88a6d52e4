#include "tempworkspace.h"

#include "store/sampleworkspace.h"
#include "store/workspace.h"

namespace seedscape::testsupport {

TempWorkspace::TempWorkspace(Contents contents)
{
    if (contents == Contents::Sample)
        SampleWorkspace::create(path());
}

QString TempWorkspace::path() const
{
    return m_root.filePath(QStringLiteral("ws"));
}

QString TempWorkspace::experimentFile(const QString& name) const
{
    return path() + QLatin1Char('/') + name + Workspace::experimentSuffix();
}

QString TempWorkspace::beside(const QString& fileName) const
{
    return m_root.filePath(fileName);
}

} // namespace seedscape::testsupport
