#pragma once

#include <QLabel>

namespace seedscape {

// A field's problem under it in a form: the message wraps to the width the form gives it, and a
// long one never widens the form (which then scrolled sideways and hid every label).
// It wraps without being a height-for-width widget: in Qt 6.4 a height-for-width label shown or
// hidden inside a QFormLayout row makes QFormLayout::setGeometry write past its row data (valgrind),
// which corrupted the heap. Its height hint follows its current width instead.
class ProblemLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ProblemLabel(QWidget* parent = nullptr);

    bool hasHeightForWidth() const override { return false; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void resizeEvent(QResizeEvent* event) override;
};

} // namespace seedscape
