#include "wheelguard.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace seedscape {

void WheelGuard::install(QWidget* root)
{
    auto* guard = new WheelGuard(root);
    QList<QWidget*> guarded;
    for (QComboBox* combo : root->findChildren<QComboBox*>())
        guarded << combo;
    for (QAbstractSpinBox* box : root->findChildren<QAbstractSpinBox*>())
        guarded << box;
    if (qobject_cast<QComboBox*>(root) || qobject_cast<QAbstractSpinBox*>(root))
        guarded << root;
    for (QWidget* widget : guarded) {
        widget->setFocusPolicy(Qt::StrongFocus); // the wheel must not give focus either
        widget->installEventFilter(guard);
    }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    auto* widget = qobject_cast<QWidget*>(watched);
    if (event->type() != QEvent::Wheel || !widget || widget->hasFocus())
        return QObject::eventFilter(watched, event);
    // Ignored and filtered: the widget never sees it, and QApplication passes it to the parents.
    event->ignore();
    return true;
}

} // namespace seedscape
