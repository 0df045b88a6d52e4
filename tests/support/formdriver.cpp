#include "formdriver.h"

#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QTimer>
#include <QtTest>

namespace seedscape::testsupport {

void typeInto(QWidget* root, const QString& field, const QString& text)
{
    auto* edit = root->findChild<QLineEdit*>(field);
    QVERIFY2(edit, qPrintable(field));
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
}

QString fieldProblem(QWidget* root, const QString& field)
{
    auto* label = root->findChild<QLabel*>(field + QStringLiteral(".problem"));
    return label && !label->isHidden() ? label->text() : QString();
}

ManualTimer::ManualTimer(QWidget* owner, const QString& objectName)
    : m_timer(owner->findChild<QTimer*>(objectName))
{
    if (m_timer)
        m_timer->setInterval(24 * 60 * 60 * 1000);
}

bool ManualTimer::isPending() const
{
    return m_timer && m_timer->isActive();
}

bool ManualTimer::fire()
{
    if (!m_timer)
        return false;
    const bool pending = m_timer->isActive();
    m_timer->stop();
    // timeout() is a private signal: only the meta-object system may emit it from outside.
    QMetaObject::invokeMethod(m_timer, "timeout", Qt::DirectConnection);
    return pending;
}

} // namespace seedscape::testsupport
