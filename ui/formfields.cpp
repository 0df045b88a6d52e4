#include "formfields.h"

#include "problemlabel.h"
#include "problemtext.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace seedscape {

FormFields::FormFields(QObject* parent) : QObject(parent), m_otherProblems(new QLabel)
{
    m_otherProblems->setObjectName(QStringLiteral("otherProblems"));
    m_otherProblems->setStyleSheet(ProblemText::styleSheet(m_otherProblems));
    // Word wrap is safe here: this label sits in a plain box layout, not in a QFormLayout row.
    m_otherProblems->setWordWrap(true);
    m_otherProblems->setVisible(false);
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
    }
    return box;
}

QString FormFields::shownUnder(const QString& problemField)
{
    // A rule about two fields ("dataset.split") shows under the field it ends with.
    if (problemField == QStringLiteral("dataset.split"))
        return QStringLiteral("dataset.split.test");
    // One argument of the command line, one watched path.
    for (const QString list : {QStringLiteral("model.command"), QStringLiteral("model.watch")})
        if (problemField.startsWith(list + QLatin1Char('[')))
            return list;
    return problemField;
}

void FormFields::show(const std::vector<FieldProblem>& problems)
{
    for (QLabel* label : std::as_const(m_problemLabels)) {
        label->clear();
        label->setVisible(false);
    }
    QStringList other;
    for (const FieldProblem& p : problems) {
        QLabel* label = m_problemLabels.value(shownUnder(p.field));
        const QString text = QStringLiteral("%1: %2").arg(p.field, p.message);
        if (!label) {
            other << text;
            continue;
        }
        label->setText(label->text().isEmpty() ? text : label->text() + QLatin1Char('\n') + text);
        label->setVisible(true);
    }
    m_otherProblems->setText(other.join(QLatin1Char('\n')));
    m_otherProblems->setVisible(!other.isEmpty());
}

QSet<QString> FormFields::fieldsWithProblems() const
{
    QSet<QString> fields;
    for (auto it = m_problemLabels.begin(); it != m_problemLabels.end(); ++it)
        if (!it.value()->isHidden())
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
        if (label && !label->isHidden() && wanted(field) && label->parentWidget() &&
            label->parentWidget()->isVisibleTo(label->window()))
            return label->parentWidget();
    }
    return nullptr;
}

} // namespace seedscape
