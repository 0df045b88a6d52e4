#pragma once

#include "experiment/experimentvalidator.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <vector>

class QGroupBox;
class QLabel;
class QWidget;

namespace seedscape {

// One row of the experiment form: its human label ("Learning rate"), the field's path in the
// experiment file ("training.lr", the label's tooltip) and the input, wrapped with its problem label.
struct FormRow
{
    QString label;
    QString field;
    QWidget* input;
};

// The labelled rows of the experiment editor and the problems under them: each row's label says
// what the field is in words and shows its path in the file as a tooltip; each problem shows in
// red under its own field, named by the row's label (a problem no field shows goes to
// otherProblems(), above the form, named by its path).
// The label named "FIELD.label", the message label "FIELD.problem", so tests can find them.
//
// While a text field is being typed in, the messages keep their places: a new problem, or a longer
// message, waits until the focus moves, and a solved one leaves its lines empty until then. A
// message appearing or going at each keystroke moved every field below it, so a click aimed at one
// landed on another.
class FormFields : public QObject
{
    Q_OBJECT

public:
    explicit FormFields(QObject* parent);

    // The input with its (hidden until needed) problem label under it.
    QWidget* withProblem(QWidget* input, const QString& field);
    // A titled group of rows, each field as wide as the group allows; rows come top to bottom.
    QGroupBox* section(const QString& title, const std::vector<FormRow>& rows);
    QLabel* otherProblems() const { return m_otherProblems; }

    // Shows each problem under its field, with the field's label in front of the message. While
    // typing, what would move the fields waits, as said above; Reveal::All shows everything now
    // (another experiment shown in the form is no typing).
    enum class Reveal
    {
        WhatKeepsTheLayout,
        All
    };
    void show(const std::vector<FieldProblem>& problems, Reveal reveal = Reveal::WhatKeepsTheLayout);
    // The fields that show a problem now; "" stands for otherProblems().
    QSet<QString> fieldsWithProblems() const;
    // The topmost shown problem among fields (all when empty), top to bottom as the form is laid
    // out: the row holding the input and its message, or otherProblems(); nullptr when none shows.
    QWidget* firstProblem(const QSet<QString>& fields = {}) const;
    // A problem's message waits for the typing to end (not only a solved one's empty lines).
    bool holdsBackAProblem() const { return m_problemWaits; }

Q_SIGNALS:
    // Messages that waited for the typing to end are shown: these fields' (for scrolling to them;
    // empty when only a message in place changed or solved lines closed).
    void heldBackShown(const QSet<QString>& fields);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    static QString shownUnder(const QString& problemField); // the field whose label shows it
    QString named(const FieldProblem& problem) const;       // "Learning rate: must be …"
    bool isTyping() const;                                  // a text field of the form has the focus
    void apply(bool typing); // shows m_shown; typing: what would move the fields waits
    void typingMoved();      // the focus moved: what waits is shown
    void showHeldBack();

    QLabel* m_otherProblems;
    QMap<QString, QLabel*> m_problemLabels; // field path → its message label
    QMap<QString, QString> m_labels;        // field path → its row's label
    QStringList m_order;                    // the fields of the rows, top to bottom
    std::vector<FieldProblem> m_shown;      // the problems last given to show()
    bool m_holding = false;                 // a message or empty lines wait for the typing to end
    bool m_problemWaits = false;            // of those, a problem's message
    bool m_waitingForRelease = false;       // the focus left with a mouse press: shown on release
};

} // namespace seedscape
