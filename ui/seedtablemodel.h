#pragma once

#include "train/seedresult.h"

#include <QAbstractTableModel>

#include <vector>

namespace seedscape {

// The stored seeds of one experiment, one row each: seed, status, scores, best epoch, epochs,
// time and engine. A failed seed shows its reason.
class SeedTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Seed,
        Status,
        Validation,
        Test,
        BestEpoch,
        Epochs,
        Seconds,
        Engine,
        ColumnCount
    };

    explicit SeedTableModel(QObject* parent = nullptr);

    void setSeeds(const QString& experiment, std::vector<SeedResult> seeds);
    const QString& experiment() const { return m_experiment; }
    int rowOf(quint64 seed) const; // -1 when absent
    const SeedResult& seedAt(int row) const { return m_seeds[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_experiment;
    std::vector<SeedResult> m_seeds;
};

} // namespace seedscape
