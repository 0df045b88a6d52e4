#pragma once

#include <QObject>

class QWidget;

namespace seedscape {

// A scroll wheel over a form scrolls the form. Without this, a combo box or spin box under the
// pointer takes the wheel and changes its value on the way (and the Definition tab saves it): the
// user scrolled, and the schedule became "step". Guarded widgets take the wheel only while they
// have keyboard focus (clicked or tabbed to); otherwise the event goes on to the scroll area.
class WheelGuard : public QObject
{
    Q_OBJECT

public:
    // Guards every combo box and spin box inside root now (and root itself if it is one).
    static void install(QWidget* root);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
};

} // namespace seedscape
