#pragma once

#include <QObject>
#include <QSet>

class QByteArray;
class QSplitter;

namespace seedscape {

class ExperimentListPanel;
class ExperimentTableModel;

// How the experiment table sits in the window: its share of the splitter above the tabs, and its
// columns' widths. Until the user drags the splitter, the table fits its rows (up to ten) as the
// window is shown and resized; columns grow to fit what they show unless the user sized them.
class ExperimentTableLayout : public QObject
{
    Q_OBJECT

public:
    ExperimentTableLayout(QSplitter* splitter, ExperimentListPanel* list, ExperimentTableModel* experiments,
                          QObject* parent = nullptr);

    // A workspace was opened: columns fit its rows, with room for the longest pick before the
    // statistics arrive; the splitter fits the table again unless restore() says otherwise.
    void startWorkspace();
    // The splitter and columns as the workspace was left (either may be empty: none saved).
    void restore(const QByteArray& splitter, const QByteArray& columns);
    // A rescan added rows: the name column fits the new names (even when the user sized it), and a
    // new row is not hidden.
    void rowsAdded();
    // Statistics arrived: columns the user has not sized grow to fit their numbers (they never
    // shrink, so a live sweep does not make the table jump).
    void statisticsShown();

    static constexpr int kRowsFitted = 10;
    static constexpr int kRowsKeptInView = 3;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitTableToRows();
    // The table's share of the splitter: up to rows rows (of those there are), at most 40%;
    // growOnly: never smaller than it is.
    void setTableHeight(int rows, bool growOnly);
    void growColumn(int column);

    QSplitter* m_splitter;
    ExperimentListPanel* m_list;
    ExperimentTableModel* m_experiments;
    bool m_fitTable = false;      // the table fits its rows until the user moves the splitter
    bool m_sizingColumns = false; // a width set here, not by the user
    QSet<int> m_userSizedColumns;
};

} // namespace seedscape
