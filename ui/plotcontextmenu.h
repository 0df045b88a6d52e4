#pragma once

#include <QObject>

class QMenu;

namespace seedscape {

class ExportActions;
class PlotPage;

// The right-click menu of every plot: export the figure or its data, copy the figure to the
// clipboard (as the PNG export draws it: light, without the selection ring), and reset a view the
// user zoomed or dragged.
class PlotContextMenu : public QObject
{
    Q_OBJECT

public:
    PlotContextMenu(ExportActions* exports, QObject* parent = nullptr);

    // Opens the menu where the page's widget is right-clicked.
    void attach(PlotPage* page);
    // The menu for a page; the caller owns it (exposed so tests need not open a popup).
    QMenu* menuFor(PlotPage* page);
    // The figure as a PNG export of the plot's on-screen size at twice the screen's dpi.
    static bool copyImage(PlotPage* page);

Q_SIGNALS:
    void message(const QString& text);

private:
    ExportActions* m_exports;
};

} // namespace seedscape
