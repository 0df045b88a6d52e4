#include "plotcontextmenu.h"

#include "exportactions.h"
#include "plot/plotexporter.h"
#include "plot/plotpage.h"
#include "plot/qcustomplot_include.h"

#include "common/storageerror.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QMenu>
#include <QWidget>

namespace seedscape {

PlotContextMenu::PlotContextMenu(ExportActions* exports, QObject* parent)
    : QObject(parent), m_exports(exports)
{
}

void PlotContextMenu::attach(PlotPage* page)
{
    // The plot itself too: QCustomPlot sets WA_NoMousePropagation, so a right click inside the axes
    // never reached the page's widget (the menu opened only over the margins).
    for (QWidget* widget : {page->widget(), static_cast<QWidget*>(page->plot())}) {
        widget->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(widget, &QWidget::customContextMenuRequested, this,
                [this, page, widget](const QPoint& position) {
                    QMenu* menu = menuFor(page);
                    menu->setAttribute(Qt::WA_DeleteOnClose);
                    menu->popup(widget->mapToGlobal(position));
                });
    }
}

QMenu* PlotContextMenu::menuFor(PlotPage* page)
{
    auto* menu = new QMenu(page->widget());
    menu->addAction(tr("&Export plot…"), this, [this, page] { m_exports->choosePlotFile(page); });
    menu->addAction(tr("Export plot &data…"), this, [this, page] { m_exports->choosePlotDataFile(page); });
    menu->addAction(tr("&Copy image"), this, [this, page] {
        Q_EMIT message(copyImage(page) ? tr("The %1 plot is on the clipboard.").arg(page->name())
                                       : tr("The plot could not be drawn for the clipboard."));
    });
    menu->addSeparator();
    QAction* reset = menu->addAction(tr("&Reset view"), this, [page] { page->resetView(); });
    reset->setEnabled(page->canResetView());
    return menu;
}

bool PlotContextMenu::copyImage(PlotPage* page)
{
    QCustomPlot* plot = page->plot();
    const QSize size = plot->size().isEmpty() ? QSize(800, 600) : plot->size();
    QImage image;
    try {
        image.loadFromData(PlotExporter::encode(plot, PlotExporter::Format::Png, size.width(), size.height(),
                                                192, QStringLiteral("clipboard")),
                           "PNG");
    } catch (const StorageError&) {
        return false;
    }
    if (image.isNull())
        return false;
    QGuiApplication::clipboard()->setImage(image);
    return true;
}

} // namespace seedscape
