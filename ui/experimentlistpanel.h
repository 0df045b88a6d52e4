#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;

namespace seedscape {

class ExperimentFilterModel;
class ExperimentTableModel;

// The experiments table with its filter box above it (Ctrl+F from the window focuses it, Escape
// clears it) and a context menu of the window's experiment actions on the row under the mouse.
class ExperimentListPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ExperimentListPanel(ExperimentTableModel* experiments, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    ExperimentFilterModel* filterModel() const { return m_filter; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    void focusFilter();
    // The experiments model's row of the current row, or -1; and its experiment's name.
    int selectedRow() const;
    QString selectedExperiment() const;
    // Makes the experiment's row current (nothing when it has no row, or the filter hides it).
    void selectExperiment(const QString& name);
    // The panel's height that shows this many rows without scrolling (with the filter box, the
    // header and a horizontal scroll bar).
    int heightForRows(int rows) const;
    // The actions of the table's context menu; each acts on the selected experiment.
    void setContextActions(QList<QAction*> actions);
    // The context menu for a position in the table's viewport: the row there is selected first.
    // The caller owns the menu (exposed so tests need not open a popup).
    QMenu* contextMenuAt(const QPoint& position);

private:
    void showCount();

    ExperimentTableModel* m_experiments;
    ExperimentFilterModel* m_filter;
    QLineEdit* m_filterEdit;
    QLabel* m_count;
    QTableView* m_view;
    QList<QAction*> m_contextActions;
};

} // namespace seedscape
