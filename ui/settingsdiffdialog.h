#pragma once

#include "experiment/experiment.h"

#include <QDialog>
#include <QStringList>

#include <vector>

class QCheckBox;
class QLabel;
class QListWidget;
class QTableView;

namespace seedscape {

class SettingsDiffModel;

// Experiment → Compare settings…: "what did I change in this variant?". The workspace's
// experiments with checkboxes on the left; on the right the checked ones' settings side by side,
// the differing rows highlighted and, by default, the only ones shown. Non-modal: the user keeps
// working in the main window while it is open.
class SettingsDiffDialog : public QDialog
{
    Q_OBJECT

public:
    // all: the workspace's experiments, in the order the list shows them; chosen: the names of
    // those checked at first (names not in all are ignored).
    SettingsDiffDialog(const std::vector<Experiment>& all, const QStringList& chosen,
                       QWidget* parent = nullptr);

    SettingsDiffModel* model() const { return m_model; }
    QCheckBox* onlyDifferencesBox() const { return m_onlyDifferences; }
    QListWidget* experimentList() const { return m_list; }
    QTableView* table() const { return m_table; }
    QString summaryText() const; // "3 of 24 settings differ"

    QStringList checkedNames() const;                   // in the list's order
    void setChecked(const QString& name, bool checked); // nothing happens for an unknown name

protected:
    void changeEvent(QEvent* event) override;

private:
    void compareChecked();
    void updateSummary();

    std::vector<Experiment> m_all;
    QListWidget* m_list;
    QLabel* m_summary;
    QCheckBox* m_onlyDifferences;
    QTableView* m_table;
    SettingsDiffModel* m_model;
};

} // namespace seedscape
