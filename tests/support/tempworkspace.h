#pragma once

#include <QString>
#include <QTemporaryDir>

namespace seedscape::testsupport {

// A workspace in a temporary folder, removed with the object. The workspace is the folder "ws"
// inside it, so files a test writes beside the workspace (exports, outside experiment files)
// never show up in it.
class TempWorkspace
{
public:
    enum class Contents
    {
        Empty,  // the folder does not exist until something creates it
        Sample, // the sample workspace: four experiments on the shipped datasets
    };

    explicit TempWorkspace(Contents contents = Contents::Empty);
    TempWorkspace(const TempWorkspace&) = delete;
    TempWorkspace& operator=(const TempWorkspace&) = delete;

    bool isValid() const { return m_root.isValid(); }
    QString path() const; // the workspace folder
    QString experimentFile(const QString& name) const;
    QString beside(const QString& fileName) const; // a path next to the workspace, not in it

private:
    QTemporaryDir m_root;
};

} // namespace seedscape::testsupport
