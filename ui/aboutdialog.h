#pragma once

#include <QDialog>

namespace seedscape {

// Help → About: the versions a bug report needs (Seedscape, Qt, LibTorch, QCustomPlot) and where
// the data lives (the sample workspace's folder, the open workspace).
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    AboutDialog(const QString& workspace, QWidget* parent = nullptr);

    QString text() const { return m_text; } // what the dialog shows, as plain text
    static QString libtorchVersion();       // from trainingVersions(): what trains the seeds

private:
    QString m_text;
};

} // namespace seedscape
