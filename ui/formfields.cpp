#include "formfields.h"

#include "problemlabel.h"
#include "problemtext.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace seedscape {

FormFields::FormFields(QObject* parent) : QObject(parent), m_otherProblems(new QLabel)
{
    m_otherProblems->setObjectName(QStringLiteral("otherProblems"));
    m_otherProblems->setStyleSheet(ProblemText::styleSheet(m_otherProblems));
    // Word wrap is safe here: this label sits in a plain box layout, not in a QFormLayout row.
    m_otherProblems->setWordWrap(true);
    m_otherProblems->setVisible(false);
    connect(qApp, &QApplication::focusChanged, this, &FormFields::typingMoved);
}

QWidget* FormFields::withProblem(QWidget* input, const QString& field)
{
    auto* label = new ProblemLabel; // wraps, yet never height-for-width inside the form (see there)
    label->setObjectName(field + QStringLiteral(".problem"));
    label->setStyleSheet(ProblemText::styleSheet(label));
    label->setVisible(false);
    m_problemLabels.insert(field, label);
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(input);
    layout->addWidget(label);
    return box;
}

QGroupBox* FormFields::section(const QString& title, const std::vector<FormRow>& rows)
{
    auto* box = new QGroupBox(title);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const FormRow& row : rows) {
        auto* label = new QLabel(row.label);
        label->setObjectName(row.field + QStringLiteral(".label"));
        label->setToolTip(row.field);
        // A check box names itself: its row has no label to carry the path, so the box does.
        if (row.label.isEmpty() && row.input->toolTip().isEmpty())
            row.input->setToolTip(row.field);
        form->addRow(label, row.input);
        m_order << row.field;
        m_labels.insert(row.field, row.label);
    }
    return box;
}

QString FormFields::shownUnder(const QString& problemField)
{
    // A rule about two fields ("dataset.split") shows under the field it ends with.
    if (problemField == QStringLiteral("dataset.split"))
        return QStringLiteral("dataset.split.test");
    // One argument of the command line, one watched path.
    for (const QString& list : {QStringLiteral("model.command"), QStringLiteral("model.watch")})
        if (problemField.startsWith(list + QLatin1Char('[')))
            return list;
    return problemField;
}

QString FormFields::named(const FieldProblem& problem) const
{
    // Under its own row the row's label names it; the path stays in the tooltip, for the file.
    static const QRegularExpression item(QStringLiteral("^(.+)\\[(\\d+)\\]$"));
    const QRegularExpressionMatch m = item.match(problem.field);
    const QString row = m.hasMatch() ? m.captured(1) : problem.field;
    // A rule about two fields is named by both.
    const QString label =
        row == QStringLiteral("dataset.split") ? tr("Validation and test fractions") : m_labels.value(row);
    if (label.isEmpty())
        return QStringLiteral("%1: %2").arg(problem.field, problem.message);
    if (m.hasMatch()) // one word of a list, counted from 1 as people count
        return tr("%1, item %2: %3").arg(label).arg(m.captured(2).toInt() + 1).arg(problem.message);
    return QStringLiteral("%1: %2").arg(label, problem.message);
}

bool FormFields::isTyping() const
{
    QWidget* focus = QApplication::focusWidget();
    // Only typing waits: a choice in a list or a check box is one act, seen as it happens.
    if (!qobject_cast<QLineEdit*>(focus) && !qobject_cast<QAbstractSpinBox*>(focus))
        return false;
    for (const QLabel* label : m_problemLabels)
        if (label->parentWidget() && label->parentWidget()->window() == focus->window() &&
            label->parentWidget()->parentWidget() &&
            label->parentWidget()->parentWidget()->isAncestorOf(focus))
            return true; // a field of this form
    return false;
}

void FormFields::show(const std::vector<FieldProblem>& problems, Reveal reveal)
{
    m_shown = problems;
    // Any message may move the fields: one under another field ("dataset.split" under the test
    // fraction while the validation fraction is typed) as much as the typed field's own.
    apply(reveal == Reveal::WhatKeepsTheLayout && isTyping());
}

void FormFields::apply(bool typing)
{
    const std::vector<FieldProblem>& problems = m_shown;
    m_holding = false;
    m_problemWaits = false;
    QMap<QString, QStringList> texts, inFile;
    QStringList other;
    for (const FieldProblem& p : problems) {
        const QString field = shownUnder(p.field);
        const QString withPath = QStringLiteral("%1: %2").arg(p.field, p.message);
        if (!m_problemLabels.contains(field)) {
            other << withPath;
            continue;
        }
        texts[field] << named(p);
        inFile[field] << withPath;
    }
    for (auto it = m_problemLabels.begin(); it != m_problemLabels.end(); ++it) {
        QLabel* label = it.value();
        const QString text = texts.value(it.key()).join(QLatin1Char('\n'));
        // While typing: a new message waits hidden, a solved one keeps its lines, empty; another
        // message in the same lines is shown, a longer one waits.
        if (typing && !label->isHidden() && !text.isEmpty() && text != label->text()) {
            label->setMinimumHeight(std::max(label->minimumHeight(), label->height()));
            // The new words' height at this width, not the label's: it still holds the old ones.
            const int needed =
                label->fontMetrics()
                    .boundingRect(QRect(0, 0, label->contentsRect().width(), 1 << 20), Qt::TextWordWrap, text)
                    .height();
            if (needed > label->contentsRect().height()) {
                m_holding = m_problemWaits = true;
                continue;
            }
            label->setText(text);
            label->setToolTip(inFile.value(it.key()).join(QLatin1Char('\n')));
            continue;
        }
        if (typing && (label->isHidden() ? !text.isEmpty() : text.isEmpty())) {
            m_holding = true;
            m_problemWaits = m_problemWaits || !text.isEmpty();
            if (!label->isHidden()) {
                label->setMinimumHeight(std::max(label->minimumHeight(), label->height()));
                label->clear();
                label->setToolTip(QString()); // the problem is gone
            }
            continue;
        }
        label->setMinimumHeight(0);
        label->setText(text);
        label->setToolTip(inFile.value(it.key()).join(QLatin1Char('\n')));
        label->setVisible(!text.isEmpty());
    }
    const QString otherText = other.join(QLatin1Char('\n'));
    if (typing && otherText != m_otherProblems->text()) { // above the form: any change may move it all
        m_holding = true;
        m_problemWaits = m_problemWaits || !otherText.isEmpty();
        return;
    }
    m_otherProblems->setText(otherText);
    m_otherProblems->setVisible(!other.isEmpty());
}

void FormFields::typingMoved()
{
    if (!m_holding)
        return;
    // Left with a click: the form moves once the button is up, so the press and the release
    // land on the same widget (a check box toggles only when both do).
    if (QApplication::mouseButtons() != Qt::NoButton) {
        if (!m_waitingForRelease)
            qApp->installEventFilter(this);
        m_waitingForRelease = true;
        return;
    }
    showHeldBack();
}

bool FormFields::eventFilter(QObject* watched, QEvent* event)
{
    // The last button up: with another still down, the press it began has yet to end.
    if (m_waitingForRelease && event->type() == QEvent::MouseButtonRelease &&
        static_cast<QMouseEvent*>(event)->buttons() == Qt::NoButton) {
        m_waitingForRelease = false;
        qApp->removeEventFilter(this);
        // After the release has reached its widget.
        QMetaObject::invokeMethod(this, &FormFields::showHeldBack, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void FormFields::showHeldBack()
{
    if (!m_holding)
        return;
    const QSet<QString> before = fieldsWithProblems();
    apply(false); // the typing moved on: the focus is where the user put it before the form moves
    Q_EMIT heldBackShown(fieldsWithProblems() - before);
}

QSet<QString> FormFields::fieldsWithProblems() const
{
    QSet<QString> fields;
    for (auto it = m_problemLabels.begin(); it != m_problemLabels.end(); ++it)
        if (!it.value()->isHidden() && !it.value()->text().isEmpty()) // not a solved one's empty lines
            fields.insert(it.key());
    if (!m_otherProblems->isHidden())
        fields.insert(QString());
    return fields;
}

QWidget* FormFields::firstProblem(const QSet<QString>& fields) const
{
    const auto wanted = [&](const QString& field) {
        return fields.isEmpty() || fields.contains(field);
    };
    if (!m_otherProblems->isHidden() && wanted(QString()))
        return m_otherProblems; // above the form
    for (const QString& field : m_order) {
        const QLabel* label = m_problemLabels.value(field);
        // A row hidden with its section (the built-in model's fields under "Your program") cannot be shown.
        if (label && !label->isHidden() && !label->text().isEmpty() && wanted(field) &&
            label->parentWidget() && label->parentWidget()->isVisibleTo(label->window()))
            return label->parentWidget();
    }
    return nullptr;
}

} // namespace seedscape
