#include "gettingstarteddialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace seedscape {

namespace {

QString page()
{
    return GettingStartedDialog::tr(
        "<h2>Getting started</h2>"
        "<h3>What a seed sweep is</h3>"
        "<p>Training the same model on the same data twice, with a different random seed, gives a "
        "different result: the initial weights, the order of the batches and the dropout all change. "
        "A <b>seed sweep</b> trains one experiment with many seeds, so you can see how much of a score "
        "is the model and how much is luck. Seedscape also averages the seeds' predictions into "
        "<b>ensembles</b> (of 3 seeds, and of all of them), which are usually better and steadier than "
        "any single seed.</p>"
        "<h3>How to read the scatter</h3>"
        "<p>The <i>Validation vs test</i> tab puts every seed at its validation score (across) and its "
        "test score (up); better is always up and to the right. Small points are single seeds, larger "
        "ones 3-seed ensembles, the largest the ensemble of all seeds. Points near the diagonal y = x "
        "did as well on test as on validation. A wide cloud means the seed matters a lot: a single run "
        "of that experiment says little. When picking the best seed by validation does not pick the best "
        "on test, the trend line is flat and the correlation low.</p>"
        "<p>Only experiments scored on the same rows as the selected one (same data, target, split and "
        "metric) are drawn together; the others are named in a note.</p>"
        "<h3>Where to start</h3>"
        "<ol>"
        "<li>Select an experiment of the sample workspace in the table.</li>"
        "<li>Press <b>Run</b> (Ctrl+R): its seeds train on every core and appear in the scatter as they "
        "finish. The Runs panel opens beside them while seeds train and shows each running seed; View → "
        "Runs panel shows or hides it at any time.</li>"
        "<li>Check a second experiment in the table to compare it, and look at the <i>Seed spread</i> "
        "and <i>Ensemble size</i> tabs.</li>"
        "<li>Make your own with Experiment → New experiment (Ctrl+N), or Duplicate as variant (Ctrl+D) "
        "to change one setting of an experiment you have.</li>"
        "</ol>");
}

} // namespace

GettingStartedDialog::GettingStartedDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser)
{
    setWindowTitle(tr("Getting started"));
    setObjectName(QStringLiteral("gettingStartedDialog"));
    m_browser->setObjectName(QStringLiteral("gettingStartedText"));
    m_browser->setHtml(page());
    m_browser->setOpenExternalLinks(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(620, 560);
}

} // namespace seedscape
