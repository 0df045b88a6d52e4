#pragma once

#include "train/seedresult.h"

#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QUrl;

namespace seedscape {

class SeedTableModel;

// The Seeds tab: the stored seeds of the selected experiment in a sortable table and, under it,
// the current seed's details: why it failed, the last lines its program wrote to stderr, and
// "Open log" for a command seed's log. The log is opened through an opener that tests replace, so
// that they see the path without launching anything.
class SeedsPanel : public QWidget
{
    Q_OBJECT

public:
    using UrlOpener = std::function<bool(const QUrl&)>;

    explicit SeedsPanel(QWidget* parent = nullptr);

    SeedTableModel* model() const { return m_model; }
    // Replaces the seeds; the current seed stays current while it is still among them. damaged: the
    // experiment's stored files left out (WorkspaceSnapshot::damaged), said above the table.
    void setSeeds(const QString& experiment, std::vector<SeedResult> seeds, const QStringList& damaged = {});
    QString damagedText() const;
    void selectSeed(quint64 seed); // nothing happens for a seed the table lacks
    std::optional<quint64> currentSeed() const;

    void setUrlOpener(UrlOpener opener); // QDesktopServices::openUrl unless replaced
    // Opens the current seed's log; false (and message) when it has none or it cannot be opened.
    bool openLog();
    bool canOpenLog() const;
    QString detailText() const;
    QString stderrText() const; // empty when the current seed kept no stderr lines

Q_SIGNALS:
    void seedChosen(quint64 seed); // the user made a seed current
    void message(const QString& text);

private:
    void showCurrent();
    const SeedResult* current() const;

    SeedTableModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QTableView* m_view;
    QLabel* m_detail;
    QLabel* m_damaged;
    QPlainTextEdit* m_stderr;
    QPushButton* m_openLog;
    UrlOpener m_opener;
    bool m_restoring = false; // setSeeds re-selects the current seed: not the user's choice
};

} // namespace seedscape
