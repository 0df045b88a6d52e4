#include "experimentdialog.h"

#include "experimenteditor.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace seedscape {

ExperimentDialog::ExperimentDialog(const QString& title, const QString& workspaceFolder,
                                   const QStringList& takenNames, const Experiment& start, QWidget* parent)
    : QDialog(parent), m_editor(new ExperimentEditor),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)),
      m_epochs(m_editor->findChild<QLineEdit*>(QStringLiteral("training.epochs"))),
      m_patience(m_editor->findChild<QLineEdit*>(QStringLiteral("training.early_stopping_patience"))),
      m_patienceEpochs(start.training.epochs)
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
    // After the editor's own connection, so the form is read again once the patience follows.
    connect(m_epochs, &QLineEdit::textEdited, this, &ExperimentDialog::followEpochs);
    resize(1050, 720);
}

void ExperimentDialog::followEpochs(const QString& epochsText)
{
    bool number = false;
    const int epochs = epochsText.trimmed().toInt(&number);
    if (!m_patienceFollowsEpochs || !number || epochs < 1)
        return; // the editor names the problem; the patience waits for a valid number
    // A patience the user chose is theirs to keep.
    if (m_patience->text().trimmed() != QString::number(suggestedPatience(m_patienceEpochs)))
        return;
    m_patienceEpochs = epochs;
    const QString suggested = QString::number(suggestedPatience(epochs));
    if (m_patience->text() == suggested)
        return;
    m_patience->setText(suggested);
    m_editor->recheck();
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
    // Good practice from the start: stop once validation stops improving and keep the best epoch's
    // weights. Files without the field keep meaning "off" (their fingerprints must not change).
    start.training.earlyStoppingPatience = suggestedPatience(start.training.epochs);
    return start;
}

int ExperimentDialog::suggestedPatience(int epochs)
{
    // A tenth of the run, so a slow, long run is not cut off while it still creeps down, but at
    // least 10: a validation score wobbles for a few epochs on a small validation set, and a
    // patience at or above the epochs still restores the best epoch without stopping early.
    return std::max(10, epochs / 10);
}

} // namespace seedscape
