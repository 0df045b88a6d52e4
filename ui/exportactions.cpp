#include "exportactions.h"

#include "rememberedfolder.h"

#include "experimenttablemodel.h"
#include "plot/exportplotdialog.h"
#include "plot/plotexporter.h"
#include "plot/plotpage.h"
#include "plot/qcustomplot_include.h"
#include "reportbuilder.h"
#include "reportpdfprinter.h"
#include "workspacesnapshot.h"

#include "common/atomicfile.h"
#include "common/storageerror.h"
#include "stats/datatable.h"
#include "stats/statisticsjson.h"
#include "stats/workspacestatistics.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace seedscape {

namespace {

constexpr QSize kHiddenPlotSize{900, 560}; // a plot never shown has no size of its own

} // namespace

ExportActions::ExportActions(const ExperimentTableModel* experiments, std::vector<PlotPage*> pages,
                             QWidget* window)
    : QObject(window), m_experiments(experiments), m_pages(std::move(pages)), m_window(window)
{
}

bool ExportActions::saved(const QString& path)
{
    m_lastMessage = tr("Saved %1").arg(path);
    Q_EMIT message(m_lastMessage);
    return true;
}

bool ExportActions::failed(const QString& reason)
{
    m_lastMessage = reason;
    Q_EMIT message(m_lastMessage);
    return false;
}

bool ExportActions::write(const QString& path, const QByteArray& bytes)
{
    try {
        AtomicFile::write(path, bytes);
    } catch (const StorageError& e) {
        return failed(e.message());
    }
    return saved(path);
}

bool ExportActions::exportPlot(PlotPage* page, const QString& path, QSize size, int dpi)
{
    QCustomPlot* plot = page->plot();
    if (size.isEmpty())
        size = plot->isVisible() && plot->width() > 1 ? plot->size() : kHiddenPlotSize;
    try {
        PlotExporter::save(plot, path, size.width(), size.height(), dpi);
    } catch (const StorageError& e) {
        return failed(e.message());
    }
    return saved(path);
}

bool ExportActions::exportPlotData(const PlotPage* page, const QString& path)
{
    return write(path, page->dataTable().encodeFor(path));
}

bool ExportActions::exportStatistics(const QString& path)
{
    std::vector<ExperimentStatistics> chosen = m_experiments->checkedStatistics();
    if (path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        return write(path, StatisticsJson::toJson(WorkspaceStatistics::fromExperiments(std::move(chosen)),
                                                  WorkspaceSnapshot::statisticsOptions(),
                                                  m_experiments->definitions()));
    return write(path, DataTable::statistics(chosen).toCsv());
}

bool ExportActions::exportReport(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("html") && suffix != QLatin1String("pdf"))
        return failed(tr("%1: unknown format; use .html or .pdf").arg(path));
    QByteArray bytes;
    try {
        const HtmlReport report = ReportBuilder::build(m_workspace, *m_experiments, m_pages, path);
        bytes = suffix == QLatin1String("html") ? report.toHtml() : ReportPdfPrinter::print(report);
    } catch (const StorageError& e) {
        return failed(e.message());
    }
    return write(path, bytes);
}

void ExportActions::warnIfFailed(bool ok)
{
    if (!ok)
        QMessageBox::warning(m_window, tr("Export"), m_lastMessage);
}

QString ExportActions::suggestedPath(const QString& fileName) const
{
    // Where the last export went (reports and figures usually gather in one folder), else the workspace.
    return RememberedFolder(exportFolderKey()).startIn(m_workspace) + QLatin1Char('/') + fileName;
}

QString ExportActions::exportFolderKey()
{
    return QStringLiteral("dialogs/exportFolder");
}

void ExportActions::choosePlotFile(PlotPage* page)
{
    ExportPlotDialog dialog(suggestedPath(page->name() + QStringLiteral(".png")), page->plot()->size(),
                            m_window);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    RememberedFolder(exportFolderKey()).remember(dialog.path());
    warnIfFailed(exportPlot(page, dialog.path(), dialog.size(), dialog.dpi()));
}

void ExportActions::choosePlotDataFile(const PlotPage* page)
{
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export the plot's data"), suggestedPath(page->name() + QStringLiteral("-data.csv")),
        tr("CSV (*.csv);;JSON (*.json)"));
    RememberedFolder(exportFolderKey()).remember(path);
    if (!path.isEmpty())
        warnIfFailed(exportPlotData(page, path));
}

void ExportActions::chooseStatisticsFile()
{
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export the statistics table"),
                                                      suggestedPath(QStringLiteral("statistics.csv")),
                                                      tr("CSV (*.csv);;JSON (*.json)"));
    RememberedFolder(exportFolderKey()).remember(path);
    if (!path.isEmpty())
        warnIfFailed(exportStatistics(path));
}

void ExportActions::chooseReportFile()
{
    const QString pdf = tr("PDF document (*.pdf)");
    QString filter;
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export a report"),
                                                suggestedPath(QStringLiteral("report.html")),
                                                tr("HTML, figures inline (*.html);;") + pdf, &filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) // a name typed bare takes the chosen format
        path += filter == pdf ? QStringLiteral(".pdf") : QStringLiteral(".html");
    RememberedFolder(exportFolderKey()).remember(path);
    if (!path.isEmpty())
        warnIfFailed(exportReport(path));
}

} // namespace seedscape
