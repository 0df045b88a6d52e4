#pragma once

#include <QWidget>

#include <map>

class QProgressBar;
class QTreeWidget;
class QTreeWidgetItem;

namespace seedscape {

class SweepController;

// The sweep's queue: one row per experiment with a progress bar of its seeds, and under it one
// row per running seed with a progress bar of its epochs. Rows of seeds that ended go away.
class RunQueueView : public QWidget
{
    Q_OBJECT

public:
    explicit RunQueueView(QWidget* parent = nullptr);

    void update(const SweepController& sweeps);

    // For tests: bars shown now, of experiments and of running seeds.
    int experimentBars() const;
    int seedBars() const;
    QProgressBar* experimentBar(const QString& experiment) const;

private:
    QTreeWidget* m_tree;
    std::map<QString, QTreeWidgetItem*> m_experiments;
    std::map<quint64, QTreeWidgetItem*> m_seeds;
};

} // namespace seedscape
