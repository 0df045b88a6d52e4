#include "experimentdialog.h"

#include "experimenteditor.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace seedscape {

ExperimentDialog::ExperimentDialog(const QString& title, const QString& workspaceFolder,
                                   const QStringList& takenNames, const Experiment& start, QWidget* parent)
    : QDialog(parent), m_editor(new ExperimentEditor),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(title);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &ExperimentEditor::changed, this,
            [this] { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_editor->isValid()); });
    m_editor->setWorkspace(workspaceFolder, takenNames);
    m_editor->setExperiment(start);
    resize(1050, 720);
}

Experiment ExperimentDialog::experiment() const
{
    return m_editor->experiment().value_or(Experiment{});
}

QString ExperimentDialog::variantName(const QString& name, const QStringList& takenNames)
{
    const QString base = name + QStringLiteral("-variant");
    QString candidate = base;
    for (int n = 2; takenNames.contains(candidate); ++n)
        candidate = base + QStringLiteral("-%1").arg(n);
    return candidate;
}

Experiment ExperimentDialog::startFrom(const Experiment* selected, bool variant,
                                       const QStringList& takenNames)
{
    Experiment start;
    if (variant && selected) {
        start = *selected;
        start.name = variantName(selected->name, takenNames);
        return start;
    }
    if (selected)
        start.dataset = selected->dataset;
    int n = 1;
    while (takenNames.contains(QStringLiteral("experiment-%1").arg(n)))
        ++n;
    start.name = QStringLiteral("experiment-%1").arg(n);
    return start;
}

} // namespace seedscape
