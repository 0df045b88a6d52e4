#pragma once

#include <QDialog>

class QTextBrowser;

namespace seedscape {

// Help → Getting started: a short page on what a seed sweep is, how to read the scatter and
// where to begin.
class GettingStartedDialog : public QDialog
{
    Q_OBJECT

public:
    explicit GettingStartedDialog(QWidget* parent = nullptr);

    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
};

} // namespace seedscape
