#pragma once

#include <QString>

class QTimer;
class QWidget;

namespace seedscape::testsupport {

// Replaces the text of the QLineEdit named field under root the way a user does: select all, type.
// Fails the running test when there is no such field.
void typeInto(QWidget* root, const QString& field, const QString& text);
// The message shown under a field (the QLabel named "FIELD.problem"), or "" when it has none.
QString fieldProblem(QWidget* root, const QString& field);

// An autosave timer (a single-shot QTimer found by object name) that a test fires itself, so the
// test decides when a save happens and cannot pass or fail by how long anything takes.
class ManualTimer
{
public:
    // Finds the timer and makes its interval a day, so it never fires on its own during a test.
    ManualTimer(QWidget* owner, const QString& objectName);

    bool isValid() const { return m_timer != nullptr; }
    bool isPending() const; // started and not yet fired
    // Fires the timeout now, as if the interval had passed (stopping the timer first, as a
    // single-shot timer is stopped when it fires). Returns whether it was pending.
    bool fire();

private:
    QTimer* m_timer = nullptr;
};

} // namespace seedscape::testsupport
