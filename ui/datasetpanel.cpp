#include "datasetpanel.h"

#include "csvpreviewmodel.h"
#include "dataloader.h"
#include "problemtext.h"

#include "data/preparedata.h"
#include "experiment/experimentnames.h"
#include "store/workspace.h"

#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace seedscape {

namespace {

constexpr int kPreviewRows = 50;

QString describe(const PreparedData& p, const Experiment& e)
{
    const Dataset& d = p.dataset;
    // A command experiment's program reads the other columns itself: they are not features here.
    const QString columns = e.isCommand() ? DatasetPanel::tr("%1 other columns for your program")
                                                .arg(std::max(0, static_cast<int>(d.header.size()) - 1))
                                          : DatasetPanel::tr("%1 features").arg(d.featureCount());
    QString text = DatasetPanel::tr("<b>%1</b> — %2 rows, %3, target <i>%4</i>, task <b>%5</b>")
                       .arg(d.sourceFile.toHtmlEscaped())
                       .arg(d.rowCount())
                       .arg(columns.toHtmlEscaped())
                       .arg(d.targetName.toHtmlEscaped(), names::task(d.task));
    if (isClassification(d.task))
        text +=
            DatasetPanel::tr(" (classes: %1)").arg(d.classNames.join(QStringLiteral(", ")).toHtmlEscaped());
    text += DatasetPanel::tr("<br>Split: %1 train / %2 validation / %3 test rows")
                .arg(p.split.train.size())
                .arg(p.split.validation.size())
                .arg(p.split.test.size());
    text += e.dataset.split.usesColumn()
                ? DatasetPanel::tr(" from column <i>%1</i>").arg(e.dataset.split.column.toHtmlEscaped())
                : DatasetPanel::tr(" (split seed %1%2)")
                      .arg(e.dataset.split.seed)
                      .arg(isClassification(d.task) ? DatasetPanel::tr(", stratified") : QString());
    text += DatasetPanel::tr("; metric <b>%1</b>").arg(names::metric(effectiveMetric(e.metric, d.task)));
    for (const QString& w : d.warnings)
        text += QStringLiteral("<br><span style='color:#a05a00'>⚠ %1</span>").arg(w.toHtmlEscaped());
    return text;
}

} // namespace

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent), m_loader(new DataLoader(this)), m_preview(new CsvPreviewModel(this)),
      m_summary(new QLabel), m_previewView(new QTableView)
{
    m_previewView->setObjectName(QStringLiteral("previewView"));
    m_previewView->setModel(m_preview);
    m_previewView->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_summary->setObjectName(QStringLiteral("datasetSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_previewView, 1);

    // The summary first: the preview is read only for data that loads, as before either is shown.
    connect(m_loader, &DataLoader::prepared, this,
            [this](const QString&, const DatasetSpec&, std::shared_ptr<const PreparedData> data) {
                showPrepared(std::move(data));
            });
    connect(m_loader, &DataLoader::prepareFailed, this,
            [this](const QString&, const DatasetSpec&, const QString& message) { showError(message); });
    connect(m_loader, &DataLoader::previewRead, this, [this](const QString&, const CsvTable& table) {
        m_preview->setTable(table, m_entry->experiment->dataset.target);
        m_previewView->resizeColumnsToContents();
    });
    connect(m_loader, &DataLoader::profiled, this,
            [this](const QString&, const std::vector<ColumnProfile>& columns, int rows) {
                m_preview->setWholeFile(columns, rows);
                m_previewView->resizeColumnsToContents(); // the headers grew by their counts
            });
    connect(m_loader, &DataLoader::previewFailed, this,
            [this](const QString&, const QString& message) { showError(message); });
}

QString DatasetPanel::summary() const
{
    return m_summary->text();
}

void DatasetPanel::showEntry(const QString& workspaceFolder, const WorkspaceEntry* entry)
{
    m_loader->cancel();
    m_preview->clear();
    m_entry = entry ? std::make_unique<WorkspaceEntry>(*entry) : nullptr;
    if (!entry) {
        m_summary->setText(tr("No experiment selected."));
        return;
    }
    if (entry->fileMissing) {
        m_summary->setText(tr("The experiment file of %1 is missing: restore it on the Definition tab to see "
                              "its data here.")
                               .arg(entry->importedName.toHtmlEscaped()));
        return;
    }
    if (entry->isImported()) {
        m_summary->setText(tr("%1 was imported: its predictions are scored against the rows of its labels "
                              "(results/%1/labels.json); there is no data file to show.")
                               .arg(entry->importedName.toHtmlEscaped()));
        return;
    }
    if (!entry->experiment) {
        showError(entry->error);
        return;
    }
    const Experiment& e = *entry->experiment;
    m_file = e.dataset.resolvedPath(workspaceFolder);
    m_summary->setText(tr("Reading %1…").arg(m_file.toHtmlEscaped()));
    m_loader->prepare(m_file, e.dataset,
                      e.isCommand() ? DatasetLoader::Use::TargetOnly : DatasetLoader::Use::Features);
}

void DatasetPanel::showPrepared(std::shared_ptr<const PreparedData> data)
{
    m_summary->setText(describe(*data, *m_entry->experiment));
    m_loader->readPreview(m_file, kPreviewRows);
}

void DatasetPanel::showError(const QString& message)
{
    m_preview->clear();
    m_summary->setText(ProblemText::html(message, m_summary));
}

} // namespace seedscape
