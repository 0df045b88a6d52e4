#include "mainwindow.h"

#include "csvpreviewmodel.h"
#include "experimenttablemodel.h"

#include "common/inputerror.h"
#include "data/csvreader.h"
#include "data/preparedata.h"
#include "experiment/experimentnames.h"
#include "store/atomicfile.h"
#include "store/sampleworkspace.h"

#include <QApplication>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace seedscape {

namespace {

constexpr int kPreviewRows = 50;
constexpr int kRecentCount = 8;
const char* const kRecentKey = "workspaces/recent";

QString describePreparedData(const PreparedData& p, const Experiment& e)
{
    const Dataset& d = p.dataset;
    QString text = QObject::tr("<b>%1</b> — %2 rows, %3 features, target <i>%4</i>, task <b>%5</b>")
                       .arg(d.sourceFile.toHtmlEscaped())
                       .arg(d.rowCount())
                       .arg(d.featureCount())
                       .arg(d.targetName.toHtmlEscaped(), names::task(d.task));
    if (isClassification(d.task))
        text += QObject::tr(" (classes: %1)").arg(d.classNames.join(QStringLiteral(", ")).toHtmlEscaped());
    text += QObject::tr("<br>Split: %1 train / %2 validation / %3 test rows")
                .arg(p.split.train.size())
                .arg(p.split.validation.size())
                .arg(p.split.test.size());
    text += e.dataset.split.usesColumn() ? QObject::tr(" from column <i>%1</i>").arg(e.dataset.split.column.toHtmlEscaped())
                                         : QObject::tr(" (split seed %1%2)")
                                               .arg(e.dataset.split.seed)
                                               .arg(isClassification(d.task) ? QObject::tr(", stratified") : QString());
    text += QObject::tr("; metric <b>%1</b>").arg(names::metric(effectiveMetric(e.metric, d.task)));
    for (const QString& w : d.warnings)
        text += QStringLiteral("<br><span style='color:#a05a00'>⚠ %1</span>").arg(w.toHtmlEscaped());
    return text;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_experiments(new ExperimentTableModel(this)), m_preview(new CsvPreviewModel(this)),
      m_experimentView(new QTableView), m_previewView(new QTableView), m_summary(new QLabel)
{
    setWindowTitle(tr("Seedscape"));
    m_experimentView->setObjectName(QStringLiteral("experimentView"));
    m_experimentView->setModel(m_experiments);
    m_experimentView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_experimentView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_experimentView->setWordWrap(false);
    m_experimentView->verticalHeader()->hide();
    m_previewView->setObjectName(QStringLiteral("previewView"));
    m_previewView->setModel(m_preview);
    m_summary->setObjectName(QStringLiteral("datasetSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* details = new QWidget;
    auto* layout = new QVBoxLayout(details);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_previewView, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_experimentView);
    splitter->addWidget(details);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);

    connect(m_experimentView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showExperiment(current.row()); });
    buildMenus();
    resize(1100, 720);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&Workspace"));
    file->addAction(tr("&Open or create…"), QKeySequence::Open, this, &MainWindow::chooseWorkspace);
    file->addAction(tr("Open &sample workspace"), this, &MainWindow::openSampleWorkspace);
    m_recentMenu = file->addMenu(tr("&Recent"));
    file->addAction(tr("Re&load"), QKeySequence::Refresh, this, &MainWindow::reloadWorkspace);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    rebuildRecentMenu();
}

bool MainWindow::openWorkspace(const QString& folder)
{
    try {
        const Workspace workspace(folder);
        m_workspacePath = workspace.path();
        m_experiments->setEntries(workspace.scan());
        m_experimentView->resizeColumnsToContents();
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return false;
    }
    setWindowTitle(tr("%1 — Seedscape").arg(m_workspacePath));
    statusBar()->showMessage(tr("%n experiment(s) in %1", nullptr, m_experiments->rowCount()).arg(m_workspacePath));
    rememberRecent(m_workspacePath);
    if (m_experiments->rowCount() > 0)
        m_experimentView->selectRow(0);
    else
        showExperiment(-1);
    return true;
}

void MainWindow::reloadWorkspace()
{
    if (!m_workspacePath.isEmpty())
        openWorkspace(m_workspacePath);
}

void MainWindow::chooseWorkspace()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open or create a workspace folder"), m_workspacePath);
    if (!folder.isEmpty())
        openWorkspace(folder);
}

void MainWindow::openSampleWorkspace()
{
    const QString folder = SampleWorkspace::defaultFolder();
    try {
        SampleWorkspace::create(folder);
    } catch (const StorageError& e) {
        statusBar()->showMessage(e.message());
        return;
    }
    openWorkspace(folder);
}

void MainWindow::rememberRecent(const QString& folder)
{
    QSettings settings;
    QStringList recent = settings.value(QString::fromLatin1(kRecentKey)).toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    settings.setValue(QString::fromLatin1(kRecentKey), recent.mid(0, kRecentCount));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QString::fromLatin1(kRecentKey)).toStringList();
    for (const QString& folder : recent)
        m_recentMenu->addAction(folder, this, [this, folder] { openWorkspace(folder); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QString MainWindow::datasetSummary() const
{
    return m_summary->text();
}

void MainWindow::showExperiment(int row)
{
    m_preview->clear();
    if (row < 0 || row >= m_experiments->rowCount()) {
        m_summary->setText(tr("No experiment selected."));
        return;
    }
    const WorkspaceEntry& entry = m_experiments->entry(row);
    if (!entry.experiment) {
        m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(entry.error.toHtmlEscaped()));
        return;
    }
    const Experiment& e = *entry.experiment;
    const QString path = e.dataset.resolvedPath(m_workspacePath);
    try {
        m_summary->setText(describePreparedData(PreparedData::prepare(path, e.dataset), e));
        m_preview->setTable(CsvReader::readPreview(path, kPreviewRows), e.dataset.target);
    } catch (const InputError& error) {
        m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(error.message().toHtmlEscaped()));
    }
}

} // namespace seedscape
